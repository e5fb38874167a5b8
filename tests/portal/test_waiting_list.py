"""Cancelling a registration: the place goes to the first on the waiting list, who is told."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from portal import actions
from portal.models import Registration

from .conftest import make_event

WHO = actions.visitor("127.0.0.1")


def fill(event, count):
    """``count`` registrations in order; the first ``event.capacity`` get places."""
    return [
        actions.register(event, name=f"Person {n}", email=f"p{n}@example.org", who=WHO)[0]
        for n in range(count)
    ]


def statuses(event):
    return dict(
        Registration.objects.filter(event=event).values_list("email", "status").order_by("pk")
    )


@pytest.fixture
def full_event(member):
    return make_event(member, capacity=2)


def test_cancelling_a_place_promotes_the_first_waiting_who_gets_an_email(
    client, full_event, on_commit
):
    with on_commit(execute=True):
        first, _second, third, _fourth = fill(full_event, 4)
    mail.outbox.clear()
    url = reverse("portal:cancel_registration", args=[first.token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Give up your place" in page.content.decode()
    assert Registration.objects.filter(pk=first.pk).exists()  # asking changes nothing
    with on_commit(execute=True):
        response = client.post(url)
    assert response.status_code == 200
    assert "is cancelled" in response.content.decode()
    assert statuses(full_event) == {
        "p1@example.org": "confirmed",
        "p2@example.org": "confirmed",
        "p3@example.org": "waiting",
    }
    third.refresh_from_db()
    assert third.promoted_at is not None
    (message,) = mail.outbox
    assert message.to == ["p2@example.org"]
    assert "A place became free for you" in message.subject
    assert "no longer on the waiting list" in message.body
    assert third.get_cancel_url() in message.body
    (attachment,) = message.attachments
    assert "BEGIN:VEVENT" in attachment[1]


def test_every_registration_email_carries_its_cancel_link(full_event, on_commit):
    with on_commit(execute=True):
        registrations = fill(full_event, 3)
    for registration, message in zip(registrations, mail.outbox, strict=True):
        assert registration.get_cancel_url() in message.body
    assert "To leave the waiting list" in mail.outbox[2].body


def test_leaving_the_waiting_list_promotes_nobody(client, full_event, on_commit):
    with on_commit(execute=True):
        *_taken, waiting, _last = fill(full_event, 4)
    mail.outbox.clear()
    with on_commit(execute=True):
        response = client.post(reverse("portal:cancel_registration", args=[waiting.token]))
    assert response.status_code == 200
    assert statuses(full_event) == {
        "p0@example.org": "confirmed",
        "p1@example.org": "confirmed",
        "p3@example.org": "waiting",
    }
    assert mail.outbox == []


def test_a_bad_or_used_cancel_link_is_a_clear_404_and_changes_nothing(
    client, full_event, on_commit
):
    with on_commit(execute=True):
        first, *_rest = fill(full_event, 3)
    url = reverse("portal:cancel_registration", args=[first.token])
    assert client.post(url).status_code == 200
    before = statuses(full_event)
    for response in (
        client.post(url),
        client.get(url),
        client.post(reverse("portal:cancel_registration", args=["made-up"])),
    ):
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    assert statuses(full_event) == before


def test_cancelling_is_rate_limited_by_address(client, full_event, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "portal.register": "2/h"}
    url = reverse("portal:cancel_registration", args=["no-such-token"])
    assert client.post(url).status_code == 404
    assert client.post(url).status_code == 404
    assert client.post(url).status_code == 429


def test_a_freed_place_past_a_reduced_capacity_goes_to_nobody(full_event, on_commit):
    with on_commit(execute=True):
        first, *_rest = fill(full_event, 3)
    type(full_event).objects.filter(pk=full_event.pk).update(capacity=1)
    cancelled, promoted = actions.cancel_registration(first.token, who=WHO)
    assert cancelled.email == first.email and promoted is None
    assert list(statuses(full_event).values()) == ["confirmed", "waiting"]


def _at_once(*calls):
    """Run each call in its own thread and database connection, released together."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_once_promote_two_different_people(postgres_url, member):
    event = make_event(member, capacity=2)
    first, second, *_waiting = fill(event, 5)
    results = _at_once(
        lambda: actions.cancel_registration(first.token, who=actions.visitor("10.0.0.1")),
        lambda: actions.cancel_registration(second.token, who=actions.visitor("10.0.0.2")),
    )
    promoted = sorted(result[1].email for result in results)
    assert promoted == ["p2@example.org", "p3@example.org"]
    assert statuses(event) == {
        "p2@example.org": "confirmed",
        "p3@example.org": "confirmed",
        "p4@example.org": "waiting",
    }


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_one_link_used_twice_at_once_frees_one_place(postgres_url, member):
    event = make_event(member, capacity=1)
    first, *_waiting = fill(event, 3)

    def cancel():
        return actions.cancel_registration(first.token, who=WHO)

    results = _at_once(cancel, cancel)
    assert sorted(result[0] is None for result in results) == [False, True]
    assert statuses(event) == {"p1@example.org": "confirmed", "p2@example.org": "waiting"}
