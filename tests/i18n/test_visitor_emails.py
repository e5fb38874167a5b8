"""What is sent to a visitor without an account is in the language of the page they used
(issue 13): registration, waiting-list and subscription emails; a contact message names it.
And a member sees and changes their language in their account settings."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from portal import actions
from portal.models import Registration, StakeholderSubscription, Status
from tests.portal.conftest import make_event, make_output

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://\S+")


def test_a_registration_on_the_french_page_is_confirmed_in_french(client, member, on_commit):
    event = make_event(member, capacity=1)
    with on_commit(execute=True):
        response = client.post(
            f"/fr/events/{event.pk}/register/", {"name": "Claire", "email": "c@example.org"}
        )
        client.post(f"/es/events/{event.pk}/register/", {"name": "Lola", "email": "l@example.org"})
    assert response.status_code == 302
    first, waiting = mail.outbox
    assert first.extra_headers["Content-Language"] == "fr"
    assert f"/fr/events/{event.pk}/" in first.body
    with translation.override("fr"):
        assert first.subject == translation.gettext("Your place: %(title)s") % {
            "title": event.title
        }
    assert waiting.extra_headers["Content-Language"] == "es"
    assert f"/es/events/{event.pk}/" in waiting.body
    # The Spanish visitor is promoted when the French one cancels: told in Spanish still.
    french = Registration.objects.get(email="c@example.org")
    assert french.language == "fr"
    with on_commit(execute=True):
        client.post(f"/fr{french.get_cancel_url()}")
    promoted = mail.outbox[-1]
    assert promoted.to == ["l@example.org"] and promoted.extra_headers["Content-Language"] == "es"


def test_an_english_page_writes_in_english(client, member, on_commit):
    event = make_event(member, capacity=5)
    with on_commit(execute=True):
        client.post(
            reverse("portal:register", args=[event.pk]),
            {"name": "Grace", "email": "g@example.org"},
            HTTP_ACCEPT_LANGUAGE="ru",  # the page's address decides, not the browser
        )
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "en"
    assert f"Your place: {event.title}" == message.subject


def test_a_subscription_is_confirmed_and_announced_in_the_page_s_language(
    client, member, moderator, login, on_commit
):
    with on_commit(execute=True):
        response = client.post("/ru/subscribe/", {"email": "s@example.org", "topic": "outputs"})
    assert response.status_code == 200
    (confirmation,) = mail.outbox
    assert confirmation.extra_headers["Content-Language"] == "ru"
    (confirm_url, *_rest) = LINK.findall(confirmation.body)
    assert "/ru/subscribe/confirm/" in confirm_url
    with translation.override("ru"):
        assert confirmation.subject == translation.gettext(
            "Confirm your subscription to the Migration Network"
        )
    subscription = StakeholderSubscription.objects.get()
    actions.confirm_subscription(subscription.token)
    output = make_output(member, title="New brief", status=Status.SUBMITTED)
    with on_commit(execute=True):
        login(moderator).post(
            reverse("portal:review_output", args=[output.pk]), {"decision": "published"}
        )
    announcement = mail.outbox[-1]
    assert announcement.extra_headers["Content-Language"] == "ru"
    assert f"/ru/outputs/{output.pk}/" in announcement.body


def test_asking_again_from_another_language_changes_the_language_while_unconfirmed(
    client, on_commit, db
):
    with on_commit(execute=True):
        client.post("/fr/subscribe/", {"email": "s@example.org", "topic": "events"})
        client.post("/ar/subscribe/", {"email": "s@example.org", "topic": "events"})
    assert StakeholderSubscription.objects.get().language == "ar"
    assert [m.extra_headers["Content-Language"] for m in mail.outbox] == ["fr", "ar"]


def test_a_contact_message_names_the_visitor_s_language_for_the_coordinators(
    client, on_commit, settings
):
    settings.PORTAL_CONTACT_EMAIL = "coordinators@network.example"
    with on_commit(execute=True):
        response = client.post(
            "/es/contact/",
            {
                "name": "Ana",
                "email": "ana@ministry.example",
                "subject": "Consulta",
                "message": "¿Pueden ayudarnos?",
                "website": "",
            },
        )
    assert response.status_code == 302
    (sent,) = mail.outbox
    assert sent.subject == "[Contact form] Consulta"  # the coordinators' own language
    assert "They wrote from the site's pages in Spanish" in sent.body


# --- The member's language in their account settings -------------------------------------


def test_the_account_page_shows_the_members_language_and_changes_it(login, member):
    User.objects.filter(pk=member.pk).update(language="fr")
    client = login(member)
    html = client.get(reverse("accounts:settings")).content.decode()
    form = re.search(r'<form method="post" action="/i18n/setlang/">.*?</form>', html, re.S)
    assert form, "the settings page has a language form"
    assert '<option value="fr" lang="fr" selected>Français</option>' in form.group(0)
    assert '<label for="language-setting">' in form.group(0)
    response = client.post(
        "/i18n/setlang/", {"language": "ru", "next": reverse("accounts:settings")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")
    member.refresh_from_db()
    assert member.language == "ru"
    html = client.get(reverse("accounts:settings")).content.decode()
    assert '<html lang="ru"' in html
    assert '<option value="ru" lang="ru" selected>Русский</option>' in html


@pytest.mark.parametrize("code", ["xx", "", "ru'><script>"])
def test_an_unknown_language_in_the_settings_changes_nothing(login, member, code):
    User.objects.filter(pk=member.pk).update(language="es")
    response = login(member).post(
        "/i18n/setlang/", {"language": code, "next": reverse("accounts:settings")}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "es"


def test_the_settings_page_is_for_signed_in_people_only(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
