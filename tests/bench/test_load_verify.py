"""The verification of ``make load`` (bench/load/verify.py): a lost, doubled or misplaced reply
and a missing, doubled or unexpected notification each make it fail; a clean run passes."""

import pytest

from bench.load import seed, verify
from bench.load.verify import REPLY, THREAD_POST, WATCHING, StoredPost

# Thread 1: its opening post (1) by member 10, then replies of the run.
OPENING = StoredPost(pk=1, thread=1, author=10, position=1)


def reply(pk, author, position, token, answered=None, thread=1):
    return StoredPost(pk, thread, author, position, answered, token)


def clean_run():
    stored = [reply(2, 11, 2, "t-a"), reply(3, 12, 3, "t-b", answered=10)]
    accepted = [{"token": "t-a", "thread": 1}, {"token": "t-b", "thread": 1}]
    # Post 2 by 11: the opener watches (10). Post 3 by 12, answering 10: 10 hears "reply", 11
    # (who posted before) "thread_post".
    found = [(2, 10, THREAD_POST), (3, 10, REPLY), (3, 11, THREAD_POST)]
    return accepted, stored, found


def run(accepted, stored, found, thread_levels=None, category_levels=None):
    posts = [OPENING, *stored]
    return verify.verify(
        accepted, stored, posts, thread_levels or {1: {10: WATCHING}}, category_levels or {}, found
    )


def test_a_clean_run_passes():
    result = run(*clean_run())
    assert result.ok, result.lines()
    assert result.notifications_expected == 3
    assert result.lines()[-1] == "verification: PASSED"


def test_a_lost_reply_fails():
    accepted, stored, found = clean_run()
    result = run(accepted, stored[:1], [f for f in found if f[0] == 2])
    assert not result.ok
    assert result.lost == ["t-b"]
    assert result.lines()[-1] == "verification: FAILED"


def test_a_reply_stored_twice_fails():
    accepted, stored, found = clean_run()
    twice = reply(4, 11, 4, "t-a")
    found += [(4, 10, THREAD_POST), (4, 12, THREAD_POST)]
    result = run(accepted, [*stored, twice], found)
    assert not result.ok
    assert result.duplicated == {"t-a": 2}


def test_a_reply_in_another_thread_fails():
    accepted, stored, found = clean_run()
    accepted[0] = {"token": "t-a", "thread": 2}
    assert run(accepted, stored, found).wrong_thread == ["t-a"]


def test_a_missing_notification_fails():
    accepted, stored, found = clean_run()
    result = run(accepted, stored, found[:-1])
    assert not result.ok
    assert result.missing_notifications == [(3, 11, THREAD_POST)]


def test_a_doubled_or_unexpected_notification_fails():
    accepted, stored, found = clean_run()
    doubled = run(accepted, stored, [*found, (3, 11, THREAD_POST)])
    assert doubled.doubled_notifications == [(3, 11)]
    assert not doubled.ok
    to_the_author = run(accepted, stored, [*found, (3, 12, THREAD_POST)])
    assert to_the_author.unexpected_notifications == [(3, 12, THREAD_POST)]
    assert not to_the_author.ok


def test_a_reply_seen_stored_but_not_accepted_is_only_reported():
    accepted, stored, found = clean_run()
    result = run(accepted[:1], stored, found)
    assert result.ok
    assert result.unanswered == ["t-b"]


def test_levels_chosen_before_the_run_win():
    _accepted, stored, _found = clean_run()
    # 10 muted the thread: no thread_post, and no "reply" either; 13 watches the category.
    levels = {1: {10: verify.MUTED}}
    expected = verify.expected_notifications(
        [OPENING, *stored], levels, {1: {13: WATCHING}}, {2, 3}
    )
    assert expected == {(2, 13, THREAD_POST), (3, 13, THREAD_POST), (3, 11, THREAD_POST)}


@pytest.mark.django_db
def test_collect_reads_what_the_forum_stored(settings):
    """Seeded as a run seeds, replies made by the forum's own action: the rule derived here
    matches the notifications the forum wrote, and a lost post and notification are found."""
    from accounts.models import User
    from forum import actions
    from forum.models import Post, Thread
    from notifications.models import Notification

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.reply": "1000/h"}
    plan = seed.plan(3, demo=False)
    thread_pks = [t["pk"] for t in plan["threads"]]
    thread_levels, category_levels = seed.levels(thread_pks)
    people = list(User.objects.filter(email__in=plan["members"]).order_by("pk"))
    accepted = []
    for i, author in enumerate(people * 2):
        target = plan["threads"][i % len(plan["threads"])]
        token = f"{plan['run']}-{i:032x}"
        thread = Thread.objects.get(pk=target["pk"])
        answered = Post.objects.get(pk=target["first_post"]) if i % 2 else None
        actions.reply(author, thread, f"reply {token}", reply_to=answered)
        accepted.append({"token": token, "thread": thread.pk})

    result = verify.collect(plan["run"], thread_pks, thread_levels, category_levels, accepted)
    assert result.ok, result.lines()
    assert result.stored == 6
    assert result.notifications_found == result.notifications_expected > 0

    Notification.objects.order_by("-pk").first().delete()
    Post.objects.filter(body__contains=accepted[0]["token"]).delete()
    result = verify.collect(plan["run"], thread_pks, thread_levels, category_levels, accepted)
    assert not result.ok
    assert result.lost == [accepted[0]["token"]]
    assert result.missing_notifications


def walk(start, limit, largest_good):
    """The numbers of members ``--find-max`` tries when up to ``largest_good`` keep p95 down."""
    from bench.load.run import steps

    tried, walker = [], steps(start, limit)
    n = next(walker)
    try:
        while True:
            tried.append(n)
            n = walker.send(n <= largest_good)
    except StopIteration:
        return tried


def test_find_max_doubles_then_narrows_the_gap():
    assert walk(5, 320, 47) == [5, 10, 20, 40, 80, 60, 50, 45]
    assert walk(5, 320, 1000) == [5, 10, 20, 40, 80, 160, 320]
    assert walk(5, 320, 2) == [5, 2, 3]
    assert walk(5, 320, 0) == [5, 2, 1]


def test_the_load_database_is_named_after_the_one_of_database_url(settings):
    from django.db import connections

    from bench.load.run import database_name

    name = connections["default"].settings_dict["NAME"]
    if connections["default"].vendor == "postgresql":
        assert database_name() == "load_" + name.replace("-", "_")
    else:
        assert database_name() == "load"


def test_web_workers_and_their_memory_are_read_from_proc():
    import multiprocessing
    import os

    from bench.load.run import rss_mb, web_workers

    assert rss_mb(os.getpid()) > 1
    assert rss_mb(2**22 + 12345) is None
    context = multiprocessing.get_context("spawn")  # as uvicorn starts its workers
    ready = context.Event()
    child = context.Process(target=ready.wait, args=(30,))
    child.start()
    try:
        assert child.pid in web_workers(os.getpid())
    finally:
        ready.set()
        child.join(30)
