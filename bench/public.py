"""Public portal benchmark: what a visitor reads, through the whole Django stack.

Rows ``public: ...``: the home page and the outputs list narrowed to policy briefs on one focus
area, each as kept in the cache and as computed after a change, an event page (not kept: it
holds a registration form), and the API's outputs list. Data lives in its own database
(``bench_public`` on PostgreSQL, ``var/bench/public.sqlite3`` otherwise), seeded once in bulk:
5,000 published outputs and 1,000 events, or 500 and 100 with ``--quick``.
"""

import random
from datetime import date, timedelta

from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.common import measure, row, test_client_environment, use_bench_database

SIZES = {
    False: {"outputs": 5_000, "events": 1_000, "repeat": 30},
    True: {"outputs": 500, "events": 100, "repeat": 10},
}
BATCH = 1_000


def seed(outputs: int, events: int) -> None:
    from accounts.models import Institute, User
    from directory.models import Theme
    from portal.models import Event, Output, OutputAuthor, Status

    if Output.objects.count() >= outputs:
        return
    author, _created = User.objects.get_or_create(
        email="bench-author@bench.example",
        defaults={"display_name": "Bench Author", "status": User.Status.MEMBER},
    )
    institute, _created = Institute.objects.get_or_create(
        acronym="BENCH", defaults={"name": "Bench institute"}
    )
    themes = list(Theme.objects.leaves())
    rng = random.Random(7)
    kinds = list(Output.Kind.values)
    now = timezone.now()
    for start in range(0, outputs, BATCH):
        made = Output.objects.bulk_create(
            Output(
                kind=rng.choice(kinds),
                title=f"Bench output {number}",
                date=date(2015, 1, 1) + timedelta(days=number % 4000),
                abstract="An abstract of a few sentences about migration research.",
                abstract_html="<p>An abstract of a few sentences about migration research.</p>",
                status=Status.PUBLISHED,
                submitted_by=author,
                published_at=now,
            )
            for number in range(start, min(start + BATCH, outputs))
        )
        OutputAuthor.objects.bulk_create(
            OutputAuthor(output=output, position=0, name="A. Author") for output in made
        )
        Output.themes.through.objects.bulk_create(
            Output.themes.through(output=output, theme=rng.choice(themes)) for output in made
        )
        Output.institutes.through.objects.bulk_create(
            Output.institutes.through(output=output, institute=institute) for output in made
        )
    Event.objects.bulk_create(
        Event(
            kind=Event.Kind.SEMINAR,
            title=f"Bench event {number}",
            start=now + timedelta(days=number - events // 2),
            end=now + timedelta(days=number - events // 2, hours=3),
            time_zone="Europe/Berlin",
            place="Bonn",
            description="A seminar.",
            description_html="<p>A seminar.</p>",
            capacity=100 if number % 2 else None,
            status=Status.PUBLISHED,
            submitted_by=author,
            published_at=now,
        )
        for number in range(events)
    )


def run(args) -> list[dict]:
    from directory.models import Theme
    from portal import caching
    from portal.models import Event

    quick = bool(getattr(args, "quick", False))
    size = SIZES[quick]
    use_bench_database("public_quick" if quick else "public")
    call_command("migrate", verbosity=0, interactive=False)
    seed(size["outputs"], size["events"])
    test_client_environment()
    visitor = Client()
    area = Theme.objects.focus_areas().order_by("pk").first()
    event = Event.objects.public().upcoming().first()
    briefs = f"{reverse('portal:outputs')}?kind=policy_brief&theme={area.slug}"
    cases = [
        ("public: home (kept)", reverse("landing"), False),
        ("public: home (after a change)", reverse("landing"), True),
        ("public: outputs list, briefs on a focus area (kept)", briefs, False),
        ("public: outputs list, briefs on a focus area (after a change)", briefs, True),
        ("public: an event page", reverse("portal:event", args=[event.pk]), False),
        ("public: API outputs list", reverse("api:outputs"), False),
        (
            "public: one search 'migration research'",
            reverse("portal:search") + "?q=migration+research",
            False,
        ),
    ]
    rows = []
    for name, url, cold in cases:

        def fetch(url=url, cold=cold):
            if cold:  # as for the first visitor after something public changed
                caching.changed()
            response = visitor.get(url)
            assert response.status_code == 200, (url, response.status_code)

        samples, queries = measure(fetch, repeat=size["repeat"])
        rows.append(
            row(
                name,
                samples,
                queries,
                outputs=size["outputs"],
                events=size["events"],
                db=connections["default"].vendor,
            )
        )
    return rows
