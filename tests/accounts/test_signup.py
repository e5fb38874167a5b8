import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db


def signup(client, **overrides):
    data = {
        "display_name": "Nadia Rahman",
        "email": "nadia@gcm.unu.example",
        "password1": "a-long-unusual-passphrase-42",
        "password2": "a-long-unusual-passphrase-42",
        **overrides,
    }
    return client.post("/accounts/signup/", data)


def confirmation_link() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", body).group(1)


def test_signup_sends_a_verification_email_and_keeps_the_name(client, institutes):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="nadia@gcm.unu.example")
    assert user.display_name == "Nadia Rahman"
    assert user.status == User.Status.NEW
    assert not EmailAddress.objects.get(email=user.email).verified
    assert "confirm-email" in mail.outbox[-1].body


def test_verifying_an_institute_address_makes_a_member_at_once(client, institutes):
    signup(client)
    response = client.post(confirmation_link())
    assert response.status_code == 302
    user = User.objects.get(email="nadia@gcm.unu.example")
    assert user.status == User.Status.MEMBER
    assert user.institute == institutes["gcm"]
    assert user.is_member
    assert user.membership_events.filter(kind="joined_by_domain").exists()


def test_a_subdomain_of_an_institute_domain_also_counts(client, institutes):
    signup(client, email="nadia@lab.ehs.unu.example")
    client.post(confirmation_link())
    assert User.objects.get(email="nadia@lab.ehs.unu.example").institute == institutes["ehs"]


def test_verifying_another_address_leaves_the_user_to_apply(client, institutes):
    signup(client, email="nadia@university.example")
    response = client.post(confirmation_link(), follow=True)
    user = User.objects.get(email="nadia@university.example")
    assert user.status == User.Status.NEW
    assert response.redirect_chain[-1][0] == "/accounts/status/"
    assert b"Apply for membership" in response.content


def test_a_lookalike_domain_is_not_an_institute(client, institutes):
    signup(client, email="nadia@evilgcm.unu.example.org")
    client.post(confirmation_link())
    assert User.objects.get(email="nadia@evilgcm.unu.example.org").status == User.Status.NEW


def test_existing_email_is_refused_without_revealing_much(client, member):
    response = signup(client, email=member.email.upper())
    # allauth's enumeration prevention: the form "succeeds" but no second account exists
    # and the owner of the address is told by email.
    assert User.objects.filter(email__iexact=member.email).count() == 1
    assert (response.status_code, response["Location"]) == (302, "/accounts/confirm-email/")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("display_name", "x" * 10_000, "Keep it to 120 characters"),
        ("display_name", "   \t  ", "This field is required."),
        ("display_name", "\u202e\u2066\u200b\u2069", "Enter some visible text."),
        ("display_name", "\u200b\u200b\u200b", "Enter some visible text."),
    ],
)
def test_bad_input_gets_a_clear_form_error(client, institutes, field, value, message):
    response = signup(client, **{field: value})
    assert response.status_code == 200  # allauth re-renders the form
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_bidi_controls_are_removed_from_names(client, institutes):
    signup(client, display_name="Nadia\u202e Rahman\u200b")
    assert User.objects.get().display_name == "Nadia Rahman"


def test_signup_page_shows_the_display_name_field(client, db):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert 'name="display_name"' in response.content.decode()


def test_a_newcomer_who_adds_and_verifies_an_institute_address_becomes_a_member(client, newcomer):
    client.force_login(newcomer)
    response = client.post("/accounts/email/", {"action_add": "", "email": "nell@ehs.unu.example"})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.status == User.Status.NEW
    client.post(confirmation_link())
    newcomer.refresh_from_db()
    assert newcomer.status == User.Status.MEMBER
    assert newcomer.institute.acronym == "UNU-EHS"


def test_a_pending_applicant_with_an_institute_address_joins_and_the_application_closes(
    client, applicant
):
    client.force_login(applicant)
    client.post("/accounts/email/", {"action_add": "", "email": "paul@gcm.unu.example"})
    client.post(confirmation_link())
    applicant.refresh_from_db()
    assert applicant.is_member
    assert applicant.applications.get().status == "approved"
