"""Stakeholders subscribe by email (double opt-in) and unsubscribe with one click."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from directory.models import Region, Theme
from portal.models import Output, StakeholderSubscription, Status
from portal.tasks import announce_publication

from .conftest import make_event, make_output

LINK = re.compile(r"https?://\S+/subscribe/(?:confirm|stop)/[\w-]+/")


@pytest.fixture
def theme():
    return Theme.objects.get(slug="remittances")


def subscribe(client, **data):
    return client.post(reverse("portal:subscribe"), {"email": "Stake@Holder.org", **data})


def links(message) -> list[str]:
    return LINK.findall(message.body)


def confirmed(client, on_commit, **data):
    with on_commit(execute=True):
        subscribe(client, **data)
    (confirm_url,) = links(mail.outbox[-1])
    client.post(urlsplit(confirm_url).path)
    return StakeholderSubscription.objects.get()


def publish(login, moderator, output, on_commit):
    with on_commit(execute=True):
        login(moderator).post(
            reverse("portal:review_output", args=[output.pk]), {"decision": "published"}
        )


def test_a_stakeholder_subscribes_confirms_and_receives_the_next_brief_on_the_theme(
    client, member, moderator, login, theme, on_commit, settings
):
    settings.SITE_URL = "https://network.example"
    with on_commit(execute=True):
        response = subscribe(client, topic="briefs", theme=theme.pk)
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["stake@holder.org"]
    (confirm_url,) = links(message)
    assert confirm_url.startswith("https://network.example/")
    path = urlsplit(confirm_url).path
    assert "Confirm my subscription" in client.get(path).content.decode()
    assert not StakeholderSubscription.objects.confirmed().exists()  # a GET changes nothing
    assert "is confirmed" in client.post(path).content.decode()
    assert "already confirmed; nothing changed" in client.post(path).content.decode()

    on_theme = make_output(
        member, title="On theme", kind=Output.Kind.POLICY_BRIEF, status=Status.SUBMITTED
    )
    on_theme.themes.add(theme)
    off_theme = make_output(
        member, title="Off theme", kind=Output.Kind.POLICY_BRIEF, status=Status.SUBMITTED
    )
    off_theme.themes.add(Theme.objects.get(slug="statelessness"))
    report = make_output(member, title="A report", status=Status.SUBMITTED)
    report.themes.add(theme)
    for output in (on_theme, off_theme, report):
        publish(login, moderator, output, on_commit)
    announcement = mail.outbox[-1]
    assert len(mail.outbox) == 2
    assert "On theme" in announcement.subject
    (unsubscribe_url,) = links(announcement)
    assert announcement.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert announcement.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert announce_publication.call("portal.output", on_theme.pk) == 0  # once only


def test_unconfirmed_subscriptions_receive_nothing(client, member, on_commit):
    with on_commit(execute=True):
        subscribe(client, topic="outputs")
    output = make_output(member)
    assert announce_publication.call("portal.output", output.pk) == 0
    assert len(mail.outbox) == 1  # the confirmation only


def test_a_focus_area_and_a_region_match_what_lies_within(client, member, on_commit, theme):
    europe = Region.objects.get(code="150")
    confirmed(client, on_commit, topic="outputs", theme=theme.parent.pk, region=europe.pk)
    inside = make_output(member, title="Inside")
    inside.themes.add(theme)
    inside.countries.add(inside.countries.model.objects.get(code="DE"))
    outside = make_output(member, title="Outside")
    outside.themes.add(theme)
    outside.countries.add(outside.countries.model.objects.get(code="KE"))
    assert announce_publication.call("portal.output", inside.pk) == 1
    assert announce_publication.call("portal.output", outside.pk) == 0


def test_event_subscriptions_get_events(client, member, on_commit):
    confirmed(client, on_commit, topic="events")
    event = make_event(member)
    assert announce_publication.call("portal.event", event.pk) == 1
    assert event.title in mail.outbox[-1].subject


def test_one_click_unsubscribe_needs_no_session_or_csrf_token(client, db, on_commit):
    subscription = confirmed(client, on_commit, topic="briefs")
    url = reverse("portal:unsubscribe", args=[subscription.token])
    strict = Client(enforce_csrf_checks=True)
    assert "Stop these emails?" in strict.get(url).content.decode()
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not StakeholderSubscription.objects.exists()
    again = strict.post(url)
    assert again.status_code == 404 and "Nothing was changed" in again.content.decode()


def test_a_bad_confirmation_link_is_a_clear_page_and_changes_nothing(client, db, on_commit):
    with on_commit(execute=True):
        subscribe(client, topic="briefs")
    url = reverse("portal:confirm_subscription", args=["not-a-real-token"])
    response = client.post(url)
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert not StakeholderSubscription.objects.confirmed().exists()


def test_subscribing_twice_keeps_one_subscription_and_resends_until_confirmed(
    client, db, on_commit
):
    with on_commit(execute=True):
        subscribe(client, topic="briefs")
        subscribe(client, topic="briefs")
    assert StakeholderSubscription.objects.count() == 1
    assert len(mail.outbox) == 2
    subscription = confirmed(client, on_commit, topic="briefs")
    with on_commit(execute=True):
        subscribe(client, topic="briefs")
    assert len(mail.outbox) == 3  # nothing more once confirmed
    assert StakeholderSubscription.objects.get().token == subscription.token


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"topic": "briefs", "email": "not an address"}, "Enter a valid email address."),
        ({"topic": "holidays"}, "Select a valid choice."),
        ({"topic": "events", "region": "REGION"}, "Events are chosen by theme only"),
    ],
)
def test_bad_subscription_input_is_a_form_error(client, db, data, message):
    if data.get("region") == "REGION":
        data["region"] = Region.objects.get(code="150").pk
    response = subscribe(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StakeholderSubscription.objects.exists()


def test_subscriptions_are_rate_limited(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "portal.subscribe": "1/h"}
    assert subscribe(client, topic="briefs").status_code == 200
    assert subscribe(client, topic="events").status_code == 429
