"""Initiative workspaces: opening one, its threads, inviting people in, answering, going public.

Who reads a workspace's threads is the forum's one rule (``Reach.PARTICIPANTS`` in
``THREAD_STATES``); these actions only change who belongs (a ``Participation``) and whether the
workspace is still private.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.ratelimit import consume
from notifications.actions import notify

from .. import permissions, recipients
from ..models import Initiative, Participation, Thread, Workspace, WorkspaceInvitation
from .common import require, watch
from .threads import create_thread


@transaction.atomic
def open_workspace(user, initiative: Initiative) -> Workspace:
    """The initiative's workspace, opened now if it has none (opening twice is harmless)."""
    initiative = Initiative.objects.select_related("thread").get(pk=initiative.pk)
    require(
        permissions.can_open_workspace(user, initiative),
        _("Only the proposer and the participants open the initiative's workspace."),
    )
    consume(user, "forum.write")
    workspace, _created = Workspace.objects.get_or_create(initiative=initiative)
    return workspace


@transaction.atomic
def start_workspace_thread(
    user, workspace: Workspace, *, title: str, body: str, files=()
) -> Thread:
    """A thread of the workspace, in the initiative's category, read as the workspace is; its
    ``files`` are the workspace's files as much as its replies' are."""
    workspace = Workspace.objects.select_related("initiative__thread").get(pk=workspace.pk)
    return create_thread(
        user,
        category=workspace.initiative.thread.category,
        title=title,
        body=body,
        workspace=workspace,
        files=files,
    )


@transaction.atomic
def invite(user, workspace: Workspace, invitee) -> WorkspaceInvitation:
    """Invite ``invitee`` (a suggested expert or any member) in; they are told and answer."""
    workspace = Workspace.objects.select_for_update().get(pk=workspace.pk)
    require(
        permissions.can_invite(user, workspace),
        _("Only the proposer and the participants invite people into the workspace."),
    )
    name = {"name": invitee.display_name}
    if not invitee.is_member:
        raise ValidationError(_("Only active members of the network can be invited."))
    if workspace.has_member(invitee):
        raise ValidationError(_("%(name)s already takes part in this initiative.") % name)
    if workspace.invitations.filter(
        invitee=invitee, status=WorkspaceInvitation.Status.PENDING
    ).exists():
        raise ValidationError(
            _("%(name)s is already invited and has not answered yet.") % name, code="pending"
        )
    consume(user, "forum.invite")
    invitation = WorkspaceInvitation.objects.create(
        workspace=workspace, invitee=invitee, invited_by=user
    )
    title = workspace.initiative.thread.title
    notify(
        [invitee],
        "workspace_invitation",
        actor=user,
        target=invitation,
        summary=_("%(name)s invites you into the workspace of “%(title)s”")
        % {"name": user.display_name, "title": title},
    )
    return invitation


@transaction.atomic
def answer_invitation(user, invitation: WorkspaceInvitation, *, accept: bool):
    """The invitee accepts (and takes part in the initiative) or declines, once."""
    invitation = (
        WorkspaceInvitation.objects.select_for_update()
        .select_related("workspace__initiative__thread", "invited_by")
        .get(pk=invitation.pk)
    )
    require(invitation.invitee_id == user.pk, _("Only the person invited answers an invitation."))
    if invitation.status != WorkspaceInvitation.Status.PENDING:
        raise ValidationError(_("You have already answered this invitation."), code="answered")
    initiative = invitation.workspace.initiative
    if not permissions.can_view_thread(user, initiative.thread):
        raise ValidationError(_("This initiative is no longer there."), code="gone")
    consume(user, "forum.write")
    invitation.status = (
        WorkspaceInvitation.Status.ACCEPTED if accept else WorkspaceInvitation.Status.DECLINED
    )
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    if not accept:
        return invitation
    Participation.objects.update_or_create(
        initiative=initiative, user=user, defaults={"kind": Participation.Kind.PARTICIPANT}
    )
    watch(user, initiative.thread)
    notify(
        recipients.single(invitation.invited_by, initiative.thread, user),
        "initiative_joined",
        actor=user,
        target=invitation.workspace,
        summary=_("%(name)s accepted your invitation into “%(title)s”")
        % {"name": user.display_name, "title": initiative.thread.title},
    )
    return invitation


@transaction.atomic
def make_workspace_public(user, workspace: Workspace) -> Workspace:
    """From now on every member reads the workspace's threads (and search finds them)."""
    workspace = Workspace.objects.select_for_update().get(pk=workspace.pk)
    require(
        permissions.is_workspace_member(user, workspace),
        _("Only the proposer and the participants make the workspace public."),
    )
    if not workspace.private:
        raise ValidationError(_("This workspace is already public."), code="public")
    consume(user, "forum.write")
    workspace.private, workspace.made_public_at = False, timezone.now()
    workspace.save(update_fields=["private", "made_public_at"])
    return workspace
