"""Initiatives: the structured part of an initiative thread, and who takes part."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .threads import Thread


class Initiative(models.Model):
    """A joint proposal: the structured part of an initiative thread."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DISCUSSION = "discussion", _("Under discussion")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    TRANSITIONS = {
        Status.PROPOSED: {Status.DISCUSSION, Status.ARCHIVED},
        Status.DISCUSSION: {Status.PROPOSED, Status.ACTIVE, Status.ARCHIVED},
        Status.ACTIVE: {Status.COMPLETED, Status.ARCHIVED},
        Status.COMPLETED: {Status.ACTIVE, Status.ARCHIVED},
        Status.ARCHIVED: {Status.DISCUSSION},
    }

    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, related_name="initiative")
    summary = models.CharField(_("summary"), max_length=500)
    objectives = models.TextField(_("objectives"), max_length=10_000)
    institutes = models.ManyToManyField(
        "accounts.Institute", blank=True, related_name="+", verbose_name=_("institutes involved")
    )
    sdgs = models.ManyToManyField(
        "directory.SDG", blank=True, related_name="+", verbose_name=_("SDGs")
    )
    sought_themes = models.ManyToManyField(
        "directory.Theme", blank=True, related_name="+", verbose_name=_("expertise sought: themes")
    )
    sought_methods = models.ManyToManyField(
        "directory.Method",
        blank=True,
        related_name="+",
        verbose_name=_("expertise sought: methods"),
    )
    sought_regions = models.ManyToManyField(
        "directory.Region",
        blank=True,
        related_name="+",
        verbose_name=_("expertise sought: regions"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PROPOSED)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.thread.title

    def get_absolute_url(self):
        return self.thread.get_absolute_url()

    def allowed_statuses(self):
        return [s for s in self.Status if s in self.TRANSITIONS[self.Status(self.status)]]


class Participation(models.Model):
    class Kind(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        INTERESTED = "interested", _("Interested")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_participations"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="participation_unique")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.initiative_id}"
