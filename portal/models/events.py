"""Events, with their time zone, registrations and waiting list."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import Reviewed, ReviewedQuerySet, new_token


class EventQuerySet(ReviewedQuerySet):
    def upcoming(self, now=None):
        return self.filter(start__gt=now or timezone.now()).order_by("start", "pk")

    def ongoing(self, now=None):
        now = now or timezone.now()
        return self.filter(start__lte=now, end__gte=now).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def for_cards(self):
        return self.prefetch_related("institutes")


class Event(Reviewed):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        SYMPOSIUM = "symposium", _("Symposium")
        SEMINAR = "seminar", _("Seminar")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        WEBINAR = "webinar", _("Webinar")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=300)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, help_text=_("Such as Europe/Bonn or Asia/Kuala_Lumpur")
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True, max_length=500)
    description = models.TextField(_("description"), max_length=20_000, help_text=_("Markdown."))
    description_html = models.TextField(editable=False, blank=True)
    registration_url = models.URLField(
        _("registration link"),
        blank=True,
        max_length=500,
        help_text=_("Where people register, if not here."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Register here, with this many places and a waiting list after them."),
    )
    institutes = models.ManyToManyField(
        "accounts.Institute",
        blank=True,
        related_name="events",
        verbose_name=_("organising institutes"),
    )
    themes = models.ManyToManyField(
        "directory.Theme", blank=True, related_name="events", verbose_name=_("themes")
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "start"], name="portal_event_listing")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="event_ends_later")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:event", args=[self.pk])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(self.zone)

    @property
    def takes_registrations(self) -> bool:
        return self.capacity is not None and self.end >= timezone.now()

    def when(self, now=None) -> str:
        now = now or timezone.now()
        if self.end < now:
            return "past"
        return "ongoing" if self.start <= now else "upcoming"

    @property
    def is_online_only(self) -> bool:
        return bool(self.online_url) and not self.place


class Registration(models.Model):
    """A place at an event, or a place on its waiting list when the event was full."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), max_length=254)
    status = models.CharField(_("status"), max_length=10, choices=Status)
    created = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # When a cancelled place went to this registration, first on the waiting list.
    promoted_at = models.DateTimeField(null=True, blank=True)
    # The secret in the registration's emails that lets its holder cancel it.
    token = models.CharField(max_length=64, unique=True, editable=False)  # new_token() at save

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_registration_per_email")
        ]

    def __str__(self):
        return f"{self.email} at {self.event_id}"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = new_token()
        super().save(*args, **kwargs)

    def get_cancel_url(self):
        return reverse("portal:cancel_registration", args=[self.token])
