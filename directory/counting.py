"""The directory's option counts: beside each filter's options, how many profiles of the
current result have them (``option_counts``), counted in one query (``tally``: on PostgreSQL
from the ``facets`` array, elsewhere from the relation tables)."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection

from core.db import is_postgres

from . import dimensions, facets, filter_options


@dataclass
class CountedOption:
    value: str
    label: str
    count: int
    selected: bool
    depth: int = 0


@dataclass
class DimensionCounts:
    name: str
    label: str
    options: list[CountedOption]


@dataclass
class Counts:
    """Beside each filter's options, how many profiles of the current result have them.

    ``counts["theme"]`` is the list of one term dimension; ``terms`` lists them all in their
    declared order, ``flags`` the flags. On PostgreSQL the number of results comes with them
    (``total``) and a large result is counted over a sample (``estimated``).
    """

    terms: list[DimensionCounts]
    flags: list[CountedOption]
    total: int | None
    estimated: bool

    def __getitem__(self, name: str) -> list[CountedOption]:
        for group in self.terms:
            if group.name == name:
                return group.options
        raise KeyError(name)


@dataclass
class Tally:
    """Raw counts: {dimension name: {term id: profiles}}, {flag name: profiles}."""

    terms: dict[str, dict[int, int]]
    flags: dict[str, int]
    total: int | None = None
    estimated: bool = False


def tally_from_facets(result, declared) -> Tally:
    """``tally`` from the ``facets`` array: one query, no joins (directory.facets)."""
    try:
        counted, estimated = facets.count(result)
    except EmptyResultSet:
        counted, estimated = {}, False
    terms = [d for d in declared if isinstance(d, dimensions.Terms)]
    by_offset = {d.offset: d.name for d in terms}
    found: dict[str, dict[int, int]] = {d.name: {} for d in terms}
    for value, number in counted.items():
        offset = value - value % dimensions.MILLION
        if offset in by_offset:
            found[by_offset[offset]][value - offset] = number
    flags = {d.name: counted.get(d.value, 0) for d in declared if isinstance(d, dimensions.Flag)}
    return Tally(found, flags, counted.get(facets.LISTED, 0), estimated)


def tally(result, declared) -> Tally:
    """Every dimension's counts over the result in one query: the result is computed once.

    Focus areas are counted under "theme" with their own ids (distinct profiles over their
    themes).
    """
    if is_postgres():
        return tally_from_facets(result, declared)
    terms = [d for d in declared if isinstance(d, dimensions.Terms)]
    flags = [d for d in declared if isinstance(d, dimensions.Flag)]
    found = Tally({d.name: {} for d in terms}, dict.fromkeys((d.name for d in flags), 0))
    try:
        ids_sql, params = result.order_by().values_list("pk").query.sql_with_params()
    except EmptyResultSet:  # e.g. a search with no usable words: nothing to count
        return found
    # Identifiers in the parts come from the declarations and model metadata, never from
    # input; input is only in params.
    parts = [part for dimension in declared for part in dimension.count_sql()]
    flag_names = {d.number: d.name for d in flags}
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH r(id) AS MATERIALIZED ({ids_sql}) " + " UNION ALL ".join(parts), params
        )
        for name, key, count in cursor.fetchall():
            if name == "flags":
                found.flags[flag_names[key]] = count
            else:
                found.terms[name][key] = count
    return found


def option_counts(filterset) -> Counts:
    """For each filter, its options with how many profiles of the current result have them.

    One query for all counts; the option lists come from the cached vocabularies
    (``directory.filter_options``), so the number of queries does not depend on the data.
    """
    data = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    counted = tally(filterset.qs, filterset.dimensions)
    lists = filter_options.option_lists()

    def options(dimension):
        chosen = {str(getattr(term, "pk", term)) for term in data.get(dimension.name) or []}
        found = []
        for option in lists[dimension.name]:
            count = counted.terms[dimension.name].get(option.pk, 0)
            selected = str(option.pk) in chosen
            if count or dimension.keep_empty or selected:
                found.append(
                    CountedOption(option.value, option.label, count, selected, option.depth)
                )
        return found

    return Counts(
        terms=[
            DimensionCounts(d.name, str(d.label), options(d))
            for d in filterset.dimensions
            if isinstance(d, dimensions.Terms)
        ],
        flags=[
            CountedOption(d.name, str(d.label), counted.flags[d.name], bool(data.get(d.name)))
            for d in filterset.dimensions
            if isinstance(d, dimensions.Flag)
        ],
        total=counted.total,
        estimated=counted.estimated,
    )
