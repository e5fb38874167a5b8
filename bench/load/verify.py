"""What ``make load`` checks once the load has stopped: nothing accepted was lost or doubled.

The checks are plain functions of plain data (tested in ``tests/bench/test_load_verify.py``);
``collect()`` reads that data from the database the run used.

- Posts: every reply the site accepted (a 201 or a 302 to the post that locust saw) carries a
  token unique to it; each accepted token must be stored exactly once, in the thread it was sent
  to. A token stored without an accepted answer (the client gave up waiting) is reported, not
  failed: the member was not told it was accepted.
- Notifications: derived again from the forum's rule (``forum/recipients.py``) for each stored
  reply of the run: its thread's watchers at that moment get ``thread_post``, the author of the
  post it answers gets ``reply`` (unless they muted the thread), never the reply's own author,
  each person once. A watcher is someone whose level for the thread is "watching": a thread
  level chosen before the run, else "watching" from their first post in the thread (authors and
  repliers watch automatically), else the category's level. The run's threads are new, its
  members have no preferences turned off and its replies mention nobody, so that is the whole
  rule. Every expected notification must exist exactly once, and no other about those posts.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

WATCHING, MUTED = "watching", "muted"
REPLY, THREAD_POST = "reply", "thread_post"


@dataclass(frozen=True)
class StoredPost:
    pk: int
    thread: int
    author: int
    position: int
    reply_to_author: int | None = None
    token: str | None = None


@dataclass
class Result:
    accepted: int = 0
    stored: int = 0
    lost: list[str] = field(default_factory=list)
    duplicated: dict[str, int] = field(default_factory=dict)
    wrong_thread: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    notifications_expected: int = 0
    notifications_found: int = 0
    missing_notifications: list[tuple[int, int, str]] = field(default_factory=list)
    doubled_notifications: list[tuple[int, int]] = field(default_factory=list)
    unexpected_notifications: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.lost
            or self.duplicated
            or self.wrong_thread
            or self.missing_notifications
            or self.doubled_notifications
            or self.unexpected_notifications
        )

    def lines(self) -> list[str]:
        def few(items) -> str:
            items = list(items)
            return ", ".join(map(str, items[:5])) + (" ..." if len(items) > 5 else "")

        lines = [
            f"posts: {self.accepted} accepted, {self.stored} stored with a token of this run; "
            f"lost {len(self.lost)}, stored twice or more {len(self.duplicated)}, "
            f"in another thread {len(self.wrong_thread)}",
            f"notifications: {self.notifications_expected} expected, "
            f"{self.notifications_found} found; missing {len(self.missing_notifications)}, "
            f"doubled {len(self.doubled_notifications)}, "
            f"unexpected {len(self.unexpected_notifications)}",
        ]
        if self.unanswered:
            lines.append(
                f"note: {len(self.unanswered)} replies stored whose answer locust did not see "
                f"accepted (timed out or cut off at the end): {few(self.unanswered)}"
            )
        for label, items in (
            ("lost", self.lost),
            ("stored twice or more", self.duplicated.items()),
            ("in another thread", self.wrong_thread),
            ("missing (post, recipient, kind)", self.missing_notifications),
            ("doubled (post, recipient)", self.doubled_notifications),
            ("unexpected (post, recipient, kind)", self.unexpected_notifications),
        ):
            if items:
                lines.append(f"  {label}: {few(items)}")
        lines.append("verification: " + ("PASSED" if self.ok else "FAILED"))
        return lines


def check_posts(accepted: list[dict], stored: list[StoredPost], result: Result) -> None:
    """``accepted``: ``{"token", "thread"}`` per reply the site accepted; ``stored``: the posts
    found carrying a token of the run."""
    result.accepted = len(accepted)
    result.stored = len(stored)
    counts = Counter(post.token for post in stored)
    threads = {post.token: post.thread for post in stored}
    sent = {entry["token"]: entry["thread"] for entry in accepted}
    result.lost = sorted(token for token in sent if counts[token] == 0)
    result.duplicated = {token: n for token, n in sorted(counts.items()) if n > 1}
    result.wrong_thread = sorted(
        token for token, thread in sent.items() if counts[token] and threads[token] != thread
    )
    result.unanswered = sorted(token for token in counts if token not in sent)


def expected_notifications(
    posts: list[StoredPost],
    thread_levels: dict[int, dict[int, str]],
    category_levels: dict[int, dict[int, str]],
    replies: set[int],
) -> set[tuple[int, int, str]]:
    """(post, recipient, kind) for each post in ``replies`` (pks), by the forum's rule.

    ``posts``: every post of the threads concerned (their opening posts too);
    ``thread_levels[thread][user]`` the thread levels chosen before the run,
    ``category_levels[thread][user]`` the levels for each thread's category."""
    by_thread: dict[int, list[StoredPost]] = {}
    for post in posts:
        by_thread.setdefault(post.thread, []).append(post)
    expected = set()
    for thread, thread_posts in by_thread.items():
        thread_posts.sort(key=lambda p: p.position)
        chosen = thread_levels.get(thread, {})
        category = category_levels.get(thread, {})
        posted_before: set[int] = set()
        for post in thread_posts:
            if post.pk in replies:
                levels = dict(category)
                levels.update({user: WATCHING for user in posted_before})
                levels.update(chosen)
                wanted = {user: THREAD_POST for user, lvl in levels.items() if lvl == WATCHING}
                answered = post.reply_to_author
                if answered is not None and levels.get(answered) != MUTED:
                    wanted[answered] = REPLY
                wanted.pop(post.author, None)
                expected.update((post.pk, user, kind) for user, kind in wanted.items())
            posted_before.add(post.author)
    return expected


def check_notifications(
    expected: set[tuple[int, int, str]], found: list[tuple[int, int, str]], result: Result
) -> None:
    """``found``: (post, recipient, kind) of every notification about the run's replies."""
    result.notifications_expected = len(expected)
    result.notifications_found = len(found)
    per_person = Counter((post, recipient) for post, recipient, _kind in found)
    result.doubled_notifications = sorted(key for key, n in per_person.items() if n > 1)
    present = set(found)
    result.missing_notifications = sorted(expected - present)
    result.unexpected_notifications = sorted(present - expected)


def verify(accepted, stored, posts, thread_levels, category_levels, found) -> Result:
    result = Result()
    check_posts(accepted, stored, result)
    replies = {post.pk for post in stored}
    check_notifications(
        expected_notifications(posts, thread_levels, category_levels, replies), found, result
    )
    return result


def collect(run: str, thread_pks: list[int], thread_levels, category_levels, accepted) -> Result:
    """Read the run's posts and notifications from the database and verify them."""
    from django.contrib.contenttypes.models import ContentType

    from forum.models import Post
    from notifications.models import Notification

    token = re.compile(re.escape(run) + r"-[0-9a-f]{32}")
    posts, stored = [], []
    rows = Post.objects.filter(thread_id__in=thread_pks).values_list(
        "pk", "thread_id", "author_id", "position", "reply_to__author_id", "body"
    )
    for pk, thread, author, position, answered, body in rows:
        found = token.search(body)
        post = StoredPost(pk, thread, author, position, answered, found and found.group(0))
        posts.append(post)
        if post.token:
            stored.append(post)
    found = list(
        Notification.objects.filter(
            target_type=ContentType.objects.get_for_model(Post),
            target_id__in=[post.pk for post in stored],
        ).values_list("target_id", "recipient_id", "kind")
    )
    return verify(accepted, stored, posts, thread_levels, category_levels, found)
