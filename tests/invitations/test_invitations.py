"""Invitations: a moderator invites by email, the link signs the invitee up as a member."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audit.models import Entry
from invitations import actions
from invitations.models import Invitation

pytestmark = pytest.mark.django_db

INVITE = reverse("moderation:invitations")
IMPORT = reverse("moderation:import")


def invite(client, addresses, institute=None, on_commit=None):
    data = {"addresses": addresses, "institute": institute.pk if institute else ""}
    return client.post(INVITE, data)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/invitations/\S+/)", message.body).group(1)


def signup(client, email, name="Nadia Rahman"):
    return client.post(
        reverse("account_signup"),
        {
            "display_name": name,
            "email": email,
            "password1": "a-long-unusual-passphrase-42",
            "password2": "a-long-unusual-passphrase-42",
        },
    )


def test_a_moderator_invites_one_person_who_is_emailed_once(
    moderator, institutes, login, on_commit
):
    with on_commit(execute=True):
        response = invite(login(moderator), "nadia@university.example", institutes["ehs"])
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.institute, invitation.invited_by) == (
        "nadia@university.example",
        institutes["ehs"],
        moderator,
    )
    assert [m.to for m in mail.outbox] == [["nadia@university.example"]]
    assert link_in(mail.outbox[0]) == reverse("invitations:accept", args=[invitation.token])
    assert "Environment and Human Security" in mail.outbox[0].body
    entry = Entry.objects.get()
    assert (entry.actor, entry.action, entry.target_label, entry.area) == (
        moderator,
        "invite",
        "nadia@university.example",
        "invitations",
    )


def test_a_pasted_list_invites_who_can_be_and_says_why_not_the_others(
    moderator, member, login, on_commit
):
    Invitation.objects.create(
        email="pending@x.example", invited_by=moderator, expires_at=timezone.now() + timedelta(1)
    )
    pasted = (
        "Ana Lima <ana@x.example>, ben@x.example\n"
        "not-an-address; ALICE@gcm.unu.example\n"
        "ana@x.example\npending@x.example\n"
    )
    with on_commit(execute=True):
        response = invite(login(moderator), pasted)
    assert response.status_code == 302
    made = Invitation.objects.filter(invited_by=moderator).exclude(email="pending@x.example")
    assert sorted(made.values_list("email", "name")) == [
        ("ana@x.example", "Ana Lima"),
        ("ben@x.example", ""),
    ]
    assert len(mail.outbox) == 2
    warning = [str(m) for m in response.wsgi_request._messages][-1]
    assert "not-an-address: not an email address" in warning
    assert "alice@gcm.unu.example: already has an account" in warning
    assert "ana@x.example: listed twice" in warning
    assert "pending@x.example: already invited" in warning
    assert Entry.objects.filter(action="invite").count() == 2


def test_a_list_nobody_on_which_can_be_invited_is_refused_and_kept(moderator, member, login):
    response = invite(login(moderator), "alice@gcm.unu.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "None of these addresses can be invited." in html
    assert "alice@gcm.unu.example" in html  # what the moderator typed is still there
    assert not Invitation.objects.exists()


def test_more_addresses_than_allowed_are_refused_with_the_limit(moderator, login):
    addresses = "\n".join(f"p{i}@x.example" for i in range(actions.MAX_ADDRESSES + 1))
    response = invite(login(moderator), addresses)
    assert response.status_code == 400
    assert f"at most {actions.MAX_ADDRESSES}" in response.content.decode()
    assert not Invitation.objects.exists()


def test_members_and_visitors_cannot_invite(member, client, login):
    assert client.get(INVITE).status_code == 302  # to sign in
    client = login(member)
    assert client.get(INVITE).status_code == 403
    assert invite(client, "x@x.example").status_code == 403
    assert client.get(IMPORT).status_code == 403
    assert not Invitation.objects.exists()


def test_the_invitee_signs_up_through_the_link_and_is_a_member_at_once(
    moderator, institutes, client, login, on_commit
):
    with on_commit(execute=True):
        invite(login(moderator), "nadia@university.example", institutes["ehs"])
    client.logout()
    url = link_in(mail.outbox[0])
    page = client.get(url)
    assert page.status_code == 200
    assert "nadia@university.example" in page.content.decode()
    response = client.post(url)
    assert response["Location"] == reverse("account_signup")
    sent = len(mail.outbox)
    with on_commit(execute=True):
        response = signup(client, "nadia@university.example")
    assert response.status_code == 302
    user = User.objects.get(email="nadia@university.example")
    assert user.is_member and user.institute == institutes["ehs"]
    assert EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == sent  # no confirmation email: the link proved the address
    invitation = Invitation.objects.get()
    assert (invitation.status, invitation.accepted_by) == ("accepted", user)
    assert user.membership_events.get().kind == "joined_by_invitation"
    assert client.get(reverse("home")).status_code == 200
    # The joining is not a moderator's act: the audit log has the invitation only.
    assert list(Entry.objects.values_list("action", flat=True)) == ["invite"]


def test_typing_another_address_at_sign_up_keeps_the_invited_one_as_the_account_s(
    moderator, client, login, on_commit
):
    """allauth's rule for invitations: the address the link proved becomes the verified primary
    one; the other is kept unverified, so nobody joins through an address they did not prove."""
    with on_commit(execute=True):
        invite(login(moderator), "nadia@university.example")
    client.logout()
    client.post(link_in(mail.outbox[0]))
    signup(client, "someone-else@university.example")
    user = User.objects.get(email="nadia@university.example")
    assert user.is_member
    assert not EmailAddress.objects.get(email="someone-else@university.example").verified


@pytest.mark.parametrize("change", ["revoked", "expired", "accepted"])
def test_an_invitation_that_became_unusable_before_the_sign_up_says_so_on_the_next_page(
    moderator, client, login, on_commit, change
):
    with on_commit(execute=True):
        invite(login(moderator), "nadia@university.example")
    client.logout()
    assert client.post(link_in(mail.outbox[0])).status_code == 302
    invitation = Invitation.objects.get()
    if change == "expired":
        invitation.expires_at = timezone.now() - timedelta(seconds=1)
    else:
        invitation.status = change
    invitation.save()
    with on_commit(execute=True):
        response = signup(client, "nadia@university.example")
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True).content.decode()
    assert "The invitation you followed was no longer valid when you signed up" in page
    assert "apply for membership" in page
    user = User.objects.get(email="nadia@university.example")
    assert not user.is_member
    assert Invitation.objects.get().accepted_by is None


def test_signing_up_without_the_link_does_not_use_the_invitation(
    moderator, client, login, on_commit
):
    with on_commit(execute=True):
        invite(login(moderator), "nadia@university.example")
    client.logout()
    signup(client, "nadia@university.example")
    user = User.objects.get(email="nadia@university.example")
    assert not user.is_member
    assert not EmailAddress.objects.get(user=user).verified
    assert Invitation.objects.get().status == "pending"


@pytest.mark.parametrize(
    ("state", "status", "says"),
    [
        ("revoked", 410, "withdrawn"),
        ("accepted", 410, "already been used"),
        ("expired", 410, "expired"),
    ],
)
def test_a_link_that_cannot_be_used_says_why(moderator, client, state, status, says):
    invitation = Invitation.objects.create(
        email="n@x.example", invited_by=moderator, expires_at=timezone.now() + timedelta(days=1)
    )
    if state == "expired":
        invitation.expires_at = timezone.now() - timedelta(seconds=1)
    else:
        invitation.status = state
    invitation.save()
    url = reverse("invitations:accept", args=[invitation.token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == status
        assert says in response.content.decode()
    assert "invitation_token" not in client.session


def test_an_unknown_link_is_a_clear_404(client, db):
    response = client.get(reverse("invitations:accept", args=["no-such-token"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_a_signed_in_member_is_told_the_invitation_is_not_for_them(moderator, member, login):
    invitation = Invitation.objects.create(
        email="n@x.example", invited_by=moderator, expires_at=timezone.now() + timedelta(days=1)
    )
    response = login(member).get(reverse("invitations:accept", args=[invitation.token]))
    assert response.status_code == 409


def test_a_pending_invitation_is_resent_with_a_new_expiry_and_then_revoked(
    moderator, login, on_commit
):
    client = login(moderator)
    with on_commit(execute=True):
        invite(client, "n@x.example")
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    with on_commit(execute=True):
        response = client.post(reverse("moderation:resend", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.send_count == 2 and not invitation.is_expired
    assert len(mail.outbox) == 2 and link_in(mail.outbox[0]) == link_in(mail.outbox[1])
    assert client.post(reverse("moderation:revoke", args=[invitation.pk])).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    assert client.get(link_in(mail.outbox[1])).status_code == 410
    # A revoked invitation is neither resent nor revoked again.
    with on_commit(execute=True):
        client.post(reverse("moderation:resend", args=[invitation.pk]))
    client.post(reverse("moderation:revoke", args=[invitation.pk]))
    assert len(mail.outbox) == 2
    assert list(Entry.objects.order_by("pk").values_list("action", flat=True)) == [
        "invite",
        "resend_invitation",
        "revoke_invitation",
    ]


def test_resending_and_revoking_are_for_moderators_only(moderator, member, login):
    invitation = Invitation.objects.create(
        email="n@x.example", invited_by=moderator, expires_at=timezone.now() + timedelta(days=1)
    )
    client = login(member)
    assert client.post(reverse("moderation:resend", args=[invitation.pk])).status_code == 403
    assert client.post(reverse("moderation:revoke", args=[invitation.pk])).status_code == 403
    assert Invitation.objects.get().status == "pending"


def test_the_invitations_list_runs_a_fixed_number_of_queries(
    moderator, institutes, login, assert_stable_queries
):
    count = iter(range(1000))

    def grow():
        for _ in range(3):
            n = next(count)
            Invitation.objects.create(
                email=f"p{n}@x.example",
                institute=institutes["gcm"],
                invited_by=moderator,
                expires_at=timezone.now() + timedelta(days=1),
            )

    grow()
    assert assert_stable_queries(login(moderator), INVITE, grow) == 5
    assert assert_stable_queries(login(moderator), INVITE + "?status=", grow) == 5


# --- Importing an institute's researcher list -------------------------------------------------


CSV = (
    b"Name;Email;Department\n"
    b"Ana Lima;ana@x.example;Law\n"
    b"Alice Moreau;alice@gcm.unu.example;Sociology\n"
    b"Ben Ode;not-an-address;Law\n"
    b'"=HYPERLINK(""http://evil"")";eve@x.example;Law\n'
)


def upload(client, data, institute=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        IMPORT,
        {
            "file": SimpleUploadedFile("list.csv", data, content_type="text/csv"),
            "institute": institute.pk if institute else "",
        },
    )


def test_an_import_is_previewed_as_a_dry_run_that_writes_nothing(
    moderator, member, institutes, login, on_commit
):
    with on_commit(execute=True):
        response = upload(login(moderator), CSV, institutes["gcm"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dry run: 2 people would be invited" in html
    assert "Skipped: already has an account" in html and "Skipped: not an email address" in html
    assert not Invitation.objects.exists() and not mail.outbox and not Entry.objects.exists()


def test_confirming_the_preview_invites_the_rows_that_can_be(
    moderator, member, institutes, login, on_commit
):
    client = login(moderator)
    preview = upload(client, CSV, institutes["gcm"])
    content = re.search(
        r'<textarea name="content" hidden>(.*?)</textarea>', preview.content.decode(), re.S
    ).group(1)
    import html as html_lib

    with on_commit(execute=True):
        response = client.post(
            IMPORT,
            {
                "content": html_lib.unescape(content),
                "institute": institutes["gcm"].pk,
                "confirm": "1",
            },
        )
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "name", "institute")) == [
        ("ana@x.example", "Ana Lima", institutes["gcm"].pk),
        ("eve@x.example", '=HYPERLINK("http://evil")', institutes["gcm"].pk),
    ]
    assert len(mail.outbox) == 2
    assert set(Entry.objects.values_list("details", flat=True)) == {"UNU-GCM · CSV import"}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\xff\xfe\x00bad", "UTF-8"),
        (b"x" * (actions.MAX_IMPORT_BYTES + 1), "larger than"),
        (b"name,email\n", "no addresses"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_the_reason(moderator, login, data, says):
    response = upload(login(moderator), data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_import_without_a_file_is_refused(moderator, login):
    response = login(moderator).post(IMPORT, {"institute": ""})
    assert response.status_code == 400
    assert "Choose the CSV file" in response.content.decode()


def test_parsing_a_list_of_rows_without_a_header_finds_the_address_in_any_column():
    rows = actions.parse_researcher_list(b"Lima, Ana, ana@x.example\nben@x.example\n")
    assert [(r.email, r.name, r.line) for r in rows] == [
        ("ana@x.example", "Lima Ana", 1),
        ("ben@x.example", "", 2),
    ]


def test_the_invitations_list_filters_pending_expired_accepted_and_revoked(
    moderator, member, login
):
    def make(email, status="pending", days=1):
        return Invitation.objects.create(
            email=email,
            status=status,
            invited_by=moderator,
            expires_at=timezone.now() + timedelta(days=days),
        )

    make("waiting@x.example")
    make("late@x.example", days=-1)
    make("joined@x.example", status="accepted")
    make("withdrawn@x.example", status="revoked")
    client = login(moderator)
    shown = {
        status: client.get(INVITE, {"status": status}).content.decode()
        for status in ("pending", "expired", "accepted", "revoked", "")
    }
    assert "waiting@" in shown["pending"] and "late@" not in shown["pending"]
    assert "late@" in shown["expired"] and "waiting@" not in shown["expired"]
    assert "joined@" in shown["accepted"] and "withdrawn@" not in shown["accepted"]
    assert "withdrawn@" in shown["revoked"] and "joined@" not in shown["revoked"]
    assert all(f"{name}@" in shown[""] for name in ("waiting", "late", "joined", "withdrawn"))
    assert "waiting@" in client.get(INVITE).content.decode()  # pending by default
    assert 'class="stack"' in shown[""] and 'data-label="Invitee"' in shown[""]
    assert login(member).get(INVITE, {"status": "expired"}).status_code == 403
