"""The moderation area: one navigation over every queue, the one audit log and its CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import actions as account_actions
from audit.actions import record
from audit.models import Entry
from conversations import actions as conversation_actions
from directory import actions as directory_actions
from directory.models import Keyword
from forum import actions as forum_actions

pytestmark = pytest.mark.django_db

LOG = reverse("moderation:log")
CSV_URL = reverse("moderation:log_csv")


def rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_overview_counts_every_queue_and_shows_the_latest_acts(
    moderator, applicant, member, login
):
    Keyword.objects.create(name="circular migration", proposed_by=member)
    account_actions.approve_application(moderator, applicant.applications.get(), reason="Welcome")
    html = login(moderator).get(reverse("moderation:index")).content.decode()
    for name in ("applications", "reports", "practices", "portal", "keywords", "invitations"):
        assert reverse(f"moderation:{name}") in html
    assert '<strong class="count">1</strong> Proposed keywords' in html
    assert "Approved an application" in html and "Welcome" in html


@pytest.mark.parametrize(
    "name",
    [
        "index",
        "applications",
        "people",
        "reports",
        "practices",
        "messages",
        "portal",
        "keywords",
        "invitations",
        "log",
    ],
)
def test_every_queue_is_in_the_one_navigation_for_moderators_only(
    name, moderator, member, login, client
):
    url = reverse(f"moderation:{name}")
    response = login(moderator).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    nav = html[html.index('aria-label="Moderation" class="subnav"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'href="{url}" aria-current="page"' in nav
    assert reverse("moderation:log") in nav and reverse("moderation:keywords") in nav
    assert reverse("moderation:institutes") not in nav  # administrators only
    assert login(member).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_administrators_see_the_institutes_in_the_navigation(admin_user, login):
    html = login(admin_user).get(reverse("moderation:index")).content.decode()
    assert reverse("moderation:institutes") in html


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/accounts/moderation/applications/", "moderation:applications"),
        ("/accounts/moderation/people/", "moderation:people"),
        ("/forum/moderation/", "moderation:reports"),
        ("/forum/moderation/log/", "moderation:log"),
        ("/portal/moderation/", "moderation:portal"),
        ("/directory/keywords/", "moderation:keywords"),
        ("/messages/reports/", "moderation:messages"),
    ],
)
def test_the_old_addresses_lead_to_the_area(old, new, moderator, login):
    response = login(moderator).get(old)
    assert response.status_code == 302
    assert response["Location"] == reverse(new)


def test_every_app_s_acts_land_in_the_one_log_once(
    moderator, applicant, member, other_member, thread, login
):
    account_actions.approve_application(moderator, applicant.applications.get())
    post = forum_actions.reply(other_member, thread, "Spam")
    forum_actions.hide_post(moderator, post, reason="Spam")
    keyword = Keyword.objects.create(name="remittances", proposed_by=member)
    directory_actions.approve_keyword(moderator, keyword)
    conversation = conversation_actions.start(
        other_member, [member], subject="Hello", body="Buy visas"
    )
    report = conversation_actions.report(member, conversation.messages.get(), "Spam")
    conversation_actions.resolve_report(moderator, report.pk, "Warned")
    conversation_actions.resolve_report(moderator, report.pk, "Twice")  # already resolved
    account_actions.deactivate_member(moderator, other_member, reason="Spam again")
    assert list(Entry.objects.order_by("pk").values_list("area", "action", "member")) == [
        ("membership", "approve_application", applicant.pk),
        ("forum", "hide", other_member.pk),
        ("directory", "approve_keyword", None),
        ("conversations", "resolve_message_report", other_member.pk),
        ("membership", "deactivate", other_member.pk),
    ]


def test_the_log_filters_by_area_act_who_subject_and_dates(
    moderator, admin_user, member, other_member, login
):
    record(moderator, "deactivate", member=member, label=member.display_name, reason="A")
    record(admin_user, "appoint_moderator", member=other_member, label="Bob Mensah")
    old = record(moderator, "hide", label="Old thread")
    Entry.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=30))
    client = login(moderator)

    def shown(**params):
        page = client.get(LOG, params)
        assert page.status_code == 200
        return [entry.action for entry in page.context["page"].object_list]

    assert shown() == ["appoint_moderator", "deactivate", "hide"]
    assert shown(area="membership") == ["deactivate"]
    assert shown(action="hide") == ["hide"]
    assert shown(actor="Ada") == ["appoint_moderator"]
    assert shown(subject="bob") == ["appoint_moderator"]
    assert shown(subject="old thr") == ["hide"]
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    assert shown(since=since) == ["appoint_moderator", "deactivate"]


def test_a_bad_filter_is_a_400_with_the_reason_not_a_500(moderator, login):
    response = login(moderator).get(LOG, {"since": "yesterday", "area": "nowhere"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    assert login(moderator).get(CSV_URL, {"since": "yesterday"}).status_code == 400


def test_the_log_exports_as_csv_filtered_and_formula_neutral(moderator, member, login):
    record(moderator, "deactivate", member=member, label=member.display_name, reason="=1+1")
    record(moderator, "hide", label="@SUM(A1)", reason="-2", details="+cmd")
    response = login(moderator).get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="audit-log.csv"' in response["Content-Disposition"]
    table = rows(response)
    assert table[0] == [
        "When",
        "Who",
        "Area",
        "What",
        "On whom",
        "On what",
        "Why",
        "Details",
        "Link",
    ]
    hide, deactivate = table[1], table[2]
    assert hide[1:8] == ["Mona Castillo", "Forum", "Hid a post", "", "'@SUM(A1)", "'-2", "'+cmd"]
    assert deactivate[3:7] == ["Deactivated a member", "Alice Moreau", "Alice Moreau", "'=1+1"]
    only = rows(login(moderator).get(CSV_URL, {"action": "hide"}))
    assert len(only) == 2 and only[1][3] == "Hid a post"


def test_the_csv_is_for_moderators_only(member, login, client):
    assert login(member).get(CSV_URL).status_code == 403
    client.logout()
    assert client.get(CSV_URL).status_code == 302


def test_the_log_and_the_overview_run_a_fixed_number_of_queries(
    moderator, member, other_member, thread, login, assert_stable_queries
):
    def grow():
        for _ in range(3):
            post = forum_actions.reply(other_member, thread, f"Spam {timezone.now()}")
            forum_actions.hide_post(moderator, post, reason="Spam")
            record(moderator, "deactivate", member=member, label="Alice")

    grow()
    client = login(moderator)
    assert assert_stable_queries(client, LOG, grow) == 4
    assert assert_stable_queries(client, reverse("moderation:index"), grow) == 10


def test_the_csv_runs_a_fixed_number_of_queries(
    moderator, member, login, django_assert_num_queries
):
    client = login(moderator)
    client.get(LOG)
    for total in (30, 60):
        while Entry.objects.count() < total:
            record(moderator, "deactivate", member=member, label="Alice")
        with django_assert_num_queries(3):
            assert len(rows(client.get(CSV_URL))) == total + 1
