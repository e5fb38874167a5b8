"""The directory's filters: every state in the URL, facet counts for the current result."""

import hashlib
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Institute
from core import freshness
from core.db import is_postgres

from . import facets, terms
from .models import Country, Language, Method, Profile, Region, Theme

MAX_VALUES_PER_FILTER = 30


class BoundedChoiceField(django_filters.fields.ModelMultipleChoiceField):
    def clean(self, value):
        if value and len(value) > MAX_VALUES_PER_FILTER:
            raise ValidationError(
                _("Choose at most %(limit)d values per filter."),
                params={"limit": MAX_VALUES_PER_FILTER},
            )
        return super().clean(value)


class TermsFilter(django_filters.ModelMultipleChoiceFilter):
    """Several values of one filter are alternatives (OR); values are codes or slugs."""

    field_class = BoundedChoiceField

    def __init__(self, *args, through_field: str, facet: str, **kwargs):
        self.through_field = through_field
        self.facet = facet
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        ids = self.expand({term.pk for term in value})
        if is_postgres():
            offset = facets.KIND_OFFSETS[self.facet]
            return qs.filter(facets.holding_any([offset + pk for pk in ids]))
        through = getattr(Profile, self.field_name).through
        holders = through.objects.filter(**{f"{self.through_field}__in": ids}).values("profile_id")
        return qs.filter(pk__in=holders)

    def expand(self, ids: set[int]) -> set[int]:
        return ids


class ThemeFilter(TermsFilter):
    def expand(self, ids):
        return set(Theme.objects.expand(ids).values_list("pk", flat=True))


class InstituteFilter(django_filters.ModelMultipleChoiceFilter):
    def filter(self, qs, value):
        if value and is_postgres():
            offset = facets.KIND_OFFSETS["institute"]
            return qs.filter(facets.holding_any([offset + institute.pk for institute in value]))
        return super().filter(qs, value)


class FlagFilter(django_filters.BooleanFilter):
    """A checkbox: ticked narrows the list, unticked leaves it alone."""

    def __init__(self, *args, facet: str, **kwargs):
        self.facet = facet
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        if is_postgres():
            return qs.filter(facets.holding_all([facets.FLAGS[self.facet]]))
        return qs.filter(**{self.field_name: True})


class ProfileFilter(django_filters.FilterSet):
    ORDERINGS = [
        ("relevance", _("Relevance")),
        ("name", _("Name")),
        ("updated", _("Recently updated")),
    ]
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=500)
    theme = ThemeFilter(
        label=_("Theme"),
        field_name="themes",
        through_field="theme_id",
        facet="theme",
        to_field_name="slug",
        queryset=Theme.objects.all(),
    )
    region = TermsFilter(
        label=_("Region"),
        field_name="places",
        through_field="region_id",
        facet="region",
        to_field_name="code",
        queryset=Region.objects.all(),
    )
    country = TermsFilter(
        label=_("Country"),
        field_name="countries",
        through_field="country_id",
        facet="country",
        to_field_name="code",
        queryset=Country.objects.all(),
    )
    method = TermsFilter(
        label=_("Method"),
        field_name="methods",
        through_field="method_id",
        facet="method",
        to_field_name="slug",
        queryset=Method.objects.all(),
    )
    language = TermsFilter(
        label=_("Language"),
        field_name="languages",
        through_field="language_id",
        facet="language",
        to_field_name="code",
        queryset=Language.objects.all(),
    )
    institute = InstituteFilter(
        label=_("Institute"),
        field_name="user__institute__acronym",
        to_field_name="acronym",
        queryset=Institute.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    open = FlagFilter(
        label=_("Open to collaborate"), field_name="open_to_collaborate", facet="open"
    )
    advice = FlagFilter(
        label=_("Available for policy or media advice"),
        field_name="available_for_advice",
        facet="advice",
    )
    supervising = FlagFilter(
        label=_("Supervising students"), field_name="supervising_students", facet="supervising"
    )
    order = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=ORDERINGS, method="apply_order", empty_label=None
    )

    class Meta:
        model = Profile
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def apply_order(self, queryset, name, value):
        """Ordering is not a narrowing: filter_queryset applies it after every filter."""
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        ordering = self.form.cleaned_data.get("order") or "relevance"
        if ordering == "name" or (ordering == "relevance" and not self.form.cleaned_data.get("q")):
            return queryset.order_by("search_name", "pk")
        if ordering == "updated":
            return queryset.order_by("-updated_at", "pk")
        return queryset.order_by("-rank", "search_name", "pk")

    def for_page(self, count: int):
        """The result to show: a huge text match is ranked among its most recent matches only.

        Ranking reads every match's vector; over tens of thousands that is slow, so on
        PostgreSQL, past ``RANK_ALL_UP_TO`` matches, only the ``RANK_CANDIDATES`` most recently
        updated ones are ranked (found along the index on that date: quick only when matches are
        that common, slower than ranking them all below that) and the page says so
        (``ranks_candidates``).
        """
        queryset = self.qs
        if self.ranks_candidates(count):
            recent = queryset.order_by("-updated_at").values("pk")[:RANK_CANDIDATES]
            queryset = queryset.filter(pk__in=recent)
        return queryset

    def cards(self, count: int) -> "Cards":
        """What the paginator pages through: ``for_page`` read a window at a time."""
        return Cards(self.for_page(count))

    def ranked_among(self, count: int) -> int | None:
        """How many recent matches the page was ranked among, when not all of them."""
        return RANK_CANDIDATES if self.ranks_candidates(count) else None

    def ranks_candidates(self, count: int) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return (
            is_postgres()
            and bool(data.get("q"))
            and (data.get("order") or "relevance") == "relevance"
            and count > RANK_ALL_UP_TO
        )


