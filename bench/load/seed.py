"""The data a load run needs, in its own database (``bench_load_<name>`` on PostgreSQL, else
``var/bench/load.sqlite3``): the demo network (``accounts/demo``, once), enough member accounts
for the simulated members, and new threads for this run, so that what the run wrote is told
apart from what was there."""

import uuid

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings

PASSWORD = "load-member-password-not-secret"  # noqa: S105 - seeded bench accounts only
CATEGORY = "load"
QUERIES = ["remittances", "mobility", "climate+migration", "labour", "diaspora", "Haddad"]


def load_demo() -> None:
    from django.core.management import call_command

    from accounts.models import User

    if not User.objects.filter(email="admin@gcm.unu.example").exists():
        call_command("load_demo", quiet_logins=True)


def members(count: int) -> list[str]:
    """The emails of ``count`` member accounts, created as needed (one institute domain each,
    verified, so they are members at once), all with ``PASSWORD``."""
    from allauth.account.models import EmailAddress

    from accounts import actions
    from accounts.demo import INSTITUTES
    from accounts.models import Institute, InstituteDomain, User

    for acronym, name, city, country, domain in INSTITUTES:
        institute, _ = Institute.objects.get_or_create(
            acronym=acronym, defaults={"name": name, "city": city, "country": country}
        )
        InstituteDomain.objects.get_or_create(domain=domain, defaults={"institute": institute})
    emails = [f"load.member{i}@{INSTITUTES[i % len(INSTITUTES)][-1]}" for i in range(count)]
    have = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    hashed = make_password(PASSWORD)
    for i, email in enumerate(emails):
        if email in have:
            continue
        with transaction.atomic():
            user = User.objects.create_user(email, None, display_name=f"Load Member {i}")
            user.password = hashed
            user.save(update_fields=["password"])
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
            actions.admit_by_verified_email(user, email)
    return emails


def threads(run: str, emails: list[str], count: int) -> list[dict]:
    """``count`` new threads for this run, started by the first members."""
    from accounts.models import User
    from forum.actions import create_thread
    from forum.models import Category, Post

    category, _ = Category.objects.get_or_create(
        slug=CATEGORY, defaults={"name": "Load runs", "description": "Written by make load."}
    )
    authors = list(User.objects.filter(email__in=emails[: max(count, 1)]).order_by("pk"))
    made = []
    with override_settings(RATE_LIMITS={"forum.thread": "1000000/h"}):
        for i in range(count):
            thread = create_thread(
                authors[i % len(authors)],
                category=category,
                title=f"Load run {run}: thread {i + 1}",
                body=f"Opening post of load run {run}, thread {i + 1}, on remittances.",
            )
            first = Post.objects.filter(thread=thread).order_by("position").first()
            made.append({"pk": thread.pk, "first_post": first.pk})
    return made


def levels(thread_pks: list[int]) -> tuple[dict, dict]:
    """The thread levels and the category levels of each thread, as they are now (JSON keys)."""
    from forum.models import Subscription, Thread

    category_of = dict(Thread.objects.filter(pk__in=thread_pks).values_list("pk", "category_id"))
    thread_levels: dict[int, dict[int, str]] = {pk: {} for pk in thread_pks}
    category_levels: dict[int, dict[int, str]] = {pk: {} for pk in thread_pks}
    for user, thread, level in Subscription.objects.filter(thread_id__in=thread_pks).values_list(
        "user_id", "thread_id", "level"
    ):
        thread_levels[thread][user] = level
    rows = Subscription.objects.filter(category_id__in=set(category_of.values())).values_list(
        "user_id", "category_id", "level"
    )
    for user, category, level in rows:
        for pk, its_category in category_of.items():
            if its_category == category:
                category_levels[pk][user] = level
    return thread_levels, category_levels


def plan(users: int, *, demo: bool = True) -> dict:
    """Seed what a run of ``users`` simulated members needs; return the locustfile's plan."""
    from forum.models import Reaction

    if demo:
        load_demo()
    run = "ld" + uuid.uuid4().hex[:10]
    emails = members(max(users, 2))
    made = threads(run, emails, max(2, min(10, users // 5)))
    return {
        "run": run,
        "password": PASSWORD,
        "members": emails[:users],
        "threads": made,
        "queries": QUERIES,
        "reactions": list(Reaction.Kind.values),
    }
