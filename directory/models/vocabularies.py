"""The controlled vocabularies a profile is described in (themes, methods, regions, countries,
languages, SDGs) and the free keywords members propose."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def ids_of(items) -> set[int]:
    """Primary keys from model instances or raw ids (strings from a form included)."""
    return {int(getattr(item, "pk", item)) for item in items}


class VocabularyTerm(models.Model):
    """A controlled term whose English label is translated when displayed."""

    name = models.CharField(_("name"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return gettext(self.name)


class OrderedTerm(VocabularyTerm):
    """A term listed in the vocabulary's own order (as published), then by name."""

    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]


def parent_field(verbose_name, **options):
    """The link from a term to the broader term it belongs to (none at the top)."""
    return models.ForeignKey(
        "self",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        **options,
    )


class ThemeQuerySet(models.QuerySet):
    def focus_areas(self):
        return self.filter(parent__isnull=True)

    def leaves(self):
        return self.filter(parent__isnull=False)

    def expand(self, themes_or_ids):
        """The given themes plus the children of any focus area among them."""
        ids = ids_of(themes_or_ids)
        return self.filter(Q(pk__in=ids) | Q(parent_id__in=ids))


class Theme(OrderedTerm):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parent = parent_field(_("focus area"), help_text=_("Empty for the focus areas themselves."))

    objects = ThemeQuerySet.as_manager()

    class Meta(OrderedTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    @property
    def is_focus_area(self) -> bool:
        return self.parent_id is None


class Method(OrderedTerm):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta(OrderedTerm.Meta):
        verbose_name = _("method")
        verbose_name_plural = _("methods")


class Language(VocabularyTerm):
    code = models.CharField(_("ISO 639-1 code"), max_length=2, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class SDG(VocabularyTerm):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.label}"


class RegionQuerySet(models.QuerySet):
    def expand_ids(self, regions_or_ids) -> set[int]:
        """Ids of the given regions and of every region below them (one query, small table)."""
        wanted = ids_of(regions_or_ids)
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in Region.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, stack = set(), list(wanted)
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.add(pk)
                stack.extend(children.get(pk, ()))
        return found

    def expand(self, regions_or_ids):
        return self.filter(pk__in=self.expand_ids(regions_or_ids))


class Region(OrderedTerm):
    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        SUBREGION = "subregion", _("Sub-region")
        GROUP = "group", _("Group of countries")
        GLOBAL = "global", _("Global")

    code = models.CharField(_("M49 code"), max_length=3, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = parent_field(_("part of"))

    objects = RegionQuerySet.as_manager()

    class Meta(OrderedTerm.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def countries(self):
        """Every country in this region, its sub-regions, or this group."""
        return Country.objects.in_regions([self])


class CountryQuerySet(models.QuerySet):
    def in_regions(self, regions_or_ids):
        ids = Region.objects.expand_ids(regions_or_ids)
        return self.filter(Q(subregion_id__in=ids) | Q(groups__in=ids)).distinct()


class Country(VocabularyTerm):
    code = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3)
    m49 = models.CharField(_("M49 code"), max_length=3)
    subregion = models.ForeignKey(
        Region,
        verbose_name=_("sub-region"),
        on_delete=models.PROTECT,
        related_name="subregion_countries",
    )
    groups = models.ManyToManyField(
        Region,
        verbose_name=_("groups"),
        blank=True,
        related_name="group_countries",
        limit_choices_to={"kind": Region.Kind.GROUP},
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country or area")
        verbose_name_plural = _("countries and areas")


class KeywordQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Keyword.Status.APPROVED)

    def proposed(self):
        return self.filter(status=Keyword.Status.PROPOSED)


class Keyword(models.Model):
    """A free keyword; it shows in the directory once a moderator has approved it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        SYNONYM = "synonym", _("Synonym")
        MERGED = "merged", _("Merged")

    name = models.CharField(_("keyword"), max_length=80)
    normalized = models.CharField(_("normalized form"), max_length=80, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    # A synonym or a merged keyword points at exactly one of these: an approved keyword or a
    # theme. Both send a member who types the keyword to that term; a synonym also finds the
    # term's holders in search, a merged keyword (a variant or a typo) does not.
    synonym_of = models.ForeignKey(
        "self",
        verbose_name=_("synonym of keyword"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="synonyms",
    )
    synonym_of_theme = models.ForeignKey(
        Theme,
        verbose_name=_("synonym of theme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="keyword_synonyms",
    )
    proposed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = KeywordQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")

    def __str__(self) -> str:
        return self.name
