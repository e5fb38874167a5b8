"""Search over posts (a thread's title counts as part of its opening post).

PostgreSQL: a stored, weighted ``search_vector`` (title A, text B) with a GIN index, ``websearch``
queries ranked by ``ts_rank`` and highlighted by ``ts_headline``. Elsewhere: a portable
case-insensitive match on title and text, highlighted here.
"""

import html
import re

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import strip_tags

CONFIG = "english"
MAX_QUERY_LENGTH = 200
SNIPPET_CHARS = 240
START, STOP = "\x02", "\x03"  # markers that cannot occur in stored text


def using_postgres() -> bool:
    return settings.USING_POSTGRES


def search_posts(queryset, query: str):
    """Matching posts, best first, each with ``headline`` (marked HTML via ``highlight``)."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if using_postgres():
        search = SearchQuery(query, search_type="websearch", config=CONFIG)
        return (
            queryset.filter(search_vector=search)
            .annotate(
                rank=SearchRank(F("search_vector"), search),
                headline=SearchHeadline(
                    "body",
                    search,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_fragments=2,
                    max_words=30,
                    min_words=10,
                ),
            )
            .order_by("-rank", "-created")
        )
    terms = query.split()
    condition = Q()
    for term in terms[:8]:
        condition &= Q(body__icontains=term) | Q(position=1, thread__title__icontains=term)
    return queryset.filter(condition).order_by("-created")


def highlight(post, query: str) -> str:
    """A short excerpt of ``post`` with the matches wrapped in ``<mark>``; safe HTML."""
    headline = getattr(post, "headline", None)
    if headline is not None:
        text = html.escape(headline)
    else:
        text = html.escape(_excerpt(post.body, query))
        for term in sorted(set(query.split()), key=len, reverse=True)[:8]:
            text = re.sub(
                re.escape(html.escape(term)),
                lambda m: f"{START}{m.group(0)}{STOP}",
                text,
                flags=re.I,
            )
    return text.replace(START, "<mark>").replace(STOP, "</mark>")


def _excerpt(body: str, query: str) -> str:
    plain = " ".join(strip_tags(body).split())
    lowered = plain.lower()
    hits = [lowered.find(t.lower()) for t in query.split() if t and t.lower() in lowered]
    start = max(min(hits) - SNIPPET_CHARS // 3, 0) if hits else 0
    excerpt = plain[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + excerpt + ("…" if start + SNIPPET_CHARS < len(plain) else "")


def update_vectors(post_ids=None, thread_ids=None) -> None:
    """Recompute stored vectors (PostgreSQL only): after a save, an edit or a bulk seed."""
    if connection.vendor != "postgresql":
        return
    sql = (
        "UPDATE forum_post p SET search_vector = "
        "setweight(to_tsvector(%s, CASE WHEN p.position = 1 THEN t.title ELSE '' END), 'A') || "
        "setweight(to_tsvector(%s, p.body), 'B') "
        "FROM forum_thread t WHERE p.thread_id = t.id"
    )
    params = [CONFIG, CONFIG]
    if post_ids is not None:
        sql += " AND p.id = ANY(%s)"
        params.append(list(post_ids))
    if thread_ids is not None:
        sql += " AND p.thread_id = ANY(%s)"
        params.append(list(thread_ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