RANK_CANDIDATES = 1000
RANK_ALL_UP_TO = 20_000


class Cards:
    """A result read a page at a time in two steps: the window's ids, then their cards.

    Ordering whole profile rows (biography, vector and all) with their joins to keep twenty
    of them made PostgreSQL sort thousands of wide rows, on disk for a common word. Sorting
    ids with their sort keys is a small top-N sort; the twenty cards are then read by id with
    their relations. Two queries per page whatever the data; the order is the result's.
    """

    def __init__(self, result):
        self.result = result

    def __getitem__(self, window: slice) -> list:
        ids = list(self.result.values_list("pk", flat=True)[window])
        found = Profile.objects.for_cards().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    depth: int = 0


class ResultPaginator(Paginator):
    """A paginator told the number of results, so it does not count them again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


FACET_CACHE_SECONDS = 300
DATA_VERSION_KEY = "directory:data-version"


def data_changed() -> None:
    """Called on every profile change: cached counts describe data that no longer exists."""
    freshness.mark_changed(DATA_VERSION_KEY)


def versions() -> tuple[str, str]:
    """(profiles' version, vocabularies' version): what cached counts and lists depend on."""
    return freshness.current(DATA_VERSION_KEY, terms.VERSION_KEY)


def summary(filterset, *, audience: str) -> tuple[int, dict]:
    """(number of results, facet counts) for this filter state, cached until the data changes.

    Counting facets reads every matching profile, so it is the expensive part of the page; the
    same state (without page and ordering) gives the same counts until a profile or a term
    changes. Without the cache they are computed every time.
    """
    state = sorted(
        (key, value)
        for key, values in filterset.data.lists()
        if key in filterset.filters and key != "order"
        for value in values
    )
    # Labels are translated as the counts are made: one entry per language.
    digest = hashlib.sha256(repr((audience, get_language(), state)).encode()).hexdigest()
    return freshness.kept(
        lambda: f"directory:summary:{':'.join(versions())}:{digest}",
        lambda: count_all(filterset),
        FACET_CACHE_SECONDS,
    )


def count_all(filterset) -> tuple[int, dict]:
    counts = facet_counts(filterset)
    total = counts.pop("total")
    return (filterset.qs.count() if total is None else total, counts)


def postgres_grouped_counts(result) -> dict[str, dict]:
    """``grouped_counts`` from the ``facets`` array: one query, no joins (directory.facets)."""
    found: dict[str, dict] = {facet: {} for facet in facets.KIND_OFFSETS}
    try:
        counted, estimated = facets.count(result)
    except EmptyResultSet:
        counted, estimated = {}, False
    kinds = sorted(((offset, kind) for kind, offset in facets.KIND_OFFSETS.items()), reverse=True)
    for value, number in counted.items():
        for offset, kind in kinds:
            if offset <= value < offset + 1_000_000:
                found[kind][value - offset] = number
                break
    found["flags"] = {name: counted.get(value, 0) for name, value in facets.FLAGS.items()}
    found["total"] = counted.get(facets.LISTED, 0)
    found["estimated"] = estimated
    return found


def grouped_counts(result) -> dict[str, dict]:
    """Every facet's counts over the result in one query: the result is computed once.

    Returns {"theme": {theme_id: n}, "region": ..., "country": ..., "method": ...,
    "language": ..., "institute": ..., "flags": {"open": n, ...}}. Focus areas are counted
    under "theme" with their own ids (distinct profiles over their themes). On PostgreSQL the
    total comes with them ("total") and a large result is counted over a sample ("estimated").
    """
    if is_postgres():
        return postgres_grouped_counts(result)
    found: dict[str, dict] = {
        facet: {} for facet in ("theme", "region", "country", "method", "language", "institute")
    }
    flags = dict.fromkeys(range(len(FLAG_COLUMNS)), 0)
    try:
        ids_sql, params = result.order_by().values_list("pk").query.sql_with_params()
    except EmptyResultSet:  # e.g. a search with no usable words: nothing to count
        ids_sql = None
    # Identifiers below come from model metadata, never from input; input is only in params.
    profile = Profile._meta.db_table
    user = Profile._meta.get_field("user").related_model._meta.db_table
    themes = Profile.themes.through._meta.db_table
    parts = [
        (
            f"SELECT '{facet}', t.{column}, COUNT(*) FROM "  # noqa: S608
            f"{getattr(Profile, relation).through._meta.db_table} t "
            f"JOIN r ON r.id = t.profile_id GROUP BY t.{column}"
        )
        for facet, relation, column in (
            ("theme", "themes", "theme_id"),
            ("region", "places", "region_id"),
            ("country", "countries", "country_id"),
            ("method", "methods", "method_id"),
            ("language", "languages", "language_id"),
        )
    ]
    parts.append(
        f"SELECT 'theme', th.parent_id, COUNT(DISTINCT t.profile_id) FROM {themes} t "  # noqa: S608
        f"JOIN r ON r.id = t.profile_id JOIN {Theme._meta.db_table} th ON th.id = t.theme_id "
        "WHERE th.parent_id IS NOT NULL GROUP BY th.parent_id"
    )
    parts.append(
        f"SELECT 'institute', u.institute_id, COUNT(*) FROM {profile} p "  # noqa: S608
        f"JOIN r ON r.id = p.id JOIN {user} u ON u.id = p.user_id GROUP BY u.institute_id"
    )
    parts += [
        f"SELECT 'flags', {number}, COUNT(*) FROM {profile} p JOIN r ON r.id = p.id "  # noqa: S608
        f"WHERE p.{column}"
        for number, column in enumerate(FLAG_COLUMNS.values())
    ]
    if ids_sql is not None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH r(id) AS MATERIALIZED ({ids_sql}) " + " UNION ALL ".join(parts), params
            )
            for facet, key, count in cursor.fetchall():
                (flags if facet == "flags" else found[facet])[key] = count
    found["flags"] = {name: flags[number] for number, name in enumerate(FLAG_COLUMNS)}
    found["total"], found["estimated"] = None, False
    return found


FLAG_COLUMNS = {
    "open": "open_to_collaborate",
    "advice": "available_for_advice",
    "supervising": "supervising_students",
}


def facet_counts(filterset) -> dict[str, list[FacetOption]]:
    """For each filter, its options with how many profiles of the current result have them.

    One query for all counts; the option lists come from the cached vocabularies
    (``directory.terms``), so the number of queries does not depend on the data.
    """
    data = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    counted = grouped_counts(filterset.qs)
    lists = terms.facet_terms()

    def options(name, *, keep_empty=False):
        chosen = {str(getattr(term, "pk", term)) for term in data.get(name) or []}
        found = []
        for term in lists[name]:
            count, selected = counted[name].get(term.pk, 0), str(term.pk) in chosen
            if count or keep_empty or selected:
                found.append(FacetOption(term.value, term.label, count, selected, term.depth))
        return found

    return {
        "theme": options("theme", keep_empty=True),
        "region": options("region"),
        "country": options("country"),
        "method": options("method"),
        "language": options("language"),
        "institute": options("institute"),
        "flags": counted["flags"],
        "total": counted["total"],
        "estimated": counted["estimated"],
    }
