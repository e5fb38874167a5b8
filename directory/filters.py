"""The directory's filters: every state in the URL, option counts for the current result.

The FilterSet has one filter per dimension of ``directory.dimensions``; the counts beside each
option come from the same declarations (on PostgreSQL from the ``facets`` array, elsewhere from
the relation tables).
"""

import copy
import hashlib

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import freshness
from core.db import is_postgres

from . import dimensions, facets, filter_options
from .counting import CountedOption, Counts, DimensionCounts, Tally, option_counts, tally
from .models import Profile, Theme
from .result_cards import Cards
from .search import search

MAX_VALUES_PER_FILTER = 30
# The counts' classes live in .counting; named here too, as the cached counts were pickled here.
__all__ = ["CountedOption", "Counts", "DimensionCounts", "Tally", "option_counts", "tally"]


def directory_profiles(viewer):
    """What the directory lists for this viewer: ``Profile.objects.visible_to(viewer)``, on
    PostgreSQL read from the facets array (an index condition beside the filters')."""
    if is_postgres():
        return Profile.objects.filter(facets.visible_to(viewer))
    return Profile.objects.visible_to(viewer)


class BoundedChoiceField(django_filters.fields.ModelMultipleChoiceField):
    def clean(self, value):
        if value and len(value) > MAX_VALUES_PER_FILTER:
            raise ValidationError(
                _("Choose at most %(limit)d values per filter."),
                params={"limit": MAX_VALUES_PER_FILTER},
            )
        return super().clean(value)


class TermsFilter(django_filters.ModelMultipleChoiceFilter):
    """A ``dimensions.Terms``: several values are alternatives (OR); values are codes or slugs."""

    field_class = BoundedChoiceField

    def __init__(self, dimension: dimensions.Terms):
        self.dimension = dimension
        super().__init__(
            label=dimension.label,
            field_name=dimension.name,
            to_field_name=dimension.value_field,
            queryset=dimension.vocabulary.objects.all(),
            widget=forms.CheckboxSelectMultiple,
        )

    def filter(self, qs, value):
        if nothing_chosen(value):
            return qs
        ids = self.dimension.expand({term.pk for term in value})
        if is_postgres():
            return qs.filter(facets.holding_any([self.dimension.offset + pk for pk in ids]))
        return self.dimension.narrow(qs, ids)


def nothing_chosen(value) -> bool:
    """No term chosen: an empty value, or the form's ``queryset.none()`` for a filter left
    alone, known without evaluating it (the ORM's work for each filter of every page)."""
    if isinstance(value, QuerySet) and value.query.is_empty():
        return True
    return not value


class BoundedTermsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = BoundedChoiceField


class FlagFilter(django_filters.BooleanFilter):
    """A ``dimensions.Flag``, a checkbox: ticked narrows the list, unticked leaves it alone."""

    def __init__(self, flag: dimensions.Flag):
        self.flag = flag
        super().__init__(label=flag.label, field_name=flag.field, widget=forms.CheckboxInput)

    def filter(self, qs, value):
        if not value:
            return qs
        if is_postgres():
            return qs.filter(facets.holding_all([self.flag.value]))
        return qs.filter(**{self.flag.field: True})


def filter_for(dimension):
    if isinstance(dimension, dimensions.Flag):
        return FlagFilter(dimension)
    return TermsFilter(dimension)


