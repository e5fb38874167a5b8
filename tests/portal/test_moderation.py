"""Members submit outputs and propose events; moderators publish them from the product."""

from datetime import UTC, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, Entry
from portal.models import Event, Output, Status

from .conftest import PDF, make_event, make_output


def output_post(**extra):
    return {
        "kind": "policy_brief",
        "title": "Heat and the move to cities",
        "date": "2026-06-01",
        "abstract": "Cities absorb people leaving **heat-stressed** farms.",
        "recommendations": "Fund cooling centres\nCount internal movers",
        "authors_text": "alice@gcm.unu.example\nR. Outside Author",
        **extra,
    }


def event_post(**extra):
    return {
        "kind": "seminar",
        "title": "Data on internal displacement",
        "start": "2027-03-10T14:00",
        "end": "2027-03-10T16:00",
        "time_zone": "Asia/Kuala_Lumpur",
        "place": "Kuala Lumpur",
        "description": "A seminar.",
        **extra,
    }


def test_a_member_submits_a_policy_brief_with_linked_and_named_authors(login, member):
    client = login(member)
    response = client.post(reverse("portal:output_new"), output_post(submit="1"))
    output = Output.objects.get()
    assert response.status_code == 302
    assert output.status == Status.SUBMITTED
    assert output.submitted_by == member
    assert [(a.member, a.name) for a in output.authors.all()] == [
        (member, "Alice Moreau"),
        (None, "R. Outside Author"),
    ]
    assert output.recommendation_list == ["Fund cooling centres", "Count internal movers"]
    assert "<strong>heat-stressed</strong>" in output.abstract_html


def test_saving_as_a_draft_keeps_it_out_of_the_queue(login, member, moderator):
    login(member).post(reverse("portal:output_new"), output_post(draft="1"))
    assert Output.objects.get().status == Status.DRAFT
    login(moderator)
    assert (
        "Heat and the move"
        not in login(moderator).get(reverse("moderation:portal")).content.decode()
    )


def test_an_unknown_member_address_is_a_form_error_that_keeps_the_input(login, member):
    response = login(member).post(
        reverse("portal:output_new"), output_post(authors_text="nobody@nowhere.example")
    )
    assert response.status_code == 400
    assert "No member has the address nobody@nowhere.example" in response.content.decode()
    assert "Heat and the move to cities" in response.content.decode()
    assert not Output.objects.exists()


def test_recommendations_belong_to_policy_briefs_only(login, member):
    response = login(member).post(reverse("portal:output_new"), output_post(kind="report"))
    assert response.status_code == 400
    assert "Only a policy brief lists recommendations." in response.content.decode()


def test_visitors_and_non_members_cannot_submit(client, newcomer):
    assert client.get(reverse("portal:output_new")).status_code == 302
    client.force_login(newcomer)
    assert client.post(reverse("portal:output_new"), output_post()).status_code == 302
    assert not Output.objects.exists()


def test_a_moderator_publishes_and_the_act_is_logged(login, member, moderator):
    output = make_output(member, status=Status.SUBMITTED)
    client = login(moderator)
    page = client.get(reverse("moderation:portal")).content.decode()
    assert output.title in page
    response = client.post(
        reverse("portal:review_output", args=[output.pk]), {"decision": "published"}
    )
    assert response.status_code == 302
    output.refresh_from_db()
    assert output.status == Status.PUBLISHED and output.published_at is not None
    entry = Entry.objects.get()
    assert (entry.actor, entry.action, entry.target_label, entry.area) == (
        moderator,
        Action.PUBLISH_OUTPUT,
        output.title,
        "portal",
    )
    client.logout()
    assert client.get(output.get_absolute_url()).status_code == 200


def test_declining_needs_a_reason_and_the_member_reads_it(login, member, moderator):
    event = make_event(member, status=Status.SUBMITTED)
    client = login(moderator)
    url = reverse("portal:review_event", args=[event.pk])
    assert client.post(url, {"decision": "declined"}).status_code == 400
    client.post(url, {"decision": "declined", "reason": "Outside the network's themes."})
    event.refresh_from_db()
    assert event.status == Status.DECLINED
    assert Entry.objects.get().action == Action.DECLINE_EVENT
    page = login(member).get(reverse("portal:mine")).content.decode()
    assert "Outside the network&#x27;s themes." in page


def test_members_cannot_review(login, member, other_member):
    output = make_output(member, status=Status.SUBMITTED)
    client = login(other_member)
    assert client.get(reverse("moderation:portal")).status_code == 403
    response = client.post(
        reverse("portal:review_output", args=[output.pk]), {"decision": "published"}
    )
    assert response.status_code == 403
    output.refresh_from_db()
    assert output.status == Status.SUBMITTED


def test_only_the_submitter_edits_before_publication(login, member, other_member):
    output = make_output(member, status=Status.SUBMITTED)
    url = reverse("portal:output_edit", args=[output.pk])
    assert login(other_member).get(url).status_code == 404  # not even visible to them
    assert login(member).get(url).status_code == 200
    published = make_output(member, title="Published one")
    assert login(member).get(reverse("portal:output_edit", args=[published.pk])).status_code == 403


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00 not a pdf at all", "report.pdf", "This file is not a PDF"),
        (PDF, "report.exe", "Choose a file whose name ends in .pdf."),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "cut.pdf", "damaged or cut short"),
    ],
)
def test_bad_pdfs_are_form_errors(login, member, content, name, message):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = login(member).post(reverse("portal:output_new"), output_post(pdf=upload))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Output.objects.exists()


