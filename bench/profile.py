"""``make profile PAGE=thread``: where one page's time goes, through the full Django stack.

Pages: ``thread`` (page 1 of the 1,000-post thread), ``thread-last``, ``directory`` (a search with
a filter), ``directory-filter`` (a filter, no words), ``directory-all`` (no filter), ``home`` (a
member's dashboard), ``profile`` (a profile page with similar experts).
Uses the benchmark databases (``make bench`` seeds them the first time; ``--quick`` for the small
ones), warms the page up, then profiles ``--requests`` requests with pyinstrument and prints

- the call tree (pyinstrument's text view, the slowest paths first), and
- a breakdown of the time by layer: the database (driver and server, as seen from Python), the
  ORM building SQL, the ORM building rows and model objects, template rendering, session and
  authentication, the cache (Redis's client and server, or the local memory cache, pickling
  included), middleware, and the rest (views, URL resolving, forms). Each sample counts for
  the innermost layer on its stack, so a query run from a template counts as database time and
  the template's own work as template rendering.

Also prints the time measured around each query's execution, as a check on the sampled share,
and, from as many requests again without the profiler (whose sampling slows Python down, not
the database), the page's time, its SQL time and their ratio (issue #17's target: at most 3),
its number of queries and the size of its HTML.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django, test_client_environment, use_bench_database

PAGES = [
    "thread",
    "thread-last",
    "directory",
    "directory-filter",
    "directory-all",
    "home",
    "profile",
]
DIRECTORY_QUERIES = {
    "directory": "?q=remittances&region=014",
    "directory-filter": "?theme=forced-migration",
    "directory-all": "",
}

# (layer, fragments of a frame's file path); the first match wins, checked innermost first.
LAYERS = [
    ("database (driver and server)", ("/psycopg/", "/sqlite3/", "/django/db/backends/")),
    ("ORM: building SQL", ("/django/db/models/sql/", "/django/db/models/expressions")),
    ("ORM: building rows and objects", ("/django/db/models/",)),
    ("cache (Redis, local memory)", ("/redis/", "/django/core/cache/", "/core/cache.py")),
    ("template rendering", ("/django/template/", "/jinja2/", "templatetags/")),
    (
        "session and auth",
        ("/django/contrib/sessions/", "/django/contrib/auth/", "/allauth/", "/django/core/signing"),
    ),
    ("middleware", ("middleware",)),
]
OTHER = "views, URLs, forms, rest"


def layer_of(path: str) -> str | None:
    for layer, fragments in LAYERS:
        if any(fragment in path for fragment in fragments):
            return layer
    return None


def breakdown(root) -> dict[str, float]:
    """Seconds per layer: each frame's own time goes to the innermost layer on its stack."""
    totals: dict[str, float] = {}
    stack = [(root, None)]
    while stack:
        frame, inherited = stack.pop()
        layer = layer_of(frame.file_path or "") or inherited
        own = frame.time - sum(child.time for child in frame.children)
        totals[layer or OTHER] = totals.get(layer or OTHER, 0.0) + max(own, 0.0)
        stack.extend((child, layer) for child in frame.children)
    return totals


def page_url(page: str, quick: bool):
    """(database, a signed-in member, the URL) for ``page``, seeding the data if needed."""
    from django.core.management import call_command
    from django.urls import reverse

    if page.startswith("thread"):
        from bench import forum as forum_bench

        use_bench_database("forum_quick" if quick else "forum")
        call_command("migrate", verbosity=0)
        member, big = forum_bench.ensure_data(forum_bench.SIZES[quick])
        url = reverse("forum:thread", args=[big.pk])
        return member, url + ("?page=last" if page == "thread-last" else "")
    from bench import portal as portal_bench
    from bench.directory import prepare
    from directory.models import Profile

    size = portal_bench.SIZES[quick]
    use_bench_database("portal_quick" if quick else "portal")
    member = prepare(size["profiles"])
    portal_bench.ensure_forum(size["threads"])
    if page == "home":
        return member, reverse("home")
    if page == "profile":
        someone = Profile.objects.order_by("pk").first()
        return member, reverse("directory:profile", args=[someone.pk])
    return member, reverse("directory:index") + DIRECTORY_QUERIES[page]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", choices=PAGES)
    parser.add_argument("--quick", action="store_true", help="the small benchmark databases")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    member, url = page_url(args.page, args.quick)
    test_client_environment()
    client = Client()
    client.force_login(member)
    for _ in range(5):  # warm: caches filled, templates compiled, connections open
        assert client.get(url).status_code == 200, url

    sql_seconds = [0.0]

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_seconds[0] += time.perf_counter() - started

    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        profiler.start()
        for _ in range(args.requests):
            client.get(url)
        profiler.stop()
    wall = time.perf_counter() - started

    print(profiler.output_text(unicode=True, color=False, show_all=False))
    totals = breakdown(profiler.last_session.root_frame())
    sampled = sum(totals.values()) or 1.0
    each_ms = wall / args.requests * 1000
    print(f"## {args.page}: {url}, {args.requests} requests, {each_ms:.1f} ms each")
    print(f"{'layer':<32} {'share':>7} {'ms/request':>11}")
    for layer, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        share = seconds / sampled
        print(f"{layer:<32} {share:>6.0%} {share * wall / args.requests * 1000:>11.1f}")
    measured_ms = sql_seconds[0] / args.requests * 1000
    print(f"database time measured around each query: {measured_ms:.1f} ms/request")

    # The same requests without the profiler: the page's own time beside its SQL time.
    pages, queries = [], [0]
    sql_seconds[0] = 0.0

    def counted(execute, sql, params, many, context):
        queries[0] += 1
        return timed(execute, sql, params, many, context)

    with connection.execute_wrapper(counted):
        for _ in range(args.requests):
            started = time.perf_counter()
            size = len(client.get(url).content)
            pages.append(time.perf_counter() - started)
    page_ms = sum(pages) / len(pages) * 1000
    sql_ms = sql_seconds[0] / args.requests * 1000
    print(
        f"without the profiler: page {page_ms:.1f} ms (p50 {statistics.median(pages) * 1000:.1f}), "
        f"SQL {sql_ms:.1f} ms/request ({queries[0] // args.requests} queries), "
        f"page/SQL {page_ms / sql_ms:.1f}, "
        f"HTML {size / 1000:.0f} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
