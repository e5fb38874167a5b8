"""An invitation is in the invitee's language: the moderator chooses it (by default their own),
the email is written in it, and the link's page and the sign-up it leads to open in it."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from invitations import actions
from invitations.models import Invitation

pytestmark = pytest.mark.django_db

INVITE = reverse("moderation:invitations")
IMPORT = reverse("moderation:import")


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/invitations/\S+/)", message.body).group(1)


def test_the_moderator_chooses_the_language_and_the_email_is_written_in_it(
    moderator, institutes, login, on_commit
):
    client = login(moderator)
    with on_commit(execute=True):
        response = client.post(
            INVITE, {"addresses": "nadia@university.example", "institute": "", "language": "fr"}
        )
    assert response.status_code == 302
    assert Invitation.objects.get().language == "fr"
    (message,) = mail.outbox
    assert message.subject == "[Réseau Migration] Vous êtes invité à rejoindre le réseau"
    assert "Créez votre compte avec cette adresse ici :" in message.body


def test_the_language_offered_is_the_moderators_own(moderator, institutes, login):
    User.objects.filter(pk=moderator.pk).update(language="es")
    moderator.refresh_from_db()
    page = login(moderator).get(INVITE)
    assert page.context["form"]["language"].value() == "es"
    assert 'value="es" selected' in page.content.decode()


def test_without_a_choice_the_invitation_is_in_the_moderators_language(moderator, institutes):
    User.objects.filter(pk=moderator.pk).update(language="ar")
    moderator.refresh_from_db()
    (invitation,) = actions.invite(moderator, actions.parse_addresses("kofi@university.example"))
    assert invitation.language == "ar"


def test_a_language_the_site_does_not_have_is_refused(moderator, institutes, login):
    response = login(moderator).post(
        INVITE, {"addresses": "nadia@university.example", "institute": "", "language": "de"}
    )
    assert response.status_code == 400
    assert "language" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_a_member_cannot_invite_in_any_language(member, institutes, login):
    response = login(member).post(
        INVITE, {"addresses": "nadia@university.example", "language": "fr"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_the_imported_list_is_invited_in_the_language_chosen(
    moderator, institutes, login, on_commit
):
    client = login(moderator)
    csv = "email,name\nnadia@university.example,Nadia Rahman\n"
    preview = client.post(IMPORT, {"content": csv, "institute": "", "language": "ru"})
    assert preview.status_code == 200
    assert 'name="language" value="ru"' in preview.content.decode()
    with on_commit(execute=True):
        client.post(IMPORT, {"content": csv, "institute": "", "language": "ru", "confirm": "1"})
    assert Invitation.objects.get().language == "ru"
    assert "Migration Network" not in mail.outbox[0].subject  # in Russian


def test_the_link_and_the_sign_up_open_in_the_invitations_language(moderator, institutes):
    (invitation,) = actions.invite(
        moderator, actions.parse_addresses("nadia@university.example"), language="fr"
    )
    url = reverse("invitations:accept", args=[invitation.token])
    visitor = Client(headers={"accept-language": "en"})
    page = visitor.get(url)
    assert page.status_code == 200
    assert page["Content-Language"] == "fr"
    assert '<html lang="fr"' in page.content.decode()
    response = visitor.post(url)
    assert response["Location"] == reverse("account_signup")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    signup = visitor.get(reverse("account_signup"))
    assert signup["Content-Language"] == "fr"
    assert '<html lang="fr"' in signup.content.decode()


def test_a_language_the_visitor_chose_already_wins(moderator, institutes):
    (invitation,) = actions.invite(
        moderator, actions.parse_addresses("nadia@university.example"), language="fr"
    )
    url = reverse("invitations:accept", args=[invitation.token])
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert visitor.get(url)["Content-Language"] == "es"
    response = visitor.post(url)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies  # theirs is kept


def test_a_used_invitation_says_so_in_its_language(moderator, institutes):
    (invitation,) = actions.invite(
        moderator, actions.parse_addresses("nadia@university.example"), language="fr"
    )
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.REVOKED)
    page = Client().get(reverse("invitations:accept", args=[invitation.token]))
    assert page.status_code == 410
    assert page["Content-Language"] == "fr"
