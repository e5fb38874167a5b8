"""ORCID sign-in end to end: allauth's flow against a local ORCID (tests/accounts/orcid_oauth.py)
over HTTP. The test client is the browser; the one hop it cannot make itself, to ORCID's
authorize page, goes over HTTP to the stand-in, which answers as ORCID does."""

import re

import pytest
import requests
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.sites.models import Site
from django.core import mail
from django.urls import reverse

from accounts.models import User
from directory.models import Profile
from tests.accounts import orcid_oauth
from tests.accounts.orcid_oauth import Person

pytestmark = pytest.mark.django_db

ALICE_ORCID = "0000-0002-1825-0097"
NEW_ORCID = "0000-0001-5109-3700"


@pytest.fixture
def orcid(settings):
    with orcid_oauth.running() as server:
        settings.ORCID_OAUTH_URL = server.url
        settings.ORCID_API_URL = server.url
        app = SocialApp.objects.create(
            provider="orcid",
            name="ORCID",
            client_id=orcid_oauth.CLIENT_ID,
            secret=orcid_oauth.CLIENT_SECRET,
        )
        app.sites.add(Site.objects.get_current())
        yield server


def through_orcid(client, process: str = "login"):
    """Start the flow as the ORCID button does, let ORCID answer, come back to the callback."""
    start = client.post(reverse("orcid_login") + f"?process={process}")
    assert start.status_code == 302, start.content
    at_orcid = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_orcid.status_code == 302, at_orcid.text
    back = at_orcid.headers["Location"]
    assert back.startswith("http://testserver/accounts/orcid/login/callback/?")
    return client.get(back.removeprefix("http://testserver"))


def test_a_new_person_signs_up_with_orcid_and_their_verified_id_reaches_the_profile(
    client, orcid, institutes, on_commit
):
    orcid.signed_in = Person(NEW_ORCID, "Leila", "Haddad")  # ORCID shares no email address
    response = through_orcid(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("socialaccount_signup")
    form = client.get(reverse("socialaccount_signup"))
    assert 'value="Leila Haddad"' in form.content.decode()  # the name ORCID gave
    response = client.post(
        reverse("socialaccount_signup"),
        {"display_name": "Leila Haddad", "email": "leila@gcm.unu.example"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="leila@gcm.unu.example")
    assert SocialAccount.objects.get(user=user, provider="orcid").uid == NEW_ORCID
    # The address is confirmed by email; then the institute's domain makes her a member.
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    with on_commit(execute=True):
        client.post(link.removeprefix("http://testserver"))
    user.refresh_from_db()
    assert user.is_member
    profile = Profile.objects.get(user=user)
    assert (profile.orcid, profile.orcid_verified) == (NEW_ORCID, True)
    assert ("POST", "/oauth/token") in orcid.log
    assert ("GET", f"/v3.0/{NEW_ORCID}/record") in orcid.log


def test_a_member_connects_orcid_then_signs_in_with_it_then_disconnects_it(client, orcid, member):
    orcid.signed_in = Person(ALICE_ORCID, "Alice", "Moreau")
    client.force_login(member)
    connections = client.get(reverse("socialaccount_connections"))
    assert connections.status_code == 200
    assert reverse("orcid_login") in connections.content.decode()
    response = through_orcid(client, process="connect")
    assert response.status_code == 302
    account = SocialAccount.objects.get(user=member, provider="orcid")
    assert account.uid == ALICE_ORCID
    profile = Profile.objects.get(user=member)
    assert (profile.orcid, profile.orcid_verified) == (ALICE_ORCID, True)
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "verified" in page

    client.logout()
    response = through_orcid(client)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert int(client.session["_auth_user_id"]) == member.pk

    response = client.post(reverse("socialaccount_connections"), {"account": account.pk})
    assert response.status_code == 302
    assert not SocialAccount.objects.filter(user=member).exists()
    profile.refresh_from_db()
    assert (profile.orcid, profile.orcid_verified) == (ALICE_ORCID, False)


def test_an_orcid_id_connected_to_someone_else_is_refused(client, orcid, member, other_member):
    SocialAccount.objects.create(user=other_member, provider="orcid", uid=ALICE_ORCID)
    orcid.signed_in = Person(ALICE_ORCID, "Alice", "Moreau")
    client.force_login(member)
    response = through_orcid(client, process="connect")
    assert response.status_code == 302
    assert not SocialAccount.objects.filter(user=member).exists()
    page = client.get(response["Location"]).content.decode()
    assert "already connected to a different account" in page


def test_denied_at_orcid_nothing_is_created_and_the_person_is_told(client, orcid, institutes):
    orcid.deny = True
    users = User.objects.count()
    response = through_orcid(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("socialaccount_login_cancelled")
    assert "cancelled" in client.get(response["Location"]).content.decode().lower()
    assert User.objects.count() == users and not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_typed_id_is_not_marked_verified(client, orcid, member):
    orcid.signed_in = Person(ALICE_ORCID, "Alice", "Moreau")
    client.force_login(member)
    through_orcid(client, process="connect")
    from directory import actions

    profile = Profile.objects.get(user=member)
    profile.orcid = "0000-0001-5109-3700"
    actions.update_profile(member, profile, {"orcid": profile.orcid})
    profile.refresh_from_db()
    assert profile.orcid_verified is False


def test_without_keys_orcid_sign_in_does_not_exist(client, settings):
    settings.ORCID_SIGN_IN = False
    assert client.get(reverse("orcid_login")).status_code == 404
    assert client.get(reverse("orcid_callback")).status_code == 404
    assert "orcid" not in client.get(reverse("account_login")).content.decode().lower()


def test_the_connections_page_is_for_signed_in_people(client):
    response = client.get(reverse("socialaccount_connections"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_confirmation_page_may_post_on_to_orcid_and_nowhere_else(client, orcid):
    """CSP's form-action covers the redirect after the post: without ORCID's origin the browser
    stops at the confirmation page."""
    policy = client.get(reverse("orcid_login"))["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if d.strip().startswith("form-action"))
    assert form_action.split()[1:] == ["'self'", orcid.url]
    login_policy = client.get(reverse("account_login"))["Content-Security-Policy"]
    assert orcid.url not in login_policy
