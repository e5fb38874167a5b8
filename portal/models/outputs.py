"""Research outputs and policy briefs, and their authors."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.content_language import each_work_once

from .common import Reviewed, ReviewedQuerySet


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

    def in_language(self, code: str):
        """Each work once, in ``code`` where it has a version (``each_work_once``)."""
        return each_work_once(self, code)

    def versions_of(self, output: "Output"):
        """Every version of ``output``'s work among these rows, itself included."""
        work = output.translation_of_id or output.pk
        return self.filter(Q(pk=work) | Q(translation_of=work))


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

    # A translation names its original; the set of versions is the original and every output
    # naming it (one per language, never a translation of a translation: portal.forms).
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translation of"),
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
