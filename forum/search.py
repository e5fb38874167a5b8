"""Search over posts (a thread's title counts as part of its opening post).

PostgreSQL: a stored, weighted ``search_vector`` (title A, text B; stemmed in the thread's
language) with a GIN index, ``websearch``
queries ranked by ``ts_rank`` and highlighted by ``ts_headline`` (text and title). Elsewhere: a
portable case-insensitive match on title and text, highlighted here.
"""

import html
import operator
import re
from functools import reduce

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from core import content_language
from core.db import is_postgres
from core.markup import plain_text

MAX_QUERY_LENGTH = 200
SNIPPET_CHARS = 240
START, STOP = "\x02", "\x03"  # markers that cannot occur in stored text (controls are stripped)
MAX_TERMS = 8


def search_posts(queryset, query: str):
    """Matching posts, best first; on PostgreSQL each has a marked ``headline`` of its text and
    ``title_headline`` of its thread's title (``highlight`` and ``highlight_title`` read them)."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if is_postgres():
        # One query in every language's stemming (a constant, so the GIN index serves it);
        # each post's vector is stemmed in its thread's language (``update_vectors``).
        search = reduce(
            operator.or_,
            (
                SearchQuery(query, search_type="websearch", config=config)
                for config in content_language.ts_configs()
            ),
        )
        return (
            queryset.filter(search_vector=search)
            .annotate(
                rank=SearchRank(F("search_vector"), search),
                headline=SearchHeadline(
                    "body",
                    search,
                    config=content_language.ts_config("thread__language"),
                    start_sel=START,
                    stop_sel=STOP,
                    max_fragments=2,
                    max_words=30,
                    min_words=10,
                ),
                title_headline=SearchHeadline(
                    "thread__title",
                    search,
                    config=content_language.ts_config("thread__language"),
                    start_sel=START,
                    stop_sel=STOP,
                    highlight_all=True,
                ),
            )
            .order_by("-rank", "-created")
        )
    terms = query.split()
    condition = Q()
    for term in terms[:MAX_TERMS]:
        condition &= Q(body__icontains=term) | Q(position=1, thread__title__icontains=term)
    return queryset.filter(condition).order_by("-created")


def highlight(post, query: str) -> str:
    """A short excerpt of ``post`` with the matches wrapped in ``<mark>``; safe HTML."""
    headline = getattr(post, "headline", None)
    if headline is not None:
        return _marked_html(plain_text(headline))  # PostgreSQL's headline of the Markdown
    return _marked_html(_mark(_excerpt(post.body, query), query))


def highlight_title(post, query: str) -> str:
    """The title of ``post``'s thread with the matches wrapped in ``<mark>``; safe HTML."""
    headline = getattr(post, "title_headline", None)
    return _marked_html(headline if headline is not None else _mark(post.thread.title, query))


def _mark(text: str, query: str) -> str:
    """Put markers around the query's words in plain ``text`` (longest words first)."""
    terms = sorted(set(query.split()), key=len, reverse=True)[:MAX_TERMS]
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    return pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", text)


def _marked_html(marked: str) -> str:
    """Escape first, then turn the markers into ``<mark>``: a match never cuts an entity."""
    return html.escape(marked).replace(START, "<mark>").replace(STOP, "</mark>")


def _excerpt(body: str, query: str) -> str:
    # ``body`` is the Markdown as written, shown as its words (``plain_text``, escaped): no HTML
    # parser runs over it, which refused a post of ``<a `` repeated (too deeply nested) and
    # with it every search it matched.
    plain = " ".join(plain_text(body).split())
    lowered = plain.lower()
    hits = [lowered.find(t.lower()) for t in query.split() if t and t.lower() in lowered]
    start = max(min(hits) - SNIPPET_CHARS // 3, 0) if hits else 0
    excerpt = plain[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + excerpt + ("…" if start + SNIPPET_CHARS < len(plain) else "")


def update_vectors(post_ids=None, thread_ids=None) -> None:
    """Recompute stored vectors (PostgreSQL only): after a save, an edit or a bulk seed."""
    if not is_postgres():
        return
    # Each post stemmed in its thread's language (``core.content_language.TS_CONFIGS``).
    sql = (
        "UPDATE forum_post p SET search_vector = "
        "setweight(to_tsvector(c.cfg, CASE WHEN p.position = 1 THEN t.title ELSE '' END), 'A') || "
        "setweight(to_tsvector(c.cfg, p.body), 'B') "
        "FROM forum_thread t CROSS JOIN LATERAL (SELECT COALESCE("
        "(SELECT m.cfg::regconfig FROM unnest(%s::text[], %s::text[]) AS m(code, cfg) "
        "WHERE m.code = t.language), %s::regconfig) AS cfg) c "
        "WHERE p.thread_id = t.id"
    )
    codes = list(content_language.TS_CONFIGS)
    params = [codes, [content_language.TS_CONFIGS[code] for code in codes]]
    params.append(content_language.TS_FALLBACK)
    if post_ids is not None:
        sql += " AND p.id = ANY(%s)"
        params.append(list(post_ids))
    if thread_ids is not None:
        sql += " AND p.thread_id = ANY(%s)"
        params.append(list(thread_ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
