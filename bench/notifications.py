"""Live delivery under load: 1,000 WebSocket clients on loopback against several uvicorn workers
sharing the Redis channel layer; latency from commit to receipt.

(a) one-recipient notifications at a steady rate; (b) one announcement to all clients.
Targets (issue 5): (a) p99 < 50 ms; (b) every client receives it, p99 < 1 s.

It needs REDIS_URL. Its data lives in its own database: ``bench_notifications`` on the
PostgreSQL server of DATABASE_URL when that is PostgreSQL, else a throw-away SQLite file; the
developer's database is never touched. The load runs in a child process so that it can use that
database from the start (``python -m bench.notifications --driver`` is that child).
"""

import argparse
import asyncio
import json
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "bench_notifications"


def run(args) -> list[dict]:
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        return [_skipped("REDIS_URL is not set: the benchmark needs the Redis channel layer")]
    with tempfile.TemporaryDirectory(prefix="bench-notifications-") as tmp:
        env = {
            **os.environ,
            "REDIS_URL": _with_read_timeout(redis_url),
            "DEBUG": "1",
            "SECRET_KEY": "bench-only-" + "z" * 40,
            "VAR_DIR": tmp,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": _bench_database_url(tmp),
            "CHANNEL_PREFIX": f"bench{uuid.uuid4().hex[:8]}",
            "CACHE_PREFIX": f"bench{uuid.uuid4().hex[:8]}",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        out = Path(tmp) / "rows.json"
        command = [sys.executable, "-m", "bench.notifications", "--driver", "--out", str(out)]
        if args.quick:
            command.append("--quick")
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        return json.loads(out.read_text())


def _with_read_timeout(url: str) -> str:
    """redis-py 8 defaults to a 5 s read timeout, the same as channels_redis's blocking pop, so
    idle consumers crash unless the timeout is longer (reported to the lead for settings)."""
    if "socket_timeout" in url:
        return url
    return url + ("&" if "?" in url else "?") + "socket_timeout=15"


def _skipped(note: str) -> dict:
    return {
        "name": "live delivery (skipped)",
        "n": 0,
        "p50_ms": None,
        "p95_ms": None,
        "p99_ms": None,
        "queries": None,
        "note": note,
    }


def _bench_database_url(tmp: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp}/bench.sqlite3"
    parts = urlsplit(url)
    import psycopg

    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


# --- the child process --------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _raise_file_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))


def _people(count: int) -> list[tuple[int, str]]:
    """``count`` members with a signed-in session each: [(user id, session key)]."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from accounts.models import User

    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            email=f"bench{i}@bench.example",
            display_name=f"Bench Member {i}",
            status=User.Status.MEMBER,
            member_since=now,
            password="!unusable",  # noqa: S106 - no password: sessions are made directly
        )
        for i in range(count)
    )
    people = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        people.append((user.pk, session.session_key))
    return people


def _start_servers(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
            "--ws-max-size",
            "4096",
        ],
        cwd=ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    _stop(server)
    raise RuntimeError("uvicorn did not start")


def _stop(server: subprocess.Popen) -> None:
    """Stop uvicorn and its workers (their own process group, started by us)."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


class Clients:
    """Many sockets in one event loop; each receipt is stamped with ``perf_counter``."""

    def __init__(self, port: int):
        self.url = f"ws://127.0.0.1:{port}/ws/notifications/"
        self.origin = f"http://127.0.0.1:{port}"
        self.received: dict[int, dict[int, float]] = {}  # notification id -> user id -> time
        self.sockets = []

    async def connect_all(self, people, batch: int = 50) -> None:
        for start in range(0, len(people), batch):
            await asyncio.gather(*(self._connect(*p) for p in people[start : start + batch]))

    async def _connect(self, user_id: int, session_key: str) -> None:
        from websockets.asyncio.client import connect

        ws = await connect(
            self.url,
            origin=self.origin,
            additional_headers={"Cookie": f"sessionid={session_key}"},
            open_timeout=30,
            ping_interval=None,
        )
        await ws.send(json.dumps({"type": "hello", "last_id": 0}))
        assert json.loads(await ws.recv())["type"] == "sync"
        self.sockets.append(ws)
        asyncio.get_running_loop().create_task(self._listen(user_id, ws))

    async def _listen(self, user_id: int, ws) -> None:
        async for frame in ws:
            now = time.perf_counter()
            message = json.loads(frame)
            if message.get("type") == "notification":
                self.received.setdefault(message["item"]["id"], {})[user_id] = now

    async def close(self) -> None:
        await asyncio.gather(*(ws.close() for ws in self.sockets), return_exceptions=True)


def _notify_and_stamp(user_ids, summary: str) -> tuple[list[int], float]:
    """notify() in its own transaction; the stamp is taken by the first on-commit callback,
    i.e. right after COMMIT and before the push."""
    from django.db import transaction

    from accounts.models import User
    from notifications.actions import notify

    stamp = {}
    with transaction.atomic():
        transaction.on_commit(lambda: stamp.setdefault("t", time.perf_counter()))
        people = list(User.objects.filter(pk__in=user_ids))
        created = notify(people, "initiative_status", summary=summary)
    return [n.pk for n in created], stamp["t"]


async def _wait_for(clients: Clients, ids, expected: int, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if sum(len(clients.received.get(i, {})) for i in ids) >= expected:
            return
        await asyncio.sleep(0.01)


async def _load(people, port: int, steady: int, rate: float) -> list[dict]:
    from bench.common import row

    clients = Clients(port)
    await clients.connect_all(people)
    user_ids = [user_id for user_id, _key in people]

    # (a) one recipient each, at a steady rate.
    random.seed(5)
    sent: dict[int, float] = {}
    interval = 1 / rate
    next_at = time.perf_counter()
    for i in range(steady):
        (notification_id,), committed = await asyncio.to_thread(
            _notify_and_stamp, [random.choice(user_ids)], f"Steady {i}"
        )
        sent[notification_id] = committed
        next_at += interval
        await asyncio.sleep(max(0, next_at - time.perf_counter()))
    await _wait_for(clients, sent, len(sent), timeout=5)
    steady_ms = [
        (arrived - sent[nid]) * 1000
        for nid in sent
        for arrived in clients.received.get(nid, {}).values()
    ]

    # (b) one announcement to everyone.
    ids, committed = await asyncio.to_thread(_notify_and_stamp, user_ids, "Announcement")
    await _wait_for(clients, ids, len(user_ids), timeout=10)
    fanout_ms = [
        (arrived - committed) * 1000
        for nid in ids
        for arrived in clients.received.get(nid, {}).values()
    ]
    await clients.close()
    return [
        row(
            f"(a) one recipient, {rate:g}/s, {len(people)} clients",
            steady_ms,
            note=f"delivered {len(steady_ms)}/{steady}; target p99 < 50 ms",
        ),
        row(
            f"(b) announcement to all {len(people)} clients",
            fanout_ms,
            note=f"delivered {len(fanout_ms)}/{len(user_ids)}; target all, p99 < 1000 ms",
        ),
    ]


def _driver(quick: bool, out: Path) -> None:
    clients, workers = (200, 2) if quick else (1000, 4)
    steady, rate = (100, 50.0) if quick else (500, 50.0)
    _raise_file_limit(clients * 2 + 256)
    sys.path.insert(0, str(ROOT))
    from bench.common import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    people = _people(clients)
    port = _free_port()
    server = _start_servers(port, workers)
    try:
        rows = asyncio.run(_load(people, port, steady, rate))
    finally:
        _stop(server)
    out.write_text(json.dumps(rows))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--driver", action="store_true", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    options = parser.parse_args()
    _driver(options.quick, options.out)
