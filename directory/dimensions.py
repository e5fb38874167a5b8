"""The directory's dimensions: every way it narrows and counts profiles, each declared once.

One declaration per filter, in ``TERMS`` (values from a vocabulary) and ``FLAGS`` (yes/no
fields of ``Profile``). Everything else is derived from these lists:

- ``directory.filters`` builds the FilterSet (one filter per dimension) and counts each option
  over the current result (on SQLite from the relation tables the declarations name);
- ``directory.facets`` builds the PostgreSQL ``facets`` array: a term is stored as its
  dimension's ``code`` times a million plus its id, a flag as ``FLAG + number``;
- ``directory.filter_options`` caches each term dimension's ``options()``;
- ``directory.forms`` puts every flag in the profile form (``ProfileForm.flag_fields``); the
  filter form lists the counted flags, cards and the profile page a profile's flags
  (``directory_tags.flag_labels``).

Adding a yes/no profile flag is a ``BooleanField(default=False)`` on ``Profile`` (with its
migration) and one ``Flag`` below with a number never used before: stored arrays keep the
numbers they were written with, and a new flag is false for every existing profile, so no
stored array needs rewriting. tests/directory/test_dimensions.py checks every declared flag.
"""

# ruff: noqa: S608  (the SQL here is built from model metadata and these declarations, never input)

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Institute

from .models import Profile, Region, Theme

MILLION = 1_000_000
FLAG = 7 * MILLION


@dataclass(frozen=True)
class Option:
    """One choice of a term filter, as the filter lists it (kept in the shared cache)."""

    pk: int
    name: str
    value: str  # what the URL carries: a slug, a code or an acronym
    depth: int = 0
    translated: bool = True  # vocabulary names are; institutes' acronyms are not

    @property
    def label(self) -> str:
        return gettext(self.name) if self.translated else self.name


@dataclass(frozen=True)
class Terms:
    """Profiles holding terms of one vocabulary, through a many-to-many field of ``Profile``.

    Several values of one filter are alternatives (OR). ``code`` places the dimension in the
    facets array: a term is ``code * MILLION + its id``.
    """

    name: str  # the URL parameter and the key of the counts
    label: str
    relation: str  # the many-to-many field of Profile holding the terms
    value_field: str  # what the URL carries: the term's slug or code
    code: int
    keep_empty: bool = False  # list the options no profile of the result holds, too

    @property
    def offset(self) -> int:
        return self.code * MILLION

    @property
    def vocabulary(self):
        return Profile._meta.get_field(self.relation).related_model

    @property
    def table(self) -> str:
        return Profile._meta.get_field(self.relation).m2m_db_table()

    @property
    def column(self) -> str:
        """The through table's column holding the term's id."""
        return Profile._meta.get_field(self.relation).m2m_reverse_name()

    def expand(self, ids: set[int]) -> set[int]:
        """The terms a filter on ``ids`` matches."""
        return ids

    def narrow(self, queryset, ids: set[int]):
        """Profiles of ``queryset`` holding any of the terms ``ids``, from the relation table."""
        through = getattr(Profile, self.relation).through
        holders = through.objects.filter(**{f"{self.column}__in": ids}).values("profile_id")
        return queryset.filter(pk__in=holders)

    def array_sql(self) -> list[str]:
        """SELECTs of this dimension's values of the profile row ``p`` (constants only)."""
        return [
            f"SELECT {self.offset} + x.{self.column} FROM {self.table} x WHERE x.profile_id = p.id"
        ]

    def count_sql(self) -> list[str]:
        """SELECTs of (dimension, term id, profiles) over the result ``r(id)``."""
        return [
            f"SELECT '{self.name}', t.{self.column}, COUNT(*) FROM {self.table} t "
            f"JOIN r ON r.id = t.profile_id GROUP BY t.{self.column}"
        ]

    def options(self) -> list[Option]:
        """The filter's choices, in the order it shows them."""
        return [
            Option(term.pk, term.name, getattr(term, self.value_field))
            for term in self.vocabulary.objects.only("name", self.value_field)
        ]


