"""Directory benchmark: 20 representative directory queries over many invented profiles.

Each query does what the directory page does with the data: filter and search, count, fetch the
first page of cards with their relations, and count facets. Every query is measured cold (the
cached counts forgotten first, as for the first visitor after any profile changed: the honest
cost) and warm (counts from the cache), with the page's number of SQL queries. Data lives in its
own database (``bench_directory`` on PostgreSQL, ``var/bench/directory.sqlite3`` otherwise) and is
seeded once: 100,000 profiles, or 5,000 with ``--quick``. Target: p95 under 50 ms per query on
PostgreSQL.
"""

from django.db import connection
from django.http import QueryDict

from bench.common import measure, row, use_bench_database

PROFILES = 100_000
QUICK_PROFILES = 5_000
DATABASE_NAME = "directory"

QUERIES = [
    ("everyone", ""),
    ("text: remittances", "q=remittances"),
    ("text: phrase", 'q="climate mobility"'),
    ("text: name", "q=haddad"),
    ("misspelt name: Hadad", "q=Hadad"),
    ("misspelt name: Okonkow", "q=Okonkow"),
    ("focus area: forced migration", "theme=forced-migration"),
    ("theme: remittances", "theme=remittances"),
    ("region: Africa", "region=002"),
    ("group: LDCs", "region=199"),
    ("country: Kenya", "country=KE"),
    ("method: econometrics", "method=econometrics"),
    ("language: French", "language=fr"),
    ("flag: open to collaborate", "open=true"),
    ("theme + region + method", "theme=migration-and-development&region=002&method=econometrics"),
    ("text + sub-region", "q=remittances&region=014"),
    ("text with exclusion", "q=migration -refugees"),
    ("theme + country + flag", "theme=climate-mobility&country=BD&open=true"),
    ("recently updated in Asia", "order=updated&region=142"),
    ("text + area + language, page 3", "q=data&theme=data-and-technology&language=es&page=3"),
]


def prepare(count: int):
    from django.core.management import call_command

    from accounts.models import Institute, User
    from directory.models import Profile
    from directory.seeding import create_profiles

    call_command("migrate", verbosity=0)
    for acronym, name in [
        ("UNU-GCM", "Institute on Globalization, Culture and Mobility"),
        ("UNU-EHS", "Institute for Environment and Human Security"),
        ("UNU-MERIT", "Maastricht Economic and Social Research Institute"),
        ("UNU-CRIS", "Institute on Comparative Regional Integration Studies"),
        ("UNU-WIDER", "World Institute for Development Economics Research"),
    ]:
        Institute.objects.get_or_create(acronym=acronym, defaults={"name": name})
    missing = count - Profile.objects.count()
    if missing > 0:
        print(f"seeding {missing} profiles into {connection.settings_dict['NAME']} ...")

        def progress(done, total):
            if done == total or done % 10_000 == 0:
                print(f"  {done}/{total}")

        create_profiles(missing, seed=count, batch_size=5000, progress=progress)
        if connection.vendor == "postgresql":
            # Seeding writes each row three times (insert, text, facets): reclaim the dead
            # versions as autovacuum would on a live site, and gather statistics.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    viewer, _created = User.objects.get_or_create(
        email="bench-viewer@bench.example",
        defaults={"display_name": "Bench Viewer", "status": User.Status.MEMBER},
    )
    return viewer


def directory_page(viewer, query: str, *, cold: bool = False):
    """The directory page's data work; ``cold`` forgets cached counts first."""
    from directory.filters import (
        ProfileFilter,
        ResultPaginator,
        data_changed,
        directory_profiles,
        summary,
    )
    from directory.views import PAGE_SIZE

    if cold:
        data_changed()
    data = QueryDict(query)
    filterset = ProfileFilter(data or None, queryset=directory_profiles(viewer))
    count, facets = summary(filterset, audience="members")
    page = ResultPaginator(filterset.cards(count), PAGE_SIZE, count=count).get_page(
        data.get("page")
    )
    cards = list(page.object_list)
    return count, cards, facets


def run(args) -> list[dict]:
    use_bench_database(DATABASE_NAME)
    count = QUICK_PROFILES if args.quick else PROFILES
    viewer = prepare(count)
    repeat = 10 if args.quick else 30
    rows = []
    for name, query in QUERIES:
        cold, cold_queries = measure(
            lambda q=query: directory_page(viewer, q, cold=True), repeat=repeat
        )
        warm, warm_queries = measure(lambda q=query: directory_page(viewer, q), repeat=repeat)
        found = directory_page(viewer, query)[0]
        cold_row = row(f"cold: {name}", cold, cold_queries, results=found, profiles=count)
        rows.append(cold_row)
        rows.append(
            row(
                f"warm: {name}",
                warm,
                warm_queries,
                results=found,
                profiles=count,
                cold_p50_ms=cold_row["p50_ms"],
                cold_p95_ms=cold_row["p95_ms"],
            )
        )
    return rows
