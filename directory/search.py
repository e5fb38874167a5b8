"""Profile search: one API, PostgreSQL full-text search with a portable fallback.

Every profile's folded search text (lower-case, accent-free: ``fold()``, which queries go through
too) has three weights: name (A), themes, methods and keywords (B), everything else (C). On
PostgreSQL a stored ``tsvector`` built from them, with a GIN index, answers ``websearch`` queries
ranked by relevance, and a trigram index on the stored name finds a person whose name is
misspelt. Other databases store the three texts and match every word of the query against them;
when that finds little, ``rapidfuzz`` compares a short query with the stored names.
``directory.indexing`` keeps the stored text and vector current.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import Case, Exists, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Cast
from rapidfuzz import fuzz

from core.db import is_postgres

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
SEARCH_CONFIG = "english"
# Trigram matching on names only helps short queries that look like a name.
MAX_NAME_QUERY_WORDS = 3
FEW_MATCHES = 20
# Elsewhere than PostgreSQL, how many names a fuzzy match reads at most, and how close (0-100,
# ``rapidfuzz.fuzz.ratio``) each query word must be to a word of the name: "hadad" ~ "haddad" 91.
MAX_FUZZY_NAMES = 5000
FUZZY_THRESHOLD = 80
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
    terms = re.findall(r"(-?)(\w+)", q)
    words = [word for negated, word in terms if not negated]
    if (
        words
        and len(terms) <= MAX_NAME_QUERY_WORDS
        and queryset.filter(matches).order_by()[:FEW_MATCHES].count() < FEW_MATCHES
    ):
        name = " ".join(words)
        similar = Q(search_name__trigram_word_similar=name)
        for negated, word in terms:
            if negated:
                similar &= ~Q(search_name__contains=word)
        matches |= similar
        rank = rank + TrigramWordSimilarity(name, "search_name")
    return queryset.filter(matches).annotate(rank=rank).order_by("-rank", "search_name")


def _search_portable(queryset, q: str):
    """Every word (``-word`` excludes) must appear; name hits rank above theme hits above text.

    When the words find less than a page, names close to a short query count too (a misspelt
    name finds nothing otherwise): ``similar_names`` over at most ``MAX_FUZZY_NAMES`` names.
    """
    rank = Value(0, output_field=IntegerField())
    terms = re.findall(r"(-?)(\w+)", q)[:MAX_WORDS]
    if not terms:
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
    matches = Q()
    excluded = Q()
    for negated, word in terms:
        hit = (
            Q(search_name__contains=word)
            | Q(search_tags__contains=word)
            | Q(search_body__contains=word)
        )
        if negated:
            excluded |= hit
            continue
        matches &= hit
        rank = (
            rank
            + Case(When(search_name__contains=word, then=4), default=0)
            + Case(When(search_tags__contains=word, then=2), default=0)
            + Case(When(search_body__contains=word, then=1), default=0)
        )
    if excluded:
        queryset = queryset.exclude(excluded)
    words = [word for negated, word in terms if not negated]
    if words and len(words) <= MAX_NAME_QUERY_WORDS:
        # One query reads the names and whether each already matches: few matches, try names.
        # It reads none when the words match a page already (a 20th match exists: the
        # uncorrelated subquery is computed once), the usual case, which then costs no more
        # than that subquery instead of every name of the result.
        enough = Exists(queryset.filter(matches).order_by().values("pk")[FEW_MATCHES - 1 :])
        rows = list(
            queryset.order_by()
            .filter(~enough)
            .annotate(word_hit=Case(When(matches, then=1), default=0))
            .values_list("pk", "search_name", "word_hit")[:MAX_FUZZY_NAMES]
        )
        hits = sum(hit for _pk, _name, hit in rows)
        similar = (
            similar_names(((pk, name) for pk, name, hit in rows if not hit), words)
            if hits < FEW_MATCHES
            else {}
        )
        if similar:
            matches |= Q(pk__in=list(similar))
            rank = rank + Case(
                *(When(pk=pk, then=Value(round(score * 4))) for pk, score in similar.items()),
                default=0,
            )
    return (
        queryset.filter(matches)
        .annotate(rank=Cast(rank, FloatField()))
        .order_by("-rank", "search_name")
    )


def similar_names(names, words: list[str], limit: int = FEW_MATCHES) -> dict[int, float]:
    """The ``limit`` best of ``(pk, folded name)`` pairs whose words are close to every one of
    ``words`` (``rapidfuzz``'s normalised Indel similarity, 0 to 1), best first. Linear in the
    names: each query word against each word of each name."""
    scored = []
    for pk, name in names:
        name_words = name.split()
        if not name_words:
            continue
        score = min(max(fuzz.ratio(word, name_word) for name_word in name_words) for word in words)
        if score >= FUZZY_THRESHOLD:
            scored.append((score / 100, pk))
    scored.sort(reverse=True)
    return {pk: score for score, pk in scored[:limit]}


def texts(name: str, tags: list[str], body: list[str]) -> tuple[str, str, str]:
    return (
        fold(name)[:200],
        fold(" ".join(tags)),
        fold(" ".join(part for part in body if part)),
    )
