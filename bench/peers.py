"""Peer comparison: our thread page beside the topic page of Spirit, a well-known Django forum,
on the same 1,000-post thread, timed in one interleaved run.

Spirit (``django-spirit`` from PyPI) is installed into its own virtual environment under
``var/peers/`` on first use; nothing of it is committed or imported here. Each site runs in its
own process (``bench/peer_timer.py``, the same timing code for both: Django's test client, signed
in, DEBUG off) and the two are asked for pages in turn, so a busy moment of the machine falls on
both. Both use the same database server (``DATABASE_URL``: PostgreSQL ``bench_forum`` /
``bench_peers_spirit``; otherwise SQLite files under ``var/bench/``) and the same page size.

Rows: ``ours: thread page 1``, ``spirit: thread page 1``, and the same for the last page; each
``ours:`` row carries ``ratio_to_spirit`` (our p50 over theirs).
"""

import json
import math
import os
import subprocess
import sys
import venv
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.management import call_command
from django.db import connections
from django.urls import reverse

from bench import forum as forum_bench
from bench.common import OUT_DIR, ROOT, row, use_bench_database
from forum.views.common import POSTS_PER_PAGE

SPIRIT = "django-spirit==0.14.3"
PEERS_DIR = ROOT / "var" / "peers"
SPIRIT_VENV = PEERS_DIR / "spirit-venv"
BENCH_DIR = Path(__file__).resolve().parent
REPEAT = {False: 40, True: 10}


def database_url(name: str) -> str:
    """The URL of benchmark database ``name`` on the server ``DATABASE_URL`` names."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path=f"/{name}"))
    return f"sqlite:///{OUT_DIR / f'{name}.sqlite3'}"


def spirit_python() -> Path:
    python = SPIRIT_VENV / "bin" / "python"
    if not python.exists():
        print(f"Installing {SPIRIT} into {SPIRIT_VENV} (once) ...", flush=True)
        venv.create(SPIRIT_VENV, with_pip=True)
        import django

        subprocess.run(
            [python, "-m", "pip", "install", "--quiet", SPIRIT,
             f"Django=={django.get_version()}", "psycopg[binary]"],
            check=True,
        )  # fmt: skip
    return python


def create_postgres_database(name: str) -> None:
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')


class Timer:
    """One site's timing process (``bench/peer_timer.py``)."""

    def __init__(self, python, settings_module: str, user_pk: int, env: dict):
        self.process = subprocess.Popen(
            [python, BENCH_DIR / "peer_timer.py", settings_module, str(user_pk)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
        )
        ready = self.process.stdout.readline().strip()
        if ready != "READY":
            raise RuntimeError(f"{settings_module} timer did not start: {ready!r}")

    def get(self, path: str) -> tuple[float, int]:
        self.process.stdin.write(f"GET {path}\n")
        self.process.stdin.flush()
        elapsed, queries, status = self.process.stdout.readline().split()
        if status != "200":
            raise RuntimeError(f"{path} answered {status}")
        return float(elapsed), int(queries)

    def close(self) -> None:
        self.process.stdin.write("QUIT\n")
        self.process.stdin.close()
        self.process.wait(timeout=30)


def run(args) -> list[dict]:
    quick = bool(getattr(args, "quick", False))
    size = forum_bench.SIZES[quick]
    ours_db = "forum_quick" if quick else "forum"
    use_bench_database(ours_db)
    call_command("migrate", verbosity=0)
    reader, big = forum_bench.ensure_data(size)
    bodies = list(big.posts.order_by("pk").values_list("body", flat=True))
    per_page = POSTS_PER_PAGE
    last_page = max(1, math.ceil(len(bodies) / per_page))

    PEERS_DIR.mkdir(parents=True, exist_ok=True)
    bodies_file = PEERS_DIR / f"bodies-{len(bodies)}.json"
    bodies_file.write_text(json.dumps(bodies))
    spirit_db = f"peers_spirit_{len(bodies)}"
    create_postgres_database(f"bench_{spirit_db}")
    spirit_env = {
        "SPIRIT_DATABASE_URL": database_url(f"bench_{spirit_db}")
        if connections["default"].vendor == "postgresql"
        else database_url(spirit_db),
        "SPIRIT_INDEX": str(PEERS_DIR / "spirit-index"),
        "PYTHONPATH": str(BENCH_DIR),
    }
    python = spirit_python()
    seeded = subprocess.run(
        [python, BENCH_DIR / "peer_spirit.py", "seed", bodies_file, str(per_page)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **spirit_env, "DJANGO_SETTINGS_MODULE": "peer_spirit"},
    ).stdout.split()
    spirit_user, topic_path = int(seeded[0]), seeded[1]

    ours_url = (
        database_url(f"bench_{ours_db}")
        if connections["default"].vendor == "postgresql"
        else database_url(ours_db)
    )
    thread_url = reverse("forum:thread", args=[big.pk])
    cases = [
        ("thread page 1", thread_url, topic_path),
        ("thread last page", f"{thread_url}?page=last", f"{topic_path}?page={last_page}"),
    ]
    timers = {
        "ours": Timer(
            sys.executable,
            "config.settings",
            reader.pk,
            {"DATABASE_URL": ours_url, "PYTHONPATH": str(ROOT)},
        ),
        "spirit": Timer(python, "peer_spirit", spirit_user, spirit_env),
    }
    rows = []
    try:
        for name, our_path, their_path in cases:
            paths = {"ours": our_path, "spirit": their_path}
            samples = {side: [] for side in timers}
            queries = {}
            for i in range(REPEAT[quick] + 3):
                order = ("ours", "spirit") if i % 2 == 0 else ("spirit", "ours")
                for side in order:
                    elapsed, queries[side] = timers[side].get(paths[side])
                    if i >= 3:  # the first three warm both up
                        samples[side].append(elapsed)
            db = connections["default"].vendor
            theirs = row(f"spirit: {name}", samples["spirit"], queries["spirit"], db=db)
            ours = row(f"ours: {name}", samples["ours"], queries["ours"], db=db)
            ours["ratio_to_spirit"] = round(ours["p50_ms"] / theirs["p50_ms"], 2)
            ours["note"] = (
                f"p50 ours/spirit = {ours['ratio_to_spirit']} "
                f"({len(bodies)} posts, {per_page} a page)"
            )
            rows += [ours, theirs]
    finally:
        for timer in timers.values():
            timer.close()
    return rows
