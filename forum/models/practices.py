"""Good practices: the structured part of a practice thread, reviewed by moderators."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.content_language import each_work_once


class PracticeQuerySet(models.QuerySet):
    def curated(self):
        return self.filter(status=Practice.Status.CURATED, thread__is_deleted=False)

    def public(self):
        """Curated practices a moderator chose to show on the public site."""
        return self.curated().filter(is_public=True)

    def awaiting_review(self):
        return self.filter(status__in=[Practice.Status.SUBMITTED, Practice.Status.IN_REVIEW])

    def in_language(self, code: str):
        """Each work once, in ``code`` where it has a version (a practice is written in its
        thread's language)."""
        return each_work_once(self, code, language="thread__language")

    def versions_of(self, practice: "Practice"):
        """Every version of ``practice``'s work among these rows, itself included."""
        work = practice.translation_of_id or practice.pk
        return self.filter(models.Q(pk=work) | models.Q(translation_of=work))


class Practice(models.Model):
    """A local good practice submitted by a member, reviewed by moderators."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        CURATED = "curated", _("Curated")
        DECLINED = "declined", _("Declined")

    thread = models.OneToOneField("forum.Thread", on_delete=models.CASCADE, related_name="practice")
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = models.ForeignKey(
        "directory.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    sdgs = models.ManyToManyField(
        "directory.SDG", blank=True, related_name="+", verbose_name=_("SDGs")
    )
    institute = models.ForeignKey(
        "accounts.Institute",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("institute"),
    )
    summary = models.TextField(_("summary"), max_length=2000)
    what_worked = models.TextField(_("what worked"), max_length=10_000)
    evidence = models.TextField(_("evidence and links"), max_length=10_000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SUBMITTED)
    featured = models.BooleanField(_("featured"), default=False)
    is_public = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_("Moderators choose which curated practices the public portal shows."),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    curated_at = models.DateTimeField(null=True, blank=True)
    # A translation names its original (its language is its thread's), as an output does.
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translation of"),
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-featured", "-curated_at"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self):
        return self.thread.title

    def get_absolute_url(self):
        return self.thread.get_absolute_url()
