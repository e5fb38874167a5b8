"""The public search: published outputs and briefs, published events, public practices and
public experts, each kind the best few first.

PostgreSQL: full-text ``websearch`` queries over a weighted vector (title A, text B) ranked by
``ts_rank``; experts through the directory's own search (``Profile.objects.search``). Elsewhere:
every word of the query must appear, case-insensitively, in the title or the text. Only what
``public()`` lets through is ever searched.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, Q

from core.db import is_postgres

CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
PER_KIND = 10
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(q: str | None) -> str:
    """Bounded, without control characters, single-spaced."""
    if not q:
        return ""
    return " ".join(CONTROL_CHARACTERS.sub(" ", q[: MAX_QUERY_LENGTH * 2]).split())[
        :MAX_QUERY_LENGTH
    ]


def _match(queryset, q: str, title: str, *texts: str):
    if is_postgres():
        vector = SearchVector(title, weight="A", config=CONFIG)
        for text in texts:
            vector += SearchVector(text, weight="B", config=CONFIG)
        query = SearchQuery(q, search_type="websearch", config=CONFIG)
        return (
            queryset.annotate(search=vector)
            .filter(search=query)
            .annotate(rank=SearchRank(F("search"), query))
            .order_by("-rank", "-pk")
        )
    words = re.findall(r"\w+", q)[:MAX_WORDS]
    if not words:
        return queryset.none()
    for word in words:
        condition = Q(**{f"{title}__icontains": word})
        for text in texts:
            condition |= Q(**{f"{text}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset.order_by("-pk")


def outputs(queryset, q: str):
    return _match(queryset, q, "title", "abstract", "recommendations")


def events(queryset, q: str):
    return _match(queryset, q, "title", "description", "place")


def practices(queryset, q: str):
    return _match(queryset, q, "thread__title", "summary", "what_worked")
