"""Portal benchmark: the pages every visitor and member passes through, over a large network.

Timed through the full Django stack (middleware, templates) with the test client: the public
landing page, a member's home dashboard, the network overview, a profile page (with its similar
experts) and the health check; then the public home's requests per second through ``bin/web``
as a share of a static file's (``bench/throughput.py``). The overview's counts and the similar
experts are kept until a profile changes: "cold" rows time the first view after a change, "warm"
rows the views after.
Data lives in its own database (``bench_portal`` on PostgreSQL, ``var/bench/portal.sqlite3``
otherwise), seeded once: 100,000 profiles and 200 forum threads, or 5,000 profiles and 20
threads with ``--quick``.
"""

from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse

from bench.common import measure, row, test_client_environment, use_bench_database

SIZES = {
    False: {"profiles": 100_000, "threads": 200, "repeat": 30},
    True: {"profiles": 5_000, "threads": 20, "repeat": 10},
}
PUBLIC_CONTENT = {False: {"outputs": 5_000, "events": 1_000}, True: {"outputs": 500, "events": 100}}


def ensure_forum(threads: int) -> None:
    from forum.models import Category

    if not Category.objects.filter(slug="bench").exists():
        call_command("seed_forum", threads=threads, posts_per_thread=10, category="bench")


def run(args) -> list[dict]:
    from bench.directory import prepare
    from directory.filters import data_changed
    from directory.models import Profile

    quick = bool(getattr(args, "quick", False))
    size = SIZES[quick]
    use_bench_database("portal_quick" if quick else "portal")
    member = prepare(size["profiles"])  # migrates, seeds profiles, returns a member
    ensure_forum(size["threads"])
    test_client_environment()
    visitor, client = Client(), Client()
    client.force_login(member)
    someone = Profile.objects.order_by("pk").first()

    def page(c, url, cold=False):
        def fetch():
            if cold:  # as for the first visitor after any profile changed
                data_changed()
            response = c.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    overview = reverse("directory:overview")
    a_profile = reverse("directory:profile", args=[someone.pk])
    cases = [
        ("landing (visitor)", visitor, reverse("landing"), False),
        ("home dashboard (member)", client, reverse("home"), False),
        ("cold: network overview (member)", client, overview, True),
        ("warm: network overview (member)", client, overview, False),
        ("cold: a profile page (member)", client, a_profile, True),
        ("warm: a profile page (member)", client, a_profile, False),
        ("health check", visitor, reverse("healthz"), False),
    ]
    rows = []
    for name, c, url, cold in cases:
        samples, queries = measure(page(c, url, cold), repeat=size["repeat"])
        rows.append(
            row(
                name,
                samples,
                queries,
                profiles=size["profiles"],
                db=connections["default"].vendor,
            )
        )
    # The public home through the production server shape, against a static file (its own
    # module); the home shows published outputs and events, so some are seeded here too.
    from bench import public, throughput

    public.seed(**PUBLIC_CONTENT[quick])
    rows += throughput.run(args)
    return rows
