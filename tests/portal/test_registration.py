"""Registering for an event here: places up to the capacity, then a waiting list; an email."""

import pytest
from django.core import mail
from django.urls import reverse

from portal import actions
from portal.models import Registration, Status

from .conftest import make_event


@pytest.fixture
def small_event(member):
    return make_event(member, capacity=2)


def register(client, event, email, name="Visitor"):
    return client.post(reverse("portal:register", args=[event.pk]), {"name": name, "email": email})


def test_a_visitor_registers_and_gets_a_confirmation_with_the_calendar_entry(
    client, small_event, on_commit
):
    with on_commit(execute=True):
        response = register(client, small_event, "Guest@Example.org", "Grace Guest")
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.email, registration.status) == (
        "guest@example.org",
        Registration.Status.CONFIRMED,
    )
    (message,) = mail.outbox
    assert message.to == ["guest@example.org"]
    assert small_event.title in message.subject
    assert "Hello Grace Guest" in message.body
    (attachment,) = message.attachments
    assert attachment[2] == "text/calendar"
    assert "BEGIN:VEVENT" in attachment[1]
    assert "Your place is booked" in client.get(small_event.get_absolute_url()).content.decode()


def test_past_capacity_registrations_join_the_waiting_list(client, small_event, on_commit):
    with on_commit(execute=True):
        for number in range(3):
            assert register(client, small_event, f"p{number}@example.org").status_code == 302
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waiting"]
    assert "Waiting list" in mail.outbox[2].subject
    assert not mail.outbox[2].attachments
    page = client.get(small_event.get_absolute_url()).content.decode()
    assert "you are on the waiting list" in page


def test_registering_twice_changes_nothing(client, small_event, on_commit):
    with on_commit(execute=True):
        register(client, small_event, "same@example.org")
        register(client, small_event, "SAME@example.org")
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_confirmation_task_sends_once(small_event, on_commit):
    registration, created = actions.register(
        small_event, name="A", email="a@example.org", who=actions.visitor("127.0.0.1")
    )
    from portal.tasks import send_registration_email

    assert created
    assert send_registration_email.call(registration.pk) is True
    assert send_registration_email.call(registration.pk) is False
    assert len(mail.outbox) == 1


def test_bad_registration_input_is_a_form_error(client, small_event):
    response = register(client, small_event, "not an address", "Someone")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Registration.objects.exists()


def test_no_registration_for_unpublished_or_link_registered_events(client, member):
    draft = make_event(member, capacity=5, status=Status.SUBMITTED)
    assert register(client, draft, "x@example.org").status_code == 404
    elsewhere = make_event(member, registration_url="https://example.org/register")
    response = register(client, elsewhere, "x@example.org")
    assert response.status_code == 400
    assert "This event does not take registrations." in response.content.decode()
    assert not Registration.objects.exists()


def test_visitors_registrations_are_rate_limited(client, small_event, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "portal.register": "2/h"}
    assert register(client, small_event, "a@example.org").status_code == 302
    assert register(client, small_event, "b@example.org").status_code == 302
    assert register(client, small_event, "c@example.org").status_code == 429
