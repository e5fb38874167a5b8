"""Reports on posts and the log of every moderator action."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .posts import Post
from .threads import Thread


class Report(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reports"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    created = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(status="open"),
                name="one_open_report_per_reporter",
            )
        ]

    def __str__(self):
        return f"Report on {self.post_id} by {self.reporter_id}"

    def get_absolute_url(self):
        return self.post.get_absolute_url()


class ModerationLog(models.Model):
    """Who did what, when and why: every moderator action, visible to moderators."""

    class Action(models.TextChoices):
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
        SUSPEND = "suspend", _("Suspended a member")
        CATEGORY = "category", _("Changed a category")
        PRACTICE_PUBLIC = "practice_public", _("Showed a practice on the public site")
        PRACTICE_PRIVATE = "practice_private", _("Took a practice off the public site")
        PUBLISH_OUTPUT = "publish_output", _("Published a research output")
        DECLINE_OUTPUT = "decline_output", _("Declined a research output")
        UNPUBLISH_OUTPUT = "unpublish_output", _("Unpublished a research output")
        PUBLISH_EVENT = "publish_event", _("Published an event")
        DECLINE_EVENT = "decline_event", _("Declined an event")
        UNPUBLISH_EVENT = "unpublish_event", _("Unpublished an event")

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30, choices=Action)
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    details = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.actor} {self.get_action_display()}"
