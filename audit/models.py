"""The one audit log: every moderation and administration act of every app.

It sits below accounts in the layers, so that every app can write to it; it names people through
``settings.AUTH_USER_MODEL`` and things through content types, never by importing an app.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    MEMBERSHIP = "membership", _("Membership")
    ADMINISTRATION = "administration", _("Administration")
    INVITATIONS = "invitations", _("Invitations")
    DIRECTORY = "directory", _("Directory")
    FORUM = "forum", _("Forum")
    CONVERSATIONS = "conversations", _("Messages")
    PORTAL = "portal", _("Portal")


class Action(models.TextChoices):
    # Membership (accounts). Deactivating and the forum's former "suspend" are one act.
    APPROVE_APPLICATION = "approve_application", _("Approved an application")
    DECLINE_APPLICATION = "decline_application", _("Declined an application")
    DEACTIVATE = "deactivate", _("Deactivated a member")
    REACTIVATE = "reactivate", _("Reactivated a member")
    # Administration (accounts): roles, institutes and their email domains.
    APPOINT_MODERATOR = "appoint_moderator", _("Appointed a moderator")
    REMOVE_MODERATOR = "remove_moderator", _("Removed a moderator")
    APPOINT_ADMIN = "appoint_admin", _("Appointed an administrator")
    REMOVE_ADMIN = "remove_admin", _("Removed an administrator")
    ADD_INSTITUTE = "add_institute", _("Added an institute")
    EDIT_INSTITUTE = "edit_institute", _("Edited an institute")
    ADD_DOMAIN = "add_domain", _("Added an email domain")
    RETIRE_DOMAIN = "retire_domain", _("Retired an email domain")
    RESTORE_DOMAIN = "restore_domain", _("Restored an email domain")
    # Invitations.
    INVITE = "invite", _("Invited someone")
    RESEND_INVITATION = "resend_invitation", _("Resent an invitation")
    REVOKE_INVITATION = "revoke_invitation", _("Revoked an invitation")
    # Directory.
    APPROVE_KEYWORD = "approve_keyword", _("Approved a keyword")
    MERGE_KEYWORD = "merge_keyword", _("Merged a keyword into a term")
    SYNONYM_KEYWORD = "synonym_keyword", _("Recorded a keyword as a synonym")
    # Forum.
    HIDE = "hide", _("Hid a post")
    RESTORE = "restore", _("Restored a post")
    LOCK = "lock", _("Locked a thread")
    UNLOCK = "unlock", _("Unlocked a thread")
    PIN = "pin", _("Pinned a thread")
    UNPIN = "unpin", _("Unpinned a thread")
    MOVE = "move", _("Moved a thread")
    DELETE_THREAD = "delete_thread", _("Deleted a thread")
    RESTORE_THREAD = "restore_thread", _("Restored a thread")
    RESOLVE_REPORT = "resolve_report", _("Resolved a report")
    DISMISS_REPORT = "dismiss_report", _("Dismissed a report")
    REVIEW_PRACTICE = "review_practice", _("Took a practice into review")
    CURATE_PRACTICE = "curate_practice", _("Curated a practice")
    DECLINE_PRACTICE = "decline_practice", _("Declined a practice")
    INITIATIVE_STATUS = "initiative_status", _("Changed an initiative's status")
    INITIATIVE_EDIT = "initiative_edit", _("Edited an initiative")
    CATEGORY = "category", _("Changed a category")
    # Conversations.
    RESOLVE_MESSAGE_REPORT = "resolve_message_report", _("Resolved a reported message")
    # Portal.
    PRACTICE_PUBLIC = "practice_public", _("Showed a practice on the public site")
    PRACTICE_PRIVATE = "practice_private", _("Took a practice off the public site")
    PUBLISH_OUTPUT = "publish_output", _("Published a research output")
    DECLINE_OUTPUT = "decline_output", _("Declined a research output")
    UNPUBLISH_OUTPUT = "unpublish_output", _("Unpublished a research output")
    PUBLISH_EVENT = "publish_event", _("Published an event")
    DECLINE_EVENT = "decline_event", _("Declined an event")
    UNPUBLISH_EVENT = "unpublish_event", _("Unpublished an event")
    # Any change made in the Django admin (audit.admin.AuditedAdmin), the fallback of all of these.
    ADMIN_ADD = "admin_add", _("Added in the Django admin")
    ADMIN_CHANGE = "admin_change", _("Changed in the Django admin")
    ADMIN_DELETE = "admin_delete", _("Deleted in the Django admin")


def _area_of(action: str) -> str:
    names = Action(action).name
    if action in {"approve_application", "decline_application", "deactivate", "reactivate"}:
        return Area.MEMBERSHIP
    if names.startswith("ADMIN_") or names.endswith(("MODERATOR", "ADMIN", "INSTITUTE", "DOMAIN")):
        return Area.ADMINISTRATION
    if names.endswith(("INVITE", "INVITATION")):
        return Area.INVITATIONS
    if names.endswith("MESSAGE_REPORT"):
        return Area.CONVERSATIONS
    if names.endswith("KEYWORD"):
        return Area.DIRECTORY
    if names.endswith(("OUTPUT", "EVENT")) or action in {"practice_public", "practice_private"}:
        return Area.PORTAL
    return Area.FORUM


AREA_OF_ACTION = {action.value: _area_of(action.value) for action in Action}


class EntryQuerySet(models.QuerySet):
    def for_target(self, obj):
        return self.filter(
            target_type=ContentType.objects.get_for_model(type(obj)), target_id=obj.pk
        )

    def for_display(self):
        return self.select_related("actor__profile", "member", "target_type")


class Entry(models.Model):
    """Who did what, on whom or what, why and when."""

    created = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    area = models.CharField(_("area"), max_length=20, choices=Area)
    action = models.CharField(_("what"), max_length=30, choices=Action)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on whom"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(_("on what"), max_length=300, blank=True)
    target_url = models.CharField(max_length=300, blank=True)
    reason = models.TextField(_("why"), blank=True)
    details = models.CharField(_("details"), max_length=300, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self):
        return f"{self.actor} {self.get_action_display()}"
