"""The public search: published outputs and briefs, published events, public practices and
public experts, each kind the best few first.

PostgreSQL: full-text ``websearch`` queries over a weighted vector (title A, text B), each row
stemmed in its own language (``core.content_language.ts_config``), ranked by ``ts_rank``;
experts through the directory's own search (``Profile.objects.search``). Elsewhere: every word
of the query must appear, case-insensitively, in the title or the text. Only what
``public()`` lets through is ever searched.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from accounts.permissions import is_member, is_moderator
from core.content_language import ts_config
from core.db import is_postgres
from core.markup import plain_text
from directory.models import Profile
from directory.search import FUZZY_THRESHOLD, fold
from forum.models import Initiative, Post, Practice, Thread
from forum.search import search_posts

from .models import Event, Output

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
PER_KIND = 10
PER_KIND_ALONE = 50  # when the searcher narrows to one kind
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(q: str | None) -> str:
    """Bounded, without control characters, single-spaced."""
    if not q:
        return ""
    return " ".join(CONTROL_CHARACTERS.sub(" ", q[: MAX_QUERY_LENGTH * 2]).split())[
        :MAX_QUERY_LENGTH
    ]


def _match(queryset, q: str, title: str, *texts: str, language: str = "language"):
    if is_postgres():
        # Each row stemmed, and the query read, in the row's own language (``language``).
        config = ts_config(language)
        vector = SearchVector(title, weight="A", config=config)
        for text in texts:
            vector += SearchVector(text, weight="B", config=config)
        query = SearchQuery(q, search_type="websearch", config=config)
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
    return _match(
        queryset, q, "thread__title", "summary", "what_worked", language="thread__language"
    )


# One search for everyone: what a result shows, whoever asked and whatever it is.
KINDS = ("person", "thread", "post", "initiative", "practice", "output", "event")
KIND_LABELS = {
    "person": _("Person"),
    "thread": _("Thread"),
    "post": _("Post"),
    "initiative": _("Initiative"),
    "practice": _("Good practice"),
    "output": _("Research or brief"),
    "event": _("Event"),
}
KIND_PLURALS = {
    "person": _("People"),
    "thread": _("Threads"),
    "post": _("Posts"),
    "initiative": _("Initiatives"),
    "practice": _("Good practices"),
    "output": _("Research and briefs"),
    "event": _("Events"),
}
TEXT_CHARS = 2000  # how much of a result's text the ranking reads (linear, bounded)
SUMMARY_WORDS = 40


@dataclass(frozen=True)
class Result:
    kind: str
    label: str
    title: str
    url: str
    summary: str
    meta: str
    score: float
    place: int  # where its own kind's search put it (0 the best)


def find(user, q: str, kind: str | None = None) -> list[Result]:
    """Everything ``user`` may see that matches ``q``, every kind ranked together, best first.

    Each kind is matched and visibility-filtered by its own app's rules (a query each, the best
    ``PER_KIND``); one ``score`` then ranks them all the same way: a query word in the title counts
    three, a word close to one of the title's (a typo: ``rapidfuzz``) up to three, a word in the
    text one. Anonymous visitors and applicants get the public site's set; members get the
    directory's members, the forum's threads and posts, initiatives, and their own drafts."""
    q = clean_query(q)
    if not q:
        return []
    words = [fold(word) for negated, word in re.findall(r"(-?)(\w+)", q) if not negated]
    words = words[:MAX_WORDS]
    if not words:
        return []
    member = is_member(user)
    found = []
    limit = PER_KIND_ALONE if kind else PER_KIND
    for found_kind, candidates in _candidates(user, q, member, kind, limit):
        for place, (title, text, url, summary, meta) in enumerate(candidates):
            found.append(
                Result(
                    kind=found_kind,
                    label=KIND_LABELS[found_kind],
                    title=title,
                    url=url,
                    summary=summary,
                    meta=meta,
                    score=score(words, title, text),
                    place=place,
                )
            )
    # Equal scores: each kind's own order (its database rank), the best of every kind first.
    found.sort(key=lambda result: (-result.score, result.place, KINDS.index(result.kind)))
    return found


def kinds_for(member: bool) -> list[tuple[str, str]]:
    """The kinds a searcher may narrow to, with their labels."""
    shown = KINDS if member else ("person", "practice", "output", "event")
    return [(kind, KIND_PLURALS[kind]) for kind in shown]


def capped(results: list[Result], kind: str | None) -> bool:
    """Whether some kind filled its share (there may be more than shown)."""
    limit = PER_KIND_ALONE if kind else PER_KIND
    counts = {}
    for result in results:
        counts[result.kind] = counts.get(result.kind, 0) + 1
    return any(count >= limit for count in counts.values())


def score(words: list[str], title: str, text: str) -> float:
    """How well ``title`` and ``text`` answer the (folded) ``words``: 0 to 4 per word, averaged."""
    title_words = fold(title).split()
    title_text = " ".join(title_words)
    body = fold(text[:TEXT_CHARS])
    total = 0.0
    for word in words:
        if word in title_text:
            total += 3
        elif title_words:
            closest = max(fuzz.ratio(word, title_word) for title_word in title_words)
            if closest >= FUZZY_THRESHOLD:
                total += 3 * closest / 100
        if word in body:
            total += 1
    return round(total / len(words), 3)


def _candidates(user, q: str, member: bool, kind: str | None, limit: int):
    """``(kind, [(title, text, url, summary, meta), ...])`` for each kind asked for."""
    for found_kind, rows in _every_kind(user, q, member, limit):
        if kind in (None, found_kind):
            yield found_kind, rows()


def _every_kind(user, q: str, member: bool, limit: int):
    """Each kind with a function that finds its best ``limit`` (a query or two each, run only
    when asked for)."""

    def people():
        profiles = Profile.objects.visible_to(user if member else None).select_related(
            "user", "user__institute"
        )
        return [
            (
                profile.user.display_name,
                f"{profile.position} {profile.biography[:TEXT_CHARS]}",
                profile.get_absolute_url()
                if member
                else reverse("directory:public_profile", args=[profile.pk]),
                profile.position,
                profile.user.institute.acronym if profile.user.institute_id else "",
            )
            for profile in profiles.search(q)[:limit]
        ]

    yield "person", people
    if member:
        threads = _searchable_threads(user, Thread, Practice)

        def posts(opening: bool):
            found = search_posts(
                Post.objects.readable()
                .filter(thread__in=threads)
                .exclude(
                    position=1,
                    thread__kind__in=[Thread.Kind.INITIATIVE, Thread.Kind.PRACTICE],
                )
                .filter(**({"position": 1} if opening else {"position__gt": 1}))
                .select_related("thread", "author"),
                q,
            )[:limit]
            return [
                (
                    post.thread.title,
                    post.body,
                    post.thread.get_absolute_url() if opening else post.get_absolute_url(),
                    _summary(post.body),
                    post.author.display_name,
                )
                for post in found
            ]

        def initiatives():
            found = _match(
                Initiative.objects.filter(thread__in=threads).select_related("thread"),
                q,
                "thread__title",
                "summary",
                "objectives",
                language="thread__language",
            )[:limit]
            return [
                (
                    initiative.thread.title,
                    f"{initiative.summary} {initiative.objectives[:TEXT_CHARS]}",
                    initiative.get_absolute_url(),
                    _summary(initiative.summary),
                    initiative.get_status_display(),
                )
                for initiative in found
            ]

        yield "thread", lambda: posts(opening=True)
        yield "post", lambda: posts(opening=False)
        yield "initiative", initiatives
        practices_seen = Practice.objects.filter(thread__in=threads)
        outputs_seen = Output.objects.visible_to(user)
        events_seen = Event.objects.visible_to(user)
    else:
        practices_seen = Practice.objects.public()
        outputs_seen = Output.objects.public()
        events_seen = Event.objects.public()

    def found_practices():
        return [
            (
                practice.thread.title,
                f"{practice.summary} {practice.what_worked[:TEXT_CHARS]}",
                practice.get_absolute_url()
                if member
                else reverse("portal:practice", args=[practice.pk]),
                _summary(practice.summary),
                practice.place,
            )
            for practice in practices(practices_seen.select_related("thread"), q)[:limit]
        ]

    def found_outputs():
        return [
            (
                output.title,
                output.abstract,
                output.get_absolute_url(),
                _summary(output.abstract),
                output.get_kind_display(),
            )
            for output in outputs(outputs_seen, q)[:limit]
        ]

    def found_events():
        return [
            (
                event.title,
                f"{event.description} {event.place}",
                event.get_absolute_url(),
                _summary(event.description),
                " · ".join(part for part in [date_format(event.start), event.place] if part),
            )
            for event in events(events_seen, q)[:limit]
        ]

    yield "practice", found_practices
    yield "output", found_outputs
    yield "event", found_events


def _searchable_threads(user, Thread, Practice):
    """The threads ``user`` may read, less practices not yet curated unless theirs (or the
    searcher moderates): a draft or declined practice is its author's and the moderators'."""
    threads = Thread.objects.visible_to(user)
    if is_moderator(user):
        return threads
    return threads.exclude(
        Q(kind=Thread.Kind.PRACTICE)
        & ~Q(practice__status=Practice.Status.CURATED)
        & ~Q(author_id=user.pk)
    )


def _summary(text: str) -> str:
    """The first words of Markdown ``text``, without its marks."""
    return Truncator(plain_text(text)).words(SUMMARY_WORDS)
