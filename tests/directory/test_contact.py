import pytest
from django.core import mail
from django.urls import reverse

from directory.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """POST the form, running the on-commit email queueing as a real request would."""

    def _send(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return _send


@pytest.fixture
def bob_url(other_member):
    return reverse("directory:contact", args=[Profile.objects.get(user=other_member).pk])


def test_a_member_writes_to_another_without_seeing_the_address(
    login, member, other_member, bob_url, send
):
    client = login(member)
    page = client.get(bob_url)
    assert page.status_code == 200
    assert other_member.email not in page.content.decode()
    response = send(client, bob_url, {"subject": "Climate\r\nBcc: x@evil.example", "message": "Hi"})
    assert response.status_code == 302
    assert other_member.email not in client.get(response.url).content.decode()
    [sent] = mail.outbox
    assert sent.to == [other_member.email]
    assert sent.subject == "[Directory] Climate Bcc: x@evil.example"
    assert "Hi" in sent.body
    assert member.email not in sent.body  # not shared unless the sender agrees
    assert not sent.reply_to


def test_the_sender_address_is_shared_only_when_agreed(login, member, other_member, bob_url, send):
    send(login(member), bob_url, {"subject": "Data", "message": "Hi", "share_address": "on"})
    assert mail.outbox[0].reply_to == [member.email]
    assert member.email not in mail.outbox[0].body


def test_bad_input_keeps_what_was_typed(login, member, bob_url, send):
    response = send(login(member), bob_url, {"subject": "Kept subject", "message": "   "})
    assert response.status_code == 400
    assert "Kept subject" in response.content.decode()
    assert not mail.outbox


def test_contact_is_refused_to_non_members_and_to_oneself(
    client, login, member, newcomer, bob_url, send
):
    anonymous = client.get(bob_url)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("account_login"))
    refused = send(login(newcomer), bob_url, {"subject": "s", "message": "m"})
    assert refused.status_code == 302
    assert refused.url == reverse("accounts:status")
    own = reverse("directory:contact", args=[Profile.objects.get(user=member).pk])
    assert login(member).get(own).status_code == 403
    assert not mail.outbox


def test_contact_is_rate_limited(settings, login, member, bob_url, send):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "directory.contact": "1/h"}
    client = login(member)
    assert send(client, bob_url, {"subject": "one", "message": "m"}).status_code == 302
    assert send(client, bob_url, {"subject": "two", "message": "m"}).status_code == 429
    assert len(mail.outbox) == 1
