"""Initiative workspaces: a private room of an initiative, and the invitations into it.

A workspace's threads are forum threads (``Thread.workspace``); while the workspace is private
they are in the ``Reach.PARTICIPANTS`` state of ``THREAD_STATES``, read by its members (the
initiative's proposer and participants) and moderators only. Who its members are is written here
once, as SQL (``WorkspaceQuerySet.of_member``) and as people (``Workspace.members``).

This module names the initiative and the threads by string only, so that ``threads`` can
import it without a cycle.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.permissions import is_member, is_moderator

PARTICIPANT = "participant"  # Participation.Kind.PARTICIPANT, named without importing it


class WorkspaceQuerySet(models.QuerySet):
    def of_member(self, user):
        """The workspaces ``user`` belongs to: as proposer or participant of the initiative."""
        if not is_member(user):
            return self.none()
        return self.of_member_id(user.pk)

    def of_member_id(self, user_id: int):
        """``of_member`` of an active member, by id."""
        return self.filter(
            Q(initiative__thread__author_id=user_id)
            | Q(
                initiative__participations__user_id=user_id,
                initiative__participations__kind=PARTICIPANT,
            )
        )

    def visible_to(self, user):
        """The workspaces whose page ``user`` may open: their own, every one for moderators,
        and public ones for every member (as their threads are)."""
        if not is_member(user):
            return self.none()
        if is_moderator(user):
            return self.all()
        return self.filter(Q(private=False) | Q(pk__in=self.of_member(user).values("pk")))


class Workspace(models.Model):
    initiative = models.OneToOneField(
        "forum.Initiative", on_delete=models.CASCADE, related_name="workspace"
    )
    private = models.BooleanField(_("private"), default=True)
    made_public_at = models.DateTimeField(_("made public"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self):
        return str(self.initiative)

    def get_absolute_url(self):
        return reverse("forum:workspace", args=[self.initiative_id])

    def members(self):
        """The workspace's people: the proposer and the participants, active members only."""
        return (
            User.objects.members()
            .filter(
                Q(forum_threads__initiative__workspace=self)
                | Q(
                    forum_participations__initiative__workspace=self,
                    forum_participations__kind=PARTICIPANT,
                )
            )
            .distinct()
        )

    def has_member(self, user) -> bool:
        return is_member(user) and Workspace.objects.of_member(user).filter(pk=self.pk).exists()


class WorkspaceInvitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Invited, not answered yet")
        ACCEPTED = "accepted", _("You accepted this invitation.")
        DECLINED = "declined", _("You declined this invitation.")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workspace_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("workspace invitation")
        verbose_name_plural = _("workspace invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "invitee"],
                condition=Q(status="pending"),
                name="workspace_invitation_one_pending",
            )
        ]

    def __str__(self):
        return f"{self.invitee_id} → {self.workspace_id} ({self.status})"

    def get_absolute_url(self):
        return reverse("forum:workspace_invitation", args=[self.pk])