class DirectoryFilterSet(django_filters.FilterSet):
    """Search and ordering; ``filterset_for`` adds one filter per dimension."""

    ORDERINGS = [
        ("relevance", _("Relevance")),
        ("name", _("Name")),
        ("updated", _("Recently updated")),
    ]
    dimensions: tuple = ()
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=500)
    order = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=ORDERINGS, method="apply_order", empty_label=None
    )
    # "And also": each theme given here must be held too (the theme filter's values are
    # alternatives). Network insight's bridges link here: ?theme=a&also=b, people holding both.
    also = BoundedTermsFilter(
        label=_("Also working on"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        method="filter_also",
    )

    class Meta:
        model = Profile
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        """django-filter's, but each declared filter is copied shallowly rather than
        deep-copied with its queryset (a tenth of the directory page's own time): a filter
        keeps no state of its own but its parent, its model and its method's binding, set here
        on the copy."""
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, declared in self.base_filters.items():
            filter_ = copy.copy(declared)
            if declared.method is not None:
                filter_.method = declared.method  # its FilterMethod calls this copy's parent
            filter_.model = queryset.model
            filter_.parent = self
            self.filters[name] = filter_

    @classmethod
    def _form_class_of(cls, filters):
        form_class = cls.__dict__.get("_built_form_class")
        if form_class is None:
            fields = {name: filter_.field for name, filter_ in filters.items()}
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            cls._built_form_class = form_class
        return form_class

    def get_form_class(self):
        """The form class, built once per FilterSet class: its fields are the same for every
        request (each form deep-copies them, their querysets with them, as Django's forms do)."""
        return self._form_class_of(self.filters)

    def filter_q(self, queryset, name, value):
        return search(queryset, value)

    def filter_also(self, queryset, name, value):
        if nothing_chosen(value):
            return queryset
        themes = dimensions.TERMS_BY_NAME["theme"]
        for theme in value:
            queryset = TermsFilter(themes).filter(queryset, [theme])
        return queryset

    def apply_order(self, queryset, name, value):
        """Ordering is not a narrowing: filter_queryset applies it after every filter."""
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        ordering = self.form.cleaned_data.get("order") or "relevance"
        if ordering == "name" or (ordering == "relevance" and not self.form.cleaned_data.get("q")):
            return queryset.order_by("search_name", "pk")
        if ordering == "updated":
            return queryset.order_by("-updated", "pk")
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
            recent = queryset.order_by("-updated").values("pk")[:RANK_CANDIDATES]
            queryset = queryset.filter(pk__in=recent)
        return queryset

    def cards(self, count: int, terms_version: str | None = None) -> "Cards":
        """What the paginator pages through: ``for_page`` read a window at a time
        (``terms_version``: the vocabularies' token, when already read)."""
        return Cards(self.for_page(count), terms_version)

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


def filterset_for(declared) -> type[DirectoryFilterSet]:
    """The directory's FilterSet with one filter per declared dimension."""
    attributes = {dimension.name: filter_for(dimension) for dimension in declared}
    attributes.update(__module__=__name__, dimensions=tuple(declared))
    return type(DirectoryFilterSet)("ProfileFilter", (DirectoryFilterSet,), attributes)


ProfileFilter = filterset_for(dimensions.DIMENSIONS)

RANK_CANDIDATES = 1000
RANK_ALL_UP_TO = 20_000


class ResultPaginator(Paginator):
    """A paginator told the number of results, so it does not count them again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


COUNTS_CACHE_SECONDS = 300
DATA_VERSION_KEY = "directory:data-version"


def data_changed() -> None:
    """Called on every profile change: cached counts describe data that no longer exists."""
    freshness.mark_changed(DATA_VERSION_KEY)


def versions() -> tuple[str, str]:
    """(profiles' version, vocabularies' version): what cached counts and lists depend on."""
    return freshness.current(DATA_VERSION_KEY, filter_options.VERSION_KEY)


def versions_or_none() -> tuple[str, str] | None:
    """``versions()``, or None when the cache is unreachable (each reader then computes)."""
    try:
        return versions()
    except Exception:
        return None


def summary(filterset, *, audience: str, tokens=None) -> tuple[int, "Counts"]:
    """(number of results, option counts) for this filter state, cached until the data changes.

    Counting reads every matching profile, so it is the expensive part of the page; the
    same state (without page and ordering) gives the same counts until a profile or a term
    changes. Without the cache they are computed every time. Kept in this process's memory
    too: its readers never change it. ``tokens``: ``versions()``, when already read.
    """
    return freshness.kept(
        lambda: counts_key(filterset, audience=audience, tokens=tokens),
        lambda: count_all(filterset),
        COUNTS_CACHE_SECONDS,
        remember=True,
    )


def counts_key(filterset, *, audience: str, tokens=None) -> str:
    """The key of ``summary``'s counts: the filter state (without page and ordering), the
    audience, the language and the version tokens (``versions()`` unless given)."""
    state = sorted(
        (key, value)
        for key, values in filterset.data.lists()
        if key in filterset.filters and key != "order"
        for value in values
    )
    # Labels are translated as the counts are made: one entry per language.
    digest = hashlib.sha256(repr((audience, get_language(), state)).encode()).hexdigest()
    return f"directory:counts:{':'.join(tokens or versions())}:{digest}"


def count_all(filterset) -> tuple[int, "Counts"]:
    counts = option_counts(filterset)
    return (filterset.qs.count() if counts.total is None else counts.total, counts)