def test_an_oversized_pdf_is_refused(login, member, settings):
    settings.PORTAL_PDF_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.pdf", PDF + b"%" * 200 + b"\n%%EOF\n")
    response = login(member).post(reverse("portal:output_new"), output_post(pdf=upload))
    assert response.status_code == 400
    assert "a PDF may be at most 100" in response.content.decode()


def test_a_pdf_is_served_as_an_attachment_with_a_safe_name(login, member, client):
    upload = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    login(member).post(
        reverse("portal:output_new"),
        output_post(pdf=upload, title='Évora "report"; rm -rf / <b>', submit="1"),
    )
    output = Output.objects.get()
    url = reverse("portal:output_pdf", args=[output.pk])
    client.logout()
    assert client.get(url).status_code == 404  # not published yet
    Output.objects.filter(pk=output.pk).update(status=Status.PUBLISHED)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="evora-report-rm-rf-b.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_an_event_is_stored_in_its_own_time_zone(login, member):
    response = login(member).post(reverse("portal:event_new"), event_post(submit="1"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == Status.SUBMITTED
    assert event.start.astimezone(UTC).isoformat() == "2027-03-10T06:00:00+00:00"
    assert event.local_start.hour == 14


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end": "2027-03-10T13:00"}, "The event cannot end before it starts."),
        ({"time_zone": "Mars/Olympus_Mons"}, "Select a valid choice."),
        ({"start": "10 March, afternoon"}, "Enter a valid date/time."),
        ({"place": ""}, "Give a place, an online link, or both."),
        (
            {"capacity": "30", "registration_url": "https://example.org/r"},
            "Either register here",
        ),
    ],
)
def test_bad_event_input_is_a_form_error(login, member, change, message):
    response = login(member).post(reverse("portal:event_new"), event_post(**change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Data on internal displacement" in response.content.decode()
    assert not Event.objects.exists()


def test_editing_an_event_shows_its_local_times(login, member):
    event = make_event(member, status=Status.DRAFT)
    page = login(member).get(reverse("portal:event_edit", args=[event.pk])).content.decode()
    assert f'value="{event.local_start:%Y-%m-%dT%H:%M}"' in page


def test_a_moderator_marks_a_curated_practice_public(login, moderator, member):
    from forum import actions as forum_actions
    from forum.models import Category, Practice

    category = Category.objects.create(name="Practices", slug="practices")
    practice = forum_actions.submit_practice(
        member, category=category, title="Welcome desks", summary="Desks.", what_worked="Trust."
    )
    client = login(moderator)
    url = reverse("portal:practice_public", args=[practice.pk])
    assert client.post(url, {"public": "1"}).status_code == 404  # not curated yet
    forum_actions.review_practice(moderator, practice, Practice.Status.CURATED)
    assert client.post(url, {"public": "1"}).status_code == 302
    practice.refresh_from_db()
    assert practice.is_public
    assert Entry.objects.filter(action=Action.PRACTICE_PUBLIC).exists()
    assert login(member).post(url, {"public": "0"}).status_code == 403


def test_past_events_take_no_registrations(member):
    start = timezone.now() - timedelta(days=3)
    event = make_event(member, start=start, capacity=10)
    assert not event.takes_registrations


def test_the_portal_queue_filters_by_kind_and_status_and_opens_on_what_awaits_review(
    login, member, moderator
):
    make_output(member, title="Waiting brief", status=Status.SUBMITTED)
    make_output(member, title="Published brief", status=Status.PUBLISHED)
    make_event(member, title="Waiting symposium", status=Status.SUBMITTED)
    make_output(member, title="Draft brief", status=Status.DRAFT)
    queue = reverse("moderation:portal")
    client = login(moderator)

    def titles(**query):
        page = client.get(queue, query).content.decode()
        return {
            t
            for t in ("Waiting brief", "Published brief", "Waiting symposium", "Draft brief")
            if f">{t}</a>" in page
        }

    assert titles() == {"Waiting brief", "Waiting symposium"}
    assert titles(kind="event") == {"Waiting symposium"}
    assert titles(kind="output", status="published") == {"Published brief"}
    assert titles(status="") == {"Waiting brief", "Published brief", "Waiting symposium"}
    page = client.get(queue).content.decode()
    assert 'class="stack"' in page and 'data-label="Title"' in page
    assert (
        "No output or event matches." in client.get(queue, {"status": "declined"}).content.decode()
    )
    assert login(member).get(queue, {"kind": "event"}).status_code == 403


def test_the_portal_queue_is_paginated_with_as_many_queries_whatever_its_size(
    login, member, moderator, assert_stable_queries
):
    count = iter(range(1000))

    def grow(n=14):
        for _ in range(n):
            i = next(count)
            make_output(member, title=f"Brief {i}", status=Status.SUBMITTED)
            make_event(member, title=f"Event {i}", status=Status.SUBMITTED)

    grow(2)
    queue = reverse("moderation:portal")
    client = login(moderator)
    # the count, one page of the union, the outputs and the events on it, the practices
    assert assert_stable_queries(client, queue, grow) <= 8
    page = client.get(queue).content.decode()
    assert "Page 1 of 2" in page and 'rel="next"' in page
    assert "Page 2 of 2" in client.get(queue, {"page": 2}).content.decode()
