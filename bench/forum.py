"""Forum benchmark: thread page (first and last page of a 1,000-post thread), category list,
category page and search, timed through the full Django stack with a signed-in member.

Data lives in its own database (``bench_forum`` on PostgreSQL, ``var/bench/forum.sqlite3``
otherwise), created and migrated here and reused between runs.
"""

from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse

from bench.common import measure, row, test_client_environment, use_bench_database

BIG_THREAD_CATEGORY = "bench-big"
SIZES = {
    False: {"big": 1000, "threads": 200, "posts": 25, "repeat": 30},
    True: {"big": 200, "threads": 20, "posts": 10, "repeat": 10},
}


def ensure_data(size: dict):
    from accounts.models import User
    from forum.models import Category, Thread

    if not User.objects.members().exists():
        for i in range(20):
            User.objects.create_user(
                f"bench{i}@bench.example",
                "bench-password-not-secret",
                display_name=f"Bench Member {i}",
                status=User.Status.MEMBER,
            )
    if not Category.objects.filter(slug=BIG_THREAD_CATEGORY).exists():
        call_command(
            "seed_forum", threads=1, posts_per_thread=size["big"], category=BIG_THREAD_CATEGORY
        )
        call_command(
            "seed_forum", threads=size["threads"], posts_per_thread=size["posts"], category="bench"
        )
    big = Thread.objects.filter(category__slug=BIG_THREAD_CATEGORY).get()
    return User.objects.members().first(), big


def run(args) -> list[dict]:
    quick = bool(getattr(args, "quick", False))
    size = SIZES[quick]
    use_bench_database("forum_quick" if quick else "forum")
    call_command("migrate", verbosity=0)
    test_client_environment()
    reader, big = ensure_data(size)
    client = Client()
    client.force_login(reader)

    def page(url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    thread_url = reverse("forum:thread", args=[big.pk])
    cases = [
        (f"thread page 1 ({size['big']} posts)", thread_url),
        (f"thread last page ({size['big']} posts)", f"{thread_url}?page=last"),
        ("category list", reverse("forum:index")),
        (
            f"category page ({size['threads']} threads)",
            reverse("forum:category", args=["bench"]),
        ),
        ("search 'remittances drought'", reverse("forum:search") + "?q=remittances+drought"),
        (
            "one search, a member: 'remittances drought'",
            reverse("portal:search") + "?q=remittances+drought",
        ),
    ]
    rows = []
    for name, url in cases:
        samples, queries = measure(page(url), repeat=size["repeat"])
        rows.append(row(name, samples, queries, db=connections["default"].vendor))
    return rows
