"""Keeping what the directory searches, filters and counts current after every change.

``refresh()`` rewrites a profile's folded search text (``directory.search``), its PostgreSQL
vector, the denormalised ``places`` and, on PostgreSQL, the ``facets`` array
(``directory.facets``); ``directory.signals`` calls it on every change, ``deferred()`` gathers
the calls of one action into one refresh.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection
from django.db.models import Prefetch

from core.db import is_postgres

from . import facets
from .filters import data_changed
from .models import Country, Keyword, Profile, Region, Theme
from .search import SEARCH_CONFIG, texts

_pending: ContextVar[set[int] | None] = ContextVar("directory_search_pending", default=None)


VECTOR_SQL = """
UPDATE {table} AS p SET
    search_name = v.name,
    search_vector =
        setweight(to_tsvector('{config}', v.name), 'A')
        || setweight(to_tsvector('{config}', v.tags), 'B')
        || setweight(to_tsvector('{config}', v.body), 'C'),
    facets = {facets}
FROM (VALUES {rows}) AS v(id, name, tags, body)
WHERE p.id = v.id
"""


def store(texts_by_id: dict[int, tuple[str, str, str]]) -> None:
    """Save the search text of these profiles.

    PostgreSQL keeps the name (for trigrams and ordering) and the weighted vector, built in one
    statement from the text without storing the text, which keeps the rows narrow; the same
    statement recomputes the ``facets`` array from the relations (write those first). Other
    databases keep the three texts, which the portable search reads.
    """
    if not texts_by_id:
        return
    if not is_postgres():
        Profile.objects.bulk_update(
            [
                Profile(pk=pk, search_name=name, search_tags=tags, search_body=body)
                for pk, (name, tags, body) in texts_by_id.items()
            ],
            ["search_name", "search_tags", "search_body"],
        )
        return
    rows = ", ".join(["(%s::bigint, %s::text, %s::text, %s::text)"] * len(texts_by_id))
    params = [value for pk, row in texts_by_id.items() for value in (pk, *row)]
    sql = VECTOR_SQL.format(
        table=Profile._meta.db_table, config=SEARCH_CONFIG, rows=rows, facets=facets.ARRAY_SQL
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def documents(profile) -> tuple[str, str, str]:
    """(name, tags, body) text of a profile whose relations are prefetched."""
    user = profile.user
    tags = [theme.name for theme in profile.themes.all()]
    tags += [method.name for method in profile.methods.all()]
    for keyword in profile.keywords.all():
        if keyword.status == keyword.Status.APPROVED:
            tags.append(keyword.name)
            tags += [synonym.name for synonym in keyword.synonyms.all()]
    for theme in profile.themes.all():
        tags += [synonym.name for synonym in theme.keyword_synonyms.all()]
    body = [profile.position, profile.affiliations, profile.biography[:20000]]
    if user.institute_id:
        body += [user.institute.name, user.institute.acronym]
    body += [country.name for country in profile.countries.all()]
    body += [region.name for region in profile.regions.all()]
    for publication in profile.publications.all():
        body += [publication.title, publication.venue]
    return texts(user.display_name, tags, body)


def places_of(region_ids, country_ids, ancestors: dict[int, set[int]], country_places):
    """Every region a profile's focus lies in: chosen regions, their parents, countries' areas."""
    found: set[int] = set()
    for region_id in region_ids:
        found |= ancestors[region_id]
    for country_id in country_ids:
        found |= country_places[country_id]
    return found


def place_maps():
    parents = dict(Region.objects.values_list("pk", "parent_id"))
    ancestors = {}
    for pk in parents:
        chain, current = set(), pk
        while current is not None and current not in chain:
            chain.add(current)
            current = parents[current]
        ancestors[pk] = chain
    country_places = {
        pk: set(ancestors[sub]) for pk, sub in Country.objects.values_list("pk", "subregion_id")
    }
    for country_id, group_id in Country.groups.through.objects.values_list(
        "country_id", "region_id"
    ):
        country_places[country_id].add(group_id)
    return ancestors, country_places


def refresh(profile_ids: Iterable[int], batch_size: int = 1000) -> None:
    """Recompute search text, vector and places of these profiles."""
    ids = sorted(set(profile_ids))
    if not ids:
        return
    data_changed()
    ancestors, country_places = place_maps()
    Place = Profile.places.through
    synonyms = Keyword.objects.filter(status=Keyword.Status.SYNONYM)
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        profiles = list(
            Profile.objects.filter(pk__in=chunk)
            .select_related("user", "user__institute")
            .prefetch_related(
                Prefetch(
                    "themes",
                    queryset=Theme.objects.prefetch_related(
                        Prefetch("keyword_synonyms", queryset=synonyms)
                    ),
                ),
                Prefetch(
                    "keywords",
                    queryset=Keyword.objects.prefetch_related(
                        Prefetch("synonyms", queryset=synonyms)
                    ),
                ),
                "methods",
                "countries",
                "regions",
                "publications",
            )
        )
        places = []
        for profile in profiles:
            places += [
                Place(profile_id=profile.pk, region_id=region_id)
                for region_id in places_of(
                    [r.pk for r in profile.regions.all()],
                    [c.pk for c in profile.countries.all()],
                    ancestors,
                    country_places,
                )
            ]
        Place.objects.filter(profile_id__in=chunk).delete()
        Place.objects.bulk_create(places)
        store({profile.pk: documents(profile) for profile in profiles})  # reads the places


def schedule(profile_ids: Iterable[int]) -> None:
    """Refresh now, or at the end of the enclosing ``deferred()`` block."""
    pending = _pending.get()
    if pending is None:
        refresh(profile_ids)
    else:
        pending.update(profile_ids)


@contextmanager
def deferred():
    """Collect refreshes inside the block and run them once at its end (one save, many sets)."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set(set())
    try:
        yield
        pending = _pending.get()
    finally:
        _pending.reset(token)
    refresh(pending)
