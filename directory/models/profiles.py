"""Profiles, who may see one (``facts_required``, ``PROFILE_FACTS``), publications and ORCID
imports."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.permissions import is_member
from core.content_language import language_field

from .. import search
from .vocabularies import Country, Keyword, Language, Method, Region, Theme


class ProfileQuerySet(models.QuerySet):
    def of_members(self):
        """Profiles of active members: everyone else's are shown to nobody."""
        return self.filter(OWNER_IS_MEMBER.condition)

    def visible_to(self, viewer):
        """Profiles this person may see (``facts_required``)."""
        return self.filter(*(fact.condition for fact in facts_required(viewer)))

    def public(self):
        """Profiles anyone may see, signed in or not."""
        return self.visible_to(None)

    def search(self, q: str):
        return search.search(self, q)

    def for_cards(self):
        """What a result card shows, in a fixed number of queries whatever the page size."""
        return self.select_related("user", "user__institute").prefetch_related(
            models.Prefetch("themes", queryset=Theme.objects.only("pk", "name", "slug")),
            "countries",
            "regions",
        )


class Profile(models.Model):
    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members only")
        PUBLIC = "public", _("Public")

    user = models.OneToOneField(
        "accounts.User", verbose_name=_("member"), on_delete=models.CASCADE, related_name="profile"
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    affiliations = models.CharField(
        _("other affiliations"),
        max_length=300,
        blank=True,
        help_text=_("Besides your institute, e.g. a university chair or a think tank."),
    )
    biography = models.TextField(_("biography"), blank=True, help_text=_("Markdown."))
    biography_html = models.TextField(editable=False, blank=True)
    language = language_field()  # of the profile's own text (core.content_language)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    keywords = models.ManyToManyField(Keyword, verbose_name=_("keywords"), blank=True)
    methods = models.ManyToManyField(Method, verbose_name=_("methods"), blank=True)
    countries = models.ManyToManyField(Country, verbose_name=_("countries of focus"), blank=True)
    regions = models.ManyToManyField(Region, verbose_name=_("regions of focus"), blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    # Every region the focus lies in (chosen regions, their parents, the countries' sub-regions,
    # regions and groups), kept by directory.search so a region filter is one join.
    places = models.ManyToManyField(
        Region, related_name="+", blank=True, editable=False, db_table="directory_profile_places"
    )
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True)
    # True while ``orcid`` is the iD the member proved by signing in with ORCID (accounts/orcid/).
    orcid_verified = models.BooleanField(_("ORCID iD verified"), default=False, editable=False)
    links = models.TextField(
        _("links"), blank=True, help_text=_("One web address per line (at most 5).")
    )
    photo = models.FileField(_("photo"), upload_to="directory/photos/", blank=True, max_length=200)
    open_to_collaborate = models.BooleanField(_("open to collaborate"), default=False)
    available_for_advice = models.BooleanField(
        _("available for policy or media advice"), default=False
    )
    supervising_students = models.BooleanField(_("supervising students"), default=False)
    visibility = models.CharField(
        _("who can see this profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    show_email = models.BooleanField(
        _("show my email address to members"),
        default=False,
        help_text=_("Otherwise members contact you through the platform."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("last updated"), auto_now=True)
    # Search: folded (lower-case, accent-free) text on every database; on PostgreSQL also a
    # weighted vector built from it (directory.search keeps both up to date).
    search_name = models.CharField(max_length=200, blank=True, editable=False)
    search_tags = models.TextField(blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["search_name"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        indexes = [
            models.Index(fields=["search_name"], name="directory_profile_name"),
            models.Index(fields=["-updated"], name="directory_profile_updated"),
        ]

    def __str__(self) -> str:
        return self.user.display_name

    def get_absolute_url(self) -> str:
        return reverse("directory:profile", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return IS_PUBLIC.holds(self)

    def is_visible_to(self, viewer) -> bool:
        """``ProfileQuerySet.visible_to`` for a loaded profile (its user read)."""
        return all(fact.holds(self) for fact in facts_required(viewer))

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


@dataclass(frozen=True)
class ProfileFact:
    """Something a profile must be for a viewer to see it, in each form it is checked in.

    ``condition`` filters querysets, ``holds`` tests a loaded profile, ``sql`` is the same test
    on the profile row ``p`` in raw SQL (the PostgreSQL facets array stores it as
    ``directory.facets.STATE + number``). tests/directory/test_visibility.py checks that the
    three agree for every viewer and every kind of profile.
    """

    name: str
    condition: Q
    holds: Callable[["Profile"], bool]
    sql: str
    number: int


OWNER_IS_MEMBER = ProfileFact(
    "listed",
    Q(user__is_active=True, user__status=User.Status.MEMBER),
    lambda profile: profile.user.is_member,
    "EXISTS (SELECT 1 FROM accounts_user u WHERE u.id = p.user_id AND u.is_active "  # noqa: S608
    f"AND u.status = '{User.Status.MEMBER}')",
    1,
)
IS_PUBLIC = ProfileFact(
    "public",
    Q(visibility=Profile.Visibility.PUBLIC),
    lambda profile: profile.visibility == Profile.Visibility.PUBLIC,
    f"p.visibility = '{Profile.Visibility.PUBLIC}'",
    2,
)
PROFILE_FACTS = (OWNER_IS_MEMBER, IS_PUBLIC)


def facts_required(viewer) -> tuple[ProfileFact, ...]:
    """Who may see a profile, the rule written once.

    Members see every member's profile; anyone else (visitors, applicants, the deactivated)
    only the public ones. Nobody sees the profile of someone who is no longer a member.
    """
    return (OWNER_IS_MEMBER,) if is_member(viewer) else (OWNER_IS_MEMBER, IS_PUBLIC)


class Publication(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Added by hand")
        ORCID = "orcid", _("Imported from ORCID")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="publications", verbose_name=_("profile")
    )
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    orcid_put_code = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [models.F("year").desc(nulls_last=True), "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "doi"],
                condition=~Q(doi=""),
                name="directory_publication_unique_doi",
            ),
            models.UniqueConstraint(
                fields=["profile", "orcid_put_code"],
                condition=Q(orcid_put_code__isnull=False),
                name="directory_publication_unique_put_code",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


class OrcidImport(models.Model):
    """One run of the ORCID works import: fetched in a task, then reviewed by the member."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        FETCHING = "fetching", _("Fetching works from ORCID")
        READY = "ready", _("Ready for your review")
        FAILED = "failed", _("Failed")
        DONE = "done", _("Added")
        DISCARDED = "discarded", _("Discarded")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="orcid_imports")
    orcid = models.CharField(max_length=19)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    # Works found and not yet on the profile: [{put_code, title, year, venue, doi, url}, ...].
    candidates = models.JSONField(default=list, blank=True)
    works_seen = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.orcid} ({self.status})"

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.FETCHING}


class DismissedSuggestion(models.Model):
    """A term the member's works suggested and the member turned down: never suggested again
    (``directory.suggestions``). ``kind`` names the vocabulary: theme, method, region, country."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    term_id = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "kind", "term_id"], name="directory_dismissed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.term_id} dismissed by profile {self.profile_id}"
