"""Bulk data for load tests and benchmarks: ``seed_forum --threads N --posts-per-thread M``.

Writes with ``bulk_create`` in batches (no notifications, no rate limits); every post gets its
rendered HTML, its first revision, a place in the reply tree and, on PostgreSQL, a search vector.
"""

import random
import sys

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from core.db import is_postgres
from core.markup import render_markdown
from forum import search
from forum.models import MAX_DEPTH, Category, Post, Revision, Thread

WORDS = [
    "migration",
    "remittances",
    "displacement",
    "climate",
    "mobility",
    "labour",
    "diaspora",
    "integration",
    "asylum",
    "survey",
    "data",
    "policy",
    "households",
    "border",
    "cities",
    "return",
    "health",
    "education",
    "resilience",
    "drought",
    "flood",
    "seasonal",
    "circular",
    "governance",
    "rights",
    "inclusion",
    "networks",
    "transfers",
    "adaptation",
]
BATCH = 2000


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class Command(BaseCommand):
    help = "Create many threads and posts quickly (for benchmarks and load tests)."

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=100)
        parser.add_argument("--posts-per-thread", type=int, default=20)
        parser.add_argument("--category", default="seed", help="slug of the category to fill")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, threads, posts_per_thread, category, seed, **options):
        rng = random.Random(seed)
        authors = list(User.objects.members()[:50])
        if not authors:
            self.stderr.write("No members to write as: run load_demo first.")
            sys.exit(1)
        target, _created = Category.objects.get_or_create(
            slug=category, defaults={"name": category.replace("-", " ").title(), "order": 99}
        )
        total = threads * posts_per_thread
        done = 0
        for start in range(0, threads, max(1, BATCH // max(posts_per_thread, 1))):
            count = min(threads - start, max(1, BATCH // max(posts_per_thread, 1)))
            with transaction.atomic():
                done += self._batch(rng, authors, target, count, posts_per_thread)
            self._progress(done, total)
        self.stdout.write("")
        if is_postgres():  # fresh statistics, or the planner guesses badly
            with connection.cursor() as cursor:
                for table in ("forum_thread", "forum_post", "forum_revision"):
                    cursor.execute(f"ANALYZE {table}")
        self.stdout.write(self.style.SUCCESS(f"Created {threads} threads, {done} posts."))

    def _batch(self, rng, authors, category, threads, per_thread) -> int:
        now = timezone.now()
        created = Thread.objects.bulk_create(
            [
                Thread(
                    category=category,
                    title=sentence(rng, 6)[:-1],
                    author=rng.choice(authors),
                    last_position=per_thread,
                    last_activity=now,
                )
                for _ in range(threads)
            ]
        )
        posts, answered = [], []
        for thread in created:
            tree = []  # (path, depth) by position
            for position in range(1, per_thread + 1):
                segment = Post.path_segment(position)
                parent = None
                if position > 1 and rng.random() < 0.4:
                    parent = rng.randrange(1, position)
                if parent is None:
                    path, depth = segment, 0
                else:
                    parent_path, parent_depth = tree[parent - 1]
                    if parent_depth < MAX_DEPTH:
                        path, depth = f"{parent_path}.{segment}", parent_depth + 1
                    else:
                        path, depth = f"{parent_path.rpartition('.')[0]}.{segment}", MAX_DEPTH
                tree.append((path, depth))
                answered.append(parent)
                body = "\n\n".join(sentence(rng, rng.randint(8, 30)) for _ in range(2))
                posts.append(
                    Post(
                        thread=thread,
                        author=rng.choice(authors),
                        position=position,
                        path=path,
                        depth=depth,
                        body=body,
                        body_html=render_markdown(body),
                    )
                )
        Post.objects.bulk_create(posts, batch_size=500)
        by_position = {(p.thread_id, p.position): p for p in posts}
        # Link replies to the post they answer (ids exist only now).
        replies = []
        for post, parent in zip(posts, answered, strict=True):
            if parent is not None:
                post.reply_to = by_position[(post.thread_id, parent)]
                replies.append(post)
        Post.objects.bulk_update(replies, ["reply_to"], batch_size=500)
        Revision.objects.bulk_create(
            [Revision(post=p, version=1, body=p.body, editor_id=p.author_id) for p in posts],
            batch_size=500,
        )
        search.update_vectors(thread_ids=[t.pk for t in created])
        return len(posts)

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stdout.flush()
