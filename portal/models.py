"""What the network shows the public: research outputs, policy briefs and events.

Members submit outputs and propose events; moderators publish them. Only ``published`` rows ever
reach a public page (``OutputQuerySet.public()``, ``EventQuerySet.public()``); the rest is seen by
its submitter and by moderators.
"""

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_moderator


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class ReviewedQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Status.PUBLISHED)

    def awaiting_review(self):
        return self.filter(status=Status.SUBMITTED)

    def visible_to(self, user):
        """Published rows for everyone; a member also sees their own; moderators see all."""
        if is_moderator(user):
            return self
        if user.is_authenticated and user.is_member:
            return self.filter(Q(status=Status.PUBLISHED) | Q(submitted_by=user))
        return self.public()


class Reviewed(models.Model):
    """What outputs and events share: who submitted them and how their review went."""

    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED


class OutputQuerySet(ReviewedQuerySet):
    def for_cards(self):
        """What a card in a list shows, in a fixed number of queries whatever the count."""
        return self.prefetch_related(
            "institutes",
            models.Prefetch(
                "authors", queryset=OutputAuthor.objects.select_related("member__profile")
            ),
        )

    def briefs(self):
        return self.filter(kind=Output.Kind.POLICY_BRIEF)


class Output(Reviewed):
    """A research output: a report, policy brief, paper, article, book or dataset."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        POLICY_BRIEF = "policy_brief", _("Policy brief")
        WORKING_PAPER = "working_paper", _("Working paper")
        ARTICLE = "article", _("Article")
        BOOK = "book", _("Book")
        DATASET = "dataset", _("Dataset")

    kind = models.CharField(_("type"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date of publication"))
    abstract = models.TextField(_("abstract"), max_length=10_000, help_text=_("Markdown."))
    abstract_html = models.TextField(editable=False, blank=True)
    recommendations = models.TextField(
        _("recommendations"),
        blank=True,
        max_length=10_000,
        help_text=_("For a policy brief: one recommendation per line."),
    )
    venue = models.CharField(
        _("published in"),
        max_length=300,
        blank=True,
        help_text=_("The journal, series or publisher."),
    )
    doi = models.CharField(_("DOI"), max_length=200, blank=True, help_text=_("Such as 10.1234/abc"))
    url = models.URLField(_("web address"), blank=True, max_length=500)
    pdf = models.FileField(_("PDF"), upload_to="portal/outputs/", blank=True, max_length=200)
    institutes = models.ManyToManyField(
        "accounts.Institute", blank=True, related_name="outputs", verbose_name=_("institutes")
    )
    themes = models.ManyToManyField(
        "directory.Theme", blank=True, related_name="outputs", verbose_name=_("themes")
    )
    regions = models.ManyToManyField(
        "directory.Region", blank=True, related_name="outputs", verbose_name=_("regions")
    )
    countries = models.ManyToManyField(
        "directory.Country", blank=True, related_name="outputs", verbose_name=_("countries")
    )
    sdgs = models.ManyToManyField(
        "directory.SDG", blank=True, related_name="outputs", verbose_name=_("SDGs")
    )

    objects = OutputQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("research output")
        verbose_name_plural = _("research outputs")
        indexes = [models.Index(fields=["status", "-date"], name="portal_output_listing")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:output", args=[self.pk])

    @property
    def recommendation_list(self) -> list[str]:
        return [line.strip() for line in self.recommendations.splitlines() if line.strip()]

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def is_brief(self) -> bool:
        return self.kind == self.Kind.POLICY_BRIEF


class OutputAuthor(models.Model):
    """An author in order: a member (linked to their profile where it is public) or a name."""

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="authors")
    position = models.PositiveSmallIntegerField(default=0)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portal_authorships",
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    @property
    def public_profile(self):
        """The author's profile when anyone may see it (a member's, made public), else None."""
        profile = getattr(self.member, "profile", None) if self.member is not None else None
        return profile if profile is not None and profile.is_visible_to(None) else None


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


def new_token() -> str:
    return secrets.token_urlsafe(32)


class StakeholderSubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class StakeholderSubscription(models.Model):
    """Anyone's email subscription to new briefs, outputs or events, by theme or region.

    It starts unconfirmed; the link in the first email confirms it (double opt-in). The same
    secret token, in every later email, unsubscribes with one click.
    """

    class Topic(models.TextChoices):
        BRIEFS = "briefs", _("New policy briefs")
        OUTPUTS = "outputs", _("All new research outputs")
        EVENTS = "events", _("New events")

    email = models.EmailField(_("email address"), max_length=254)
    topic = models.CharField(_("what"), max_length=10, choices=Topic)
    theme = models.ForeignKey(
        "directory.Theme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("theme"),
    )
    region = models.ForeignKey(
        "directory.Region",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("region"),
    )
    # topic, theme and region in one value, so one address holds each choice once on every
    # database (a unique constraint over nullable columns would not).
    choice = models.CharField(max_length=40, editable=False)
    token = models.CharField(max_length=64, unique=True, editable=False)  # new_token() at save
    created = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = StakeholderSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["email", "choice"], name="one_subscription_per_choice")
        ]

    def __str__(self):
        return f"{self.email}: {self.topic}"

    def save(self, *args, **kwargs):
        self.choice = f"{self.topic}:{self.theme_id or ''}:{self.region_id or ''}"
        if not self.token:
            self.token = new_token()
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Dispatch(models.Model):
    """One email about one published item to one subscription, claimed before it is sent."""

    subscription = models.ForeignKey(
        StakeholderSubscription, on_delete=models.CASCADE, related_name="dispatches"
    )
    output = models.ForeignKey(Output, null=True, blank=True, on_delete=models.CASCADE)
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "output"],
                condition=Q(output__isnull=False),
                name="one_dispatch_per_output",
            ),
            models.UniqueConstraint(
                fields=["subscription", "event"],
                condition=Q(event__isnull=False),
                name="one_dispatch_per_event",
            ),
        ]

    def __str__(self):
        return f"dispatch {self.pk}"
