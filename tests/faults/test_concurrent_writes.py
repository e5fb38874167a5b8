"""Writes sent at the same instant: the same reply twice (a double click) is stored once.

Real concurrency needs PostgreSQL (SQLite runs one write transaction at a time, so the race cannot
happen there): each round starts two threads, each with its own connection, at a barrier.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from forum import actions
from forum.models import Category, Post
from tests import services
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 10


def at_once(*calls):
    """Run each call in its own thread and connection, released together; their outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=30)
            outcomes[i] = call()
        except Exception as error:  # the outcome is what the test looks at
            outcomes[i] = error
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return outcomes


def test_the_same_reply_sent_twice_at_once_is_stored_once(institutes, settings):
    services.postgres_url()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.reply": "1000/h"}
    author = make_user("alice@gcm.unu.example", "Alice Moreau")
    category = Category.objects.create(name="General discussion", slug="general", order=1)
    thread = actions.create_thread(author, category=category, title="Data", body="Sources?")
    for round_ in range(ROUNDS):
        body = f"Same text, round {round_}"
        outcomes = at_once(*[lambda b=body: actions.reply(author, thread, b)] * 2)
        stored = Post.objects.filter(thread=thread, body=body).count()
        assert stored == 1, f"round {round_}: {stored} copies stored ({outcomes})"
        refused = [o for o in outcomes if isinstance(o, ValidationError)]
        assert len(refused) == 1 and refused[0].code == "duplicate", outcomes
