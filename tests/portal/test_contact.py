"""The public contact form: delivered through a task, rate-limited, CSRF-checked, robots trapped."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("portal:contact")
MESSAGE = {
    "name": "Amina Policy",
    "email": "amina@ministry.example",
    "subject": "Briefing on climate mobility",
    "message": "Could one of your experts brief our unit\non climate mobility in the Sahel?",
    "website": "",
}


def test_a_visitor_s_message_reaches_the_contact_address_through_the_task_worker(
    client, on_commit, settings
):
    settings.PORTAL_CONTACT_EMAIL = "coordinators@network.example"
    with on_commit(execute=True) as callbacks:
        response = client.post(URL, MESSAGE, follow=True)
    assert len(callbacks) == 1  # the email goes after commit, as a task
    assert response.status_code == 200
    assert "your message was sent" in response.content.decode()
    (sent,) = mail.outbox
    assert sent.to == ["coordinators@network.example"]
    assert sent.reply_to == ["amina@ministry.example"]
    assert sent.subject == "[Contact form] Briefing on climate mobility"
    assert "Amina Policy <amina@ministry.example>" in sent.body
    assert "on climate mobility in the Sahel?" in sent.body


def test_the_contact_page_shows_the_form_to_a_member_too(login, member):
    page = login(member).get(URL).content.decode()
    assert 'name="message"' in page and 'name="csrfmiddlewaretoken"' in page


def test_bad_input_is_a_form_error_that_keeps_what_was_typed(client, on_commit):
    with on_commit(execute=True):
        response = client.post(URL, {**MESSAGE, "email": "not an address", "subject": " "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert "This field is required." in page
    assert "Could one of your experts brief our unit" in page  # nothing lost
    assert "Amina Policy" in page
    assert mail.outbox == []


def test_an_overlong_message_is_refused_with_a_clear_message(client, on_commit):
    with on_commit(execute=True):
        response = client.post(URL, {**MESSAGE, "message": "x" * 5001})
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    assert mail.outbox == []


def test_a_robot_that_fills_the_trap_is_thanked_and_nothing_is_sent(client, on_commit):
    with on_commit(execute=True):
        response = client.post(URL, {**MESSAGE, "website": "https://spam.example"}, follow=True)
    assert response.status_code == 200
    assert "your message was sent" in response.content.decode()
    assert mail.outbox == []


def test_messages_are_rate_limited_by_address(client, on_commit, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "portal.contact": "2/h"}
    with on_commit(execute=True):
        assert client.post(URL, MESSAGE, REMOTE_ADDR="10.1.1.1").status_code == 302
        assert client.post(URL, MESSAGE, REMOTE_ADDR="10.1.1.1").status_code == 302
        assert client.post(URL, MESSAGE, REMOTE_ADDR="10.1.1.1").status_code == 429
        assert client.post(URL, MESSAGE, REMOTE_ADDR="10.2.2.2").status_code == 302
    assert len(mail.outbox) == 3


def test_a_post_without_the_csrf_token_is_refused(on_commit):
    strict = Client(enforce_csrf_checks=True)
    with on_commit(execute=True):
        response = strict.post(URL, MESSAGE)
    assert response.status_code == 403
    assert mail.outbox == []


def test_the_trap_is_off_screen_and_out_of_the_tab_order(client):
    page = client.get(URL).content.decode()
    assert '<div class="portal-trap" aria-hidden="true">' in page
    assert 'name="website"' in page and 'tabindex="-1"' in page