@dataclass(frozen=True)
class Themes(Terms):
    """Themes under their focus areas: a focus area stands for all of its themes."""

    def expand(self, ids):
        return set(Theme.objects.expand(ids).values_list("pk", flat=True))

    def array_sql(self):
        theme = Theme._meta.db_table
        return [
            *super().array_sql(),
            f"SELECT {self.offset} + th.parent_id FROM {self.table} t "
            f"JOIN {theme} th ON th.id = t.{self.column} "
            "WHERE t.profile_id = p.id AND th.parent_id IS NOT NULL",
        ]

    def count_sql(self):
        theme = Theme._meta.db_table
        return [
            *super().count_sql(),
            f"SELECT '{self.name}', th.parent_id, COUNT(DISTINCT t.profile_id) FROM {self.table} t "
            f"JOIN r ON r.id = t.profile_id JOIN {theme} th ON th.id = t.{self.column} "
            "WHERE th.parent_id IS NOT NULL GROUP BY th.parent_id",
        ]

    def options(self):
        return [
            Option(theme.pk, theme.name, theme.slug, 0 if theme.is_focus_area else 1)
            for area in Theme.objects.focus_areas().prefetch_related("children")
            for theme in (area, *area.children.all())
        ]


@dataclass(frozen=True)
class Places(Terms):
    """Regions of focus: ``Profile.places`` holds every region a profile's focus lies in."""

    def options(self):
        return [
            Option(region.pk, region.name, region.code, region_depth(region))
            # Antarctica (010) has no researchers' countries beneath it worth a filter.
            for region in Region.objects.exclude(code="010").select_related("parent")
        ]


def region_depth(region) -> int:
    if region.parent_id is None:
        return 0
    return 2 if region.parent.parent_id else 1


@dataclass(frozen=True)
class Institutes(Terms):
    """The member's institute (a field of the user, not of the profile)."""

    @property
    def vocabulary(self):
        return Institute

    def narrow(self, queryset, ids):
        return queryset.filter(user__institute_id__in=ids)

    def array_sql(self):
        user = Profile._meta.get_field("user").related_model._meta.db_table
        return [
            f"SELECT {self.offset} + u.institute_id FROM {user} u "
            "WHERE u.id = p.user_id AND u.institute_id IS NOT NULL"
        ]

    def count_sql(self):
        profile = Profile._meta.db_table
        user = Profile._meta.get_field("user").related_model._meta.db_table
        return [
            f"SELECT '{self.name}', u.institute_id, COUNT(*) FROM {profile} p "
            f"JOIN r ON r.id = p.id JOIN {user} u ON u.id = p.user_id GROUP BY u.institute_id"
        ]

    def options(self):
        return [
            Option(institute.pk, institute.acronym, institute.acronym, translated=False)
            for institute in Institute.objects.only("acronym", "name")
        ]


@dataclass(frozen=True)
class Flag:
    """A yes/no field of ``Profile``: ticked, only profiles with it; unticked, no narrowing."""

    name: str  # the URL parameter and the key of the counts
    field: str  # the BooleanField of Profile
    number: int  # the flag is FLAG + number in the facets array: never reuse a number
    label: str  # in the filter and on the profile page
    short_label: str = ""  # on result cards, when the label is too long there

    @property
    def value(self) -> int:
        return FLAG + self.number

    @property
    def column(self) -> str:
        return Profile._meta.get_field(self.field).column

    def array_sql(self) -> list[str]:
        return [f"SELECT {self.value} WHERE p.{self.column}"]

    def count_sql(self) -> list[str]:
        profile = Profile._meta.db_table
        return [
            f"SELECT 'flags', {self.number}, COUNT(*) FROM {profile} p "
            f"JOIN r ON r.id = p.id WHERE p.{self.column}"
        ]


TERMS = (
    Themes("theme", _("Theme"), "themes", "slug", code=1, keep_empty=True),
    Places("region", _("Region"), "places", "code", code=2),
    Terms("country", _("Country"), "countries", "code", code=3),
    Terms("method", _("Method"), "methods", "slug", code=4),
    Terms("language", _("Language"), "languages", "code", code=5),
    Institutes("institute", _("Institute"), "", "acronym", code=6),
)
FLAGS = (
    Flag("open", "open_to_collaborate", 1, _("Open to collaborate")),
    Flag(
        "advice",
        "available_for_advice",
        2,
        _("Available for policy or media advice"),
        short_label=_("Policy or media advice"),
    ),
    Flag("supervising", "supervising_students", 3, _("Supervising students")),
)
DIMENSIONS = (*TERMS, *FLAGS)
TERMS_BY_NAME = {dimension.name: dimension for dimension in TERMS}


def flag_labels(values, *, short: bool = False, flags=None) -> list[str]:
    """The labels of the ``flags`` (by default ``FLAGS``) a profile has, ``values`` giving
    each flag's field (a dict); ``short`` for cards, where a long label has a short one."""
    return [
        str(flag.short_label if short and flag.short_label else flag.label)
        for flag in (FLAGS if flags is None else flags)
        if values[flag.field]
    ]
