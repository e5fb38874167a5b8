import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied

from accounts import actions
from accounts.models import Application, User
from accounts.signals import sessions_ended

pytestmark = pytest.mark.django_db


# --- The status page and applying ---------------------------------------------------------


def test_newcomer_sees_the_application_form(login, newcomer):
    response = login(newcomer).get("/accounts/status/")
    assert response.status_code == 200
    assert b"Apply for membership" in response.content


def test_member_is_sent_home_from_the_status_page(login, member):
    response = login(member).get("/accounts/status/")
    assert response.status_code == 302
    assert response["Location"] == "/home/"


def test_anonymous_cannot_see_a_status_page(client, db):
    response = client.get("/accounts/status/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_newcomer_applies_and_moderators_are_emailed(login, newcomer, moderator, on_commit):
    with on_commit(execute=True):
        response = login(newcomer).post(
            "/accounts/status/",
            {"affiliation": "University of Somewhere", "statement": "I study remittances."},
        )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.status == User.Status.PENDING
    application = Application.objects.get(user=newcomer)
    assert application.status == Application.Status.PENDING
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Nell Tan" in mail.outbox[0].subject


def test_bad_application_keeps_what_was_typed(login, newcomer):
    response = login(newcomer).post(
        "/accounts/status/", {"affiliation": "\u200b\u202e", "statement": "My long statement"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter some visible text." in body
    assert "My long statement" in body
    assert not Application.objects.exists()


def test_pending_applicant_cannot_apply_twice(login, applicant):
    response = login(applicant).post(
        "/accounts/status/", {"affiliation": "X", "statement": "Again"}
    )
    assert response.status_code == 409
    assert Application.objects.filter(user=applicant).count() == 1


def test_applying_is_rate_limited(login, newcomer, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "accounts.apply": "1/h"}
    client = login(newcomer)
    client.post("/accounts/status/", {"affiliation": "A", "statement": "One"})
    app = Application.objects.get()
    moderator = User.objects.create_superuser("root@gcm.unu.example", "x", display_name="Root")
    actions.decline_application(moderator, app, reason="Tell us more")
    response = client.post("/accounts/status/", {"affiliation": "A", "statement": "Two"})
    assert response.status_code == 429
    assert "Retry-After" in response


# --- Non-members see only their status page ---------------------------------------------


@pytest.mark.parametrize("persona", ["newcomer", "applicant"])
def test_non_members_are_sent_to_their_status_page(request, login, persona):
    user = request.getfixturevalue(persona)
    for url in [
        "/home/",
        "/directory/",
        "/forum/",
        "/notifications/",
        "/moderation/applications/",
    ]:
        response = login(user).get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/accounts/status/", url


def test_deactivated_member_is_signed_out_and_cannot_come_back(client, member, moderator):
    client.force_login(member)
    actions.deactivate_member(moderator, member, reason="Left the network")
    response = client.get("/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/inactive/"
    page = client.get("/accounts/inactive/").content.decode()
    assert "Your membership is deactivated" in page


# --- Moderators decide --------------------------------------------------------------------


def test_moderator_sees_the_queue(login, moderator, applicant):
    response = login(moderator).get("/moderation/applications/")
    assert response.status_code == 200
    assert "Paul Osei" in response.content.decode()


def test_member_cannot_see_the_queue(login, member, applicant):
    assert login(member).get("/moderation/applications/").status_code == 403


def test_queue_query_count_does_not_grow(login, moderator, applicant, assert_stable_queries):
    from tests.conftest import make_user

    def more_applications():
        for i in range(15):
            user = make_user(f"p{i}@else.example", f"Person {i}", member=False)
            actions.apply_for_membership(user, affiliation="U", statement="S")

    queries = assert_stable_queries(
        login(moderator), "/moderation/applications/", more_applications
    )
    assert queries == 4


def test_moderator_approves_and_applicant_is_told(login, moderator, applicant, on_commit):
    application = applicant.applications.get()
    with on_commit(execute=True):
        response = login(moderator).post(
            f"/moderation/applications/{application.pk}/",
            {"decision": "approve", "reason": ""},
        )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.is_member
    application.refresh_from_db()
    assert application.decided_by == moderator
    assert mail.outbox[-1].to == [applicant.email]
    assert "approved" in mail.outbox[-1].subject.lower()
    assert applicant.notifications.filter(kind="membership_approved").count() == 1


def test_declining_needs_a_reason(login, moderator, applicant):
    application = applicant.applications.get()
    response = login(moderator).post(
        f"/moderation/applications/{application.pk}/",
        {"decision": "decline", "reason": " "},
    )
    assert response.status_code == 400
    assert "Give the applicant a reason" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


def test_moderator_declines_with_a_reason_the_applicant_reads(
    login, client, moderator, applicant, on_commit
):
    application = applicant.applications.get()
    with on_commit(execute=True):
        login(moderator).post(
            f"/moderation/applications/{application.pk}/",
            {"decision": "decline", "reason": "Please describe your migration research."},
        )
    applicant.refresh_from_db()
    assert applicant.status == User.Status.DECLINED
    assert "Please describe your migration research." in mail.outbox[-1].body
    client.force_login(applicant)
    page = client.get("/accounts/status/").content.decode()
    assert "Please describe your migration research." in page
    assert "Apply for membership" in page


def test_member_cannot_decide(login, member, applicant):
    application = applicant.applications.get()
    response = login(member).post(
        f"/moderation/applications/{application.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 403
    assert Application.objects.get(pk=application.pk).status == Application.Status.PENDING


def test_a_decided_application_cannot_be_decided_again(moderator, applicant):
    application = applicant.applications.get()
    actions.approve_application(moderator, application)
    with pytest.raises(Exception, match="already been decided"):
        actions.decline_application(moderator, application, reason="Too late")


def test_unknown_application_is_404(login, moderator):
    assert login(moderator).get("/moderation/applications/999999/").status_code == 404


# --- Deactivation -------------------------------------------------------------------------


def test_moderator_deactivates_after_confirmation(login, moderator, member):
    client = login(moderator)
    page = client.get(f"/moderation/people/{member.pk}/access/")
    assert page.status_code == 200
    assert b"signed out everywhere" in page.content
    member.refresh_from_db()
    assert member.is_member  # a GET changes nothing
    response = client.post(f"/moderation/people/{member.pk}/access/", {"reason": "Spam"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == User.Status.DEACTIVATED
    assert not member.is_active


def test_deactivation_needs_a_reason(login, moderator, member):
    response = login(moderator).post(f"/moderation/people/{member.pk}/access/", {"reason": ""})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.is_member


def test_member_cannot_deactivate(login, member, other_member):
    response = login(member).post(f"/moderation/people/{other_member.pk}/access/", {"reason": "x"})
    assert response.status_code == 403
    other_member.refresh_from_db()
    assert other_member.is_member


def test_moderator_cannot_deactivate_an_admin_or_themselves(login, moderator, admin_user):
    client = login(moderator)
    assert (
        client.post(f"/moderation/people/{admin_user.pk}/access/", {"reason": "x"}).status_code
        == 403
    )
    assert (
        client.post(f"/moderation/people/{moderator.pk}/access/", {"reason": "x"}).status_code
        == 403
    )


def test_deactivation_ends_every_session_and_says_so(client, moderator, member, on_commit):
    client.post(
        "/accounts/login/", {"login": member.email, "password": "correct horse battery staple"}
    )
    assert UserSession.objects.filter(user=member).count() == 1
    received = []

    def listener(sender, user, session_keys, **kwargs):
        received.append((user.pk, session_keys))

    sessions_ended.connect(listener)
    try:
        with on_commit(execute=True):
            actions.deactivate_member(moderator, member, reason="Spam")
    finally:
        sessions_ended.disconnect(listener)
    assert not UserSession.objects.filter(user=member).exists()
    assert Session.objects.count() == 0
    assert received == [(member.pk, [])]


def test_moderator_reactivates(login, moderator, member):
    actions.deactivate_member(moderator, member, reason="Mistake")
    response = login(moderator).post(f"/moderation/people/{member.pk}/access/", {"reason": "Sorry"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_member


def test_the_shared_former_member_account_cannot_be_reactivated(login, moderator):
    from privacy.erasure import former_member

    ghost = former_member()
    url = f"/moderation/people/{ghost.pk}/access/"
    client = login(moderator)
    response = client.post(url, {"reason": "Why not"})
    assert response.status_code == 403
    assert "cannot be reactivated" in response.content.decode()
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied, match="cannot be reactivated"):
        actions.reactivate_member(moderator, ghost, reason="Why not")
    ghost.refresh_from_db()
    assert not ghost.is_active and ghost.status == ghost.Status.DEACTIVATED
    assert not ghost.membership_events.exists()


def test_people_list_for_moderators_only(login, moderator, member):
    assert login(moderator).get("/moderation/people/?q=alice").status_code == 200
    assert login(member).get("/moderation/people/").status_code == 403


def test_people_list_query_count_does_not_grow(login, moderator, assert_stable_queries):
    from tests.conftest import make_user

    def more_people():
        for i in range(20):
            make_user(f"m{i}@gcm.unu.example", f"Member {i}")

    queries = assert_stable_queries(login(moderator), "/moderation/people/", more_people)
    assert queries == 5


def test_admission_puts_nobody_in_a_members_group(moderator, applicant, member):
    """Membership is the user's status; there is no "Members" group to keep in step."""
    from django.contrib.auth.models import Group

    actions.approve_application(moderator, applicant.applications.get())
    assert [user.groups.count() for user in (member, applicant)] == [0, 0]
    assert list(Group.objects.values_list("name", flat=True)) == ["Moderators"]
