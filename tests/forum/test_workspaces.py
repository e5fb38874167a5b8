"""Initiative workspaces, as actions: opening one, inviting, answering, making it public.

Who reads a workspace's threads is checked for every persona in ``test_thread_visibility.py``
(the one rule); here the writes, their refusals and who is told.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import actions as account_actions
from core.ratelimit import RateLimited
from forum import actions
from forum.models import Participation, Thread, Workspace, WorkspaceInvitation
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_proposer_opens_a_private_workspace_once(initiative, member):
    workspace = actions.open_workspace(member, initiative)
    assert workspace.private and workspace.initiative == initiative
    assert actions.open_workspace(member, initiative) == workspace
    assert Workspace.objects.count() == 1
    assert list(workspace.members()) == [member]


def test_a_participant_opens_it_too_but_not_an_outsider(initiative, other_member, moderator):
    with pytest.raises(PermissionDenied):
        actions.open_workspace(other_member, initiative)
    with pytest.raises(PermissionDenied):
        actions.open_workspace(moderator, initiative)  # moderators read, they do not take part
    actions.join_initiative(other_member, initiative)
    assert actions.open_workspace(other_member, initiative).private


def test_an_invitation_accepted_makes_a_participant_who_reads_the_threads(
    workspace, member, other_member, notified
):
    thread = actions.start_workspace_thread(member, workspace, title="Budget", body="Embargoed.")
    assert not Thread.objects.visible_to(other_member).filter(pk=thread.pk).exists()
    invitation = actions.invite(member, workspace, other_member)
    assert notified("workspace_invitation") == [("workspace_invitation", other_member.email)]
    assert invitation.status == WorkspaceInvitation.Status.PENDING
    actions.answer_invitation(other_member, invitation, accept=True)
    assert Participation.objects.get(initiative=workspace.initiative, user=other_member).kind == (
        Participation.Kind.PARTICIPANT
    )
    assert Thread.objects.visible_to(other_member).filter(pk=thread.pk).exists()
    assert set(Thread.objects.get(pk=thread.pk).readers()) >= {member, other_member}
    assert ("initiative_joined", member.email) in notified("initiative_joined")


def test_a_declined_invitation_lets_nobody_in(workspace, member, other_member):
    thread = actions.start_workspace_thread(member, workspace, title="Budget", body="Embargoed.")
    invitation = actions.invite(member, workspace, other_member)
    actions.answer_invitation(other_member, invitation, accept=False)
    invitation.refresh_from_db()
    assert invitation.status == WorkspaceInvitation.Status.DECLINED
    assert invitation.answered_at is not None
    assert not Thread.objects.visible_to(other_member).filter(pk=thread.pk).exists()
    # Declined, they may be invited again later.
    assert actions.invite(member, workspace, other_member).status == "pending"


def test_bad_invitations_are_refused_with_a_reason(workspace, member, other_member, moderator):
    with pytest.raises(PermissionDenied):
        actions.invite(other_member, workspace, moderator)  # not in the workspace
    with pytest.raises(ValidationError, match="already takes part"):
        actions.invite(member, workspace, member)
    actions.invite(member, workspace, other_member)
    with pytest.raises(ValidationError, match="has not answered yet"):
        actions.invite(member, workspace, other_member)
    gone = make_user("gus@gcm.unu.example", "Gus Ferrer")
    account_actions.deactivate_member(moderator, gone, reason="Left")
    with pytest.raises(ValidationError, match="Only active members"):
        actions.invite(member, workspace, type(gone).objects.get(pk=gone.pk))


def test_only_the_invitee_answers_and_only_once(workspace, member, other_member):
    invitation = actions.invite(member, workspace, other_member)
    with pytest.raises(PermissionDenied):
        actions.answer_invitation(member, invitation, accept=True)
    actions.answer_invitation(other_member, invitation, accept=True)
    with pytest.raises(ValidationError, match="already answered"):
        actions.answer_invitation(other_member, invitation, accept=False)


def test_an_invitation_into_a_deleted_initiative_cannot_be_accepted(
    workspace, member, other_member, moderator
):
    invitation = actions.invite(member, workspace, other_member)
    actions.moderate_thread(moderator, workspace.initiative.thread, "delete_thread", reason="Spam")
    with pytest.raises(ValidationError, match="no longer there"):
        actions.answer_invitation(other_member, invitation, accept=True)
    assert not Participation.objects.filter(user=other_member).exists()


def test_only_the_workspace_starts_its_threads(workspace, member, other_member):
    with pytest.raises(PermissionDenied):
        actions.start_workspace_thread(other_member, workspace, title="Mine", body="Let me in.")
    thread = actions.start_workspace_thread(member, workspace, title="Plan", body="Step one.")
    assert thread.workspace == workspace and thread.category == workspace.initiative.thread.category


def test_a_participant_makes_it_public_once(workspace, member, other_member):
    thread = actions.start_workspace_thread(member, workspace, title="Budget", body="Embargoed.")
    with pytest.raises(PermissionDenied):
        actions.make_workspace_public(other_member, workspace)
    actions.make_workspace_public(member, workspace)
    workspace.refresh_from_db()
    assert not workspace.private and workspace.made_public_at is not None
    assert Thread.objects.visible_to(other_member).filter(pk=thread.pk).exists()
    with pytest.raises(ValidationError, match="already public"):
        actions.make_workspace_public(member, workspace)


def test_invitations_are_rate_limited(workspace, member, settings, institutes):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.invite": "2/h"}
    people = [make_user(f"p{n}@gcm.unu.example", f"Person {n}") for n in range(3)]
    actions.invite(member, workspace, people[0])
    actions.invite(member, workspace, people[1])
    with pytest.raises(RateLimited):
        actions.invite(member, workspace, people[2])


def test_watchers_of_the_category_are_not_told_of_a_private_thread(
    workspace, member, other_member, category, notified
):
    actions.set_subscription(other_member, "watching", category=category)
    actions.start_workspace_thread(member, workspace, title="Budget", body="Embargoed.")
    assert notified("thread_post") == []
