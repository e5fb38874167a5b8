"""Profile search: one API, PostgreSQL full-text search with a portable fallback.

Every profile's folded search text (lower-case, accent-free: ``fold()``, which queries go through
too) has three weights: name (A), themes, methods and keywords (B), everything else (C). On
PostgreSQL a stored ``tsvector`` built from them, with a GIN index, answers ``websearch`` queries
ranked by relevance, and a trigram index on the stored name finds a person whose name is
misspelt. Other databases store the three texts and match every word of the query against them.
``refresh()`` keeps the text, the vector and the denormalised ``places`` current (on PostgreSQL
also the ``facets`` array the directory filters and counts with, see ``directory.facets``);
``directory.signals`` calls it on every change.
"""

import re
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Cast

from core.db import is_postgres

from . import facets

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
SEARCH_CONFIG = "english"
# Trigram matching on names only helps short queries that look like a name.
MAX_NAME_QUERY_WORDS = 3
FEW_MATCHES = 20
# Letters of names' orthographies that Unicode decomposition leaves whole (lower case: the text
# is lower-cased first): Nordic, Polish, Croatian, Icelandic, Turkish, Maltese, Catalan, Sami,
# Greenlandic, and the hooked letters of Hausa, Fula, Ewe and other African languages.
SPECIAL_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",  # dotless i
        "ħ": "h",
        "ŀ": "l",
        "ŋ": "n",
        "ŧ": "t",
        "ĸ": "q",
        "ɓ": "b",
        "ɗ": "d",
        "ɖ": "d",
        "ƙ": "k",
        "ƴ": "y",
        "ɛ": "e",
        "ɔ": "o",
        "ƒ": "f",
        "ɨ": "i",
        "ʉ": "u",
        "ɲ": "n",
    }
)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

_pending: ContextVar[set[int] | None] = ContextVar("directory_search_pending", default=None)


def fold(text: str) -> str:
    """Lower-case text without accents: "Müller-Łódź" -> "muller-lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(SPECIAL_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def clean_query(q: str | None) -> str:
    """What is worth sending to the database: bounded, no control characters, folded."""
    if not q:
        return ""
    return " ".join(fold(CONTROL_CHARACTERS.sub(" ", q[: MAX_QUERY_LENGTH * 2])).split())[
        :MAX_QUERY_LENGTH
    ]


def search(queryset, q: str | None):
    """Profiles matching ``q``, annotated with ``rank`` and ordered by it (best first)."""
    q = clean_query(q)
    if not q:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if is_postgres():
        return _search_postgres(queryset, q)
    return _search_portable(queryset, q)


def _search_postgres(queryset, q: str):
    """Full-text matches ranked by weight; when they are few, names similar to the query too.

    The trigram fallback costs a similarity computation per row, so it runs only when the
    full-text search finds less than a page (a misspelt name finds nothing or almost nothing).
    """
    # ``q`` is folded already, as the stored text was: the query is a constant the planner
    # computes once (``unaccent()`` here, a stable function, ran once per matching row).
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    matches = Q(search_vector=query)
    rank = SearchRank(F("search_vector"), query, cover_density=False)
    words = re.findall(r"\w+", q)
    if (
        words
        and len(words) <= MAX_NAME_QUERY_WORDS
        and queryset.filter(matches).order_by()[:FEW_MATCHES].count() < FEW_MATCHES
    ):
        name = " ".join(words)
        matches |= Q(search_name__trigram_word_similar=name)
        rank = rank + TrigramWordSimilarity(name, "search_name")
    return queryset.filter(matches).annotate(rank=rank).order_by("-rank", "search_name")


def _search_portable(queryset, q: str):
    """Every word (``-word`` excludes) must appear; name hits rank above theme hits above text."""
    rank = Value(0, output_field=IntegerField())
    terms = re.findall(r"(-?)(\w+)", q)[:MAX_WORDS]
    if not terms:
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
    for negated, word in terms:
        hit = (
            Q(search_name__contains=word)
            | Q(search_tags__contains=word)
            | Q(search_body__contains=word)
        )
        if negated:
            queryset = queryset.exclude(hit)
            continue
        queryset = queryset.filter(hit)
        rank = (
            rank
            + Case(When(search_name__contains=word, then=4), default=0)
            + Case(When(search_tags__contains=word, then=2), default=0)
            + Case(When(search_body__contains=word, then=1), default=0)
        )
    return queryset.annotate(rank=Cast(rank, FloatField())).order_by("-rank", "search_name")


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
    from .models import Profile

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
    params = [value for pk, texts in texts_by_id.items() for value in (pk, *texts)]
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


def texts(name: str, tags: list[str], body: list[str]) -> tuple[str, str, str]:
    return (
        fold(name)[:200],
        fold(" ".join(tags)),
        fold(" ".join(part for part in body if part)),
    )


def places_of(region_ids, country_ids, ancestors: dict[int, set[int]], country_places):
    """Every region a profile's focus lies in: chosen regions, their parents, countries' areas."""
    found: set[int] = set()
    for region_id in region_ids:
        found |= ancestors[region_id]
    for country_id in country_ids:
        found |= country_places[country_id]
    return found


def place_maps():
    from .models import Country, Region

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
    from django.db.models import Prefetch

    from .filters import data_changed
    from .models import Keyword, Profile, Theme

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
