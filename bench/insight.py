"""Network insight benchmark: the bridges, collaboration, SDG and regional pages over a large
network.

Seeded once into its own database (``bench_insight`` on PostgreSQL, ``var/bench/insight.sqlite3``
otherwise): 100,000 profiles and about 1,000,000 co-authorship edges (works by DOI, each on the
profiles of five members: ten edges per work), or 5,000 profiles and 20,000 edges with
``--quick``; ``--edges N`` (via ``BENCH_ARGS``) seeds another size. Timed through the full Django
stack with the test client, warm (the results precomputed by the ``insight.tasks.refresh``
task, as the worker does after a change), with one row for the task itself: the cost of a
recomputation, paid in the worker, not by a page. Target (issue #15): p95 under 100 ms warm
on PostgreSQL.
"""

# ruff: noqa: S608  (table names from model metadata, sizes are integers)

import time

from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from bench.common import measure, row, test_client_environment, use_bench_database

SIZES = {
    False: {"profiles": 100_000, "edges": 1_000_000, "repeat": 30},
    True: {"profiles": 5_000, "edges": 20_000, "repeat": 10},
}
AUTHORS_PER_WORK = 5  # C(5, 2) = 10 edges per work
EDGES_PER_WORK = AUTHORS_PER_WORK * (AUTHORS_PER_WORK - 1) // 2
# Steps between the authors of one work: distinct modulo any network of 5,000 profiles or more.
STRIDES = (0, 4729, 1237, 3011, 2203)


def seed_works(edges: int) -> None:
    """Works shared by ``AUTHORS_PER_WORK`` profiles each, up to ``edges`` co-authorship edges."""
    from directory.models import Profile, Publication

    works = edges // EDGES_PER_WORK
    table = Publication._meta.db_table
    have = Publication.objects.filter(doi__startswith="10.5555/bench.").count() // AUTHORS_PER_WORK
    if have >= works:
        return
    ids = list(Profile.objects.order_by("pk").values_list("pk", flat=True))
    print(f"seeding works {have}..{works} ({works * EDGES_PER_WORK} edges) ...")
    if connection.vendor == "postgresql":
        low, count = ids[0], len(ids)
        parts = " UNION ALL ".join(
            f"SELECT {low} + ((g * 7919 + {stride}) % {count}) AS pid, g FROM "
            f"generate_series({have}, {works - 1}) g"
            for stride in STRIDES
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (profile_id, title, year, venue, doi, url, source, "
                f"created) SELECT a.pid, 'Bench work ' || a.g, 2024, '', "
                f"'10.5555/bench.' || a.g, '', 'manual', now() FROM ({parts}) a "
                "JOIN directory_profile p ON p.id = a.pid ON CONFLICT DO NOTHING"
            )
            cursor.execute(f"ANALYZE {table}")
        return
    batch = []
    for g in range(have, works):
        for stride in STRIDES:
            pid = ids[(g * 7919 + stride) % len(ids)]
            batch.append(
                Publication(profile_id=pid, title=f"Bench work {g}", doi=f"10.5555/bench.{g}")
            )
        if len(batch) >= 10_000:
            Publication.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Publication.objects.bulk_create(batch, ignore_conflicts=True)


def run(args) -> list[dict]:
    from bench.directory import prepare
    from directory.actions import ensure_profile
    from insight import snapshot, tasks

    quick = bool(getattr(args, "quick", False))
    size = dict(SIZES[quick])
    use_bench_database("insight_quick" if quick else "insight")
    viewer = prepare(size["profiles"])
    ensure_profile(viewer)
    seed_works(size["edges"])
    test_client_environment()
    member, visitor = Client(), Client()
    member.force_login(viewer)

    started = time.perf_counter()
    tasks.refresh.call()
    refresh_ms = (time.perf_counter() - started) * 1000
    edges = snapshot.result("collaboration", "members").edges
    extra = {"profiles": size["profiles"], "edges": edges, "db": connections["default"].vendor}
    rows = [row("refresh task (worker, every result)", [refresh_ms], None, **extra)]

    def page(client, url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    pair = "?a=environmental-migration&b=remittances"
    cases = [
        ("warm: bridges (member)", member, reverse("insight:bridges")),
        ("warm: bridges, one pair (member)", member, reverse("insight:bridges") + pair),
        ("warm: collaboration (member)", member, reverse("insight:collaboration")),
        ("warm: bridges (public)", visitor, reverse("network:bridges")),
        ("warm: bridges, one pair (public)", visitor, reverse("network:bridges") + pair),
        ("warm: collaboration (public)", visitor, reverse("network:collaboration")),
        ("warm: SDGs (member)", member, reverse("insight:sdgs")),
        ("warm: SDGs (public)", visitor, reverse("network:sdgs")),
        ("warm: regions (member)", member, reverse("insight:regions")),
        ("warm: one region, Africa (member)", member, reverse("insight:region", args=["002"])),
        (
            "warm: Africa and Asia compared (member)",
            member,
            reverse("insight:compare_regions") + "?a=002&b=142",
        ),
        ("warm: one region, Africa (public)", visitor, reverse("network:region", args=["002"])),
        ("home with bridging colleagues (member)", member, reverse("home")),
    ]
    for name, client, url in cases:
        samples, queries = measure(page(client, url), repeat=size["repeat"])
        rows.append(row(name, samples, queries, **extra))
    return rows
