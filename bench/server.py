"""Server throughput: requests per second and latency percentiles of a thread page, a directory
search and a static file through the production shape (``make bench BENCH_ARGS=server``).

``bin/web`` (uvicorn, ``SERVER_WORKERS`` workers, 2 by default; production settings: DEBUG off,
WhiteNoise for the collected static files) runs over the area's own database (``bench_server``
on PostgreSQL when ``DATABASE_URL`` points there, else ``var/bench/server.sqlite3``; Redis when
``REDIS_URL`` is set, else the embedded in-memory cache), seeded with the forum benchmark's
1,000-post thread and a few thousand directory profiles. locust, headless, is a separate process
on loopback with ``SERVER_CONNECTIONS`` (16) simulated connections, signed in as a member, each
asking again as soon as it has its answer, for ``SERVER_SECONDS`` (20; 5 with ``--quick``) per
path: page 1 of the thread, a directory search with a filter, the site's stylesheet.

``SERVER_BASE=<rev>`` also runs the same load against that commit's code (exported under
``var/compare/``, as ``make compare`` does, and served from this checkout's environment over
the same database), alternating base and now per path, and adds the ratio now/base of the
requests per second. Rows ``server: <page>`` (and ``server base: <page>``) go to
``var/bench/server.json`` with ``requests_per_second``; on a shared machine read the ratios
(same run), not the absolute rates: locust and the database share its cores with the server.
"""

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.management import call_command
from django.urls import reverse

from bench import forum as forum_bench
from bench import throughput
from bench.common import OUT_DIR, ROOT, row, use_bench_database
from bench.directory import prepare

HERE = Path(__file__).resolve().parent
SERVER_DIR = OUT_DIR / "server"
SECRET_KEY = "bench-server-" + "y" * 50
PROFILES = {False: 5000, True: 1000}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def member_cookie(user) -> str:
    """A session cookie for ``user`` that the benchmark server (its own SECRET_KEY) accepts."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test.utils import override_settings

    with override_settings(SECRET_KEY=SECRET_KEY):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


# The earlier commit's schema may differ from this checkout's: it seeds its own database
# (``server_base``) with its own benchmark code and signs a member in there.
def seed_base(tree: Path, quick: bool) -> dict:
    """Seed ``tree``'s own database (``server_base``) by its own code; its database URL, the
    big thread's pk and a member's cookie."""
    script = f"""
import json, sys
sys.path.insert(0, ".")
from bench.common import setup_django, use_bench_database
setup_django()
from django.core.management import call_command
from django.db import connection
use_bench_database("server_base" + ("_quick" if {quick!r} else ""))
call_command("migrate", verbosity=0)
from bench import forum
from bench.directory import prepare
reader, big = forum.ensure_data(forum.SIZES[{quick!r}])
prepare({PROFILES[quick]!r})
from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.backends.db import SessionStore
from django.test.utils import override_settings
with override_settings(SECRET_KEY={SECRET_KEY!r}):
    session = SessionStore()
    session[auth.SESSION_KEY] = str(reader.pk)
    session[auth.BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[auth.HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.save()
cookie = settings.SESSION_COOKIE_NAME + "=" + session.session_key
print(json.dumps({{"name": connection.settings_dict["NAME"], "vendor": connection.vendor,
                  "thread": big.pk, "cookie": cookie}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tree, check=True, capture_output=True, text=True
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if found["vendor"] == "postgresql":
        parts = urlsplit(os.environ["DATABASE_URL"])
        found["url"] = urlunsplit(parts._replace(path="/" + found["name"]))
    else:
        found["url"] = f"sqlite:///{found['name']}"
    return found


def start(tree: Path, port: int, log: Path, database_url: str = ""):
    env = throughput.server_env(port)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(
        SECRET_KEY=SECRET_KEY,
        WEB_WORKERS=str(env_int("SERVER_WORKERS", 2)),
        VAR_DIR=str(SERVER_DIR / tree.name),
        STATIC_ROOT=str(SERVER_DIR / tree.name / "static"),
        PYTHONPATH=str(tree),
        # Each side's own keys in a shared Redis: kept pages, fragments and counts never cross.
        CACHE_PREFIX=f"bench-server-{tree.name}",
        CHANNEL_PREFIX=f"bench-server-{tree.name}",
    )
    Path(env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=tree, env=env, check=True,
    )  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(
            ["sh", str(tree / "bin" / "web")], cwd=tree, env=env, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"bin/web stopped:\n{log.read_text()[-3000:]}")
        try:
            if throughput.get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    throughput.stop_server(server)
    raise RuntimeError(f"bin/web did not answer /healthz in time:\n{log.read_text()[-3000:]}")


def locust(port: int, path: str, cookie: str, seconds: int, label: str) -> dict:
    """One bounded locust run against ``path``: its stats row (requests/s and percentiles)."""
    prefix = SERVER_DIR / f"locust-{label}"
    connections = env_int("SERVER_CONNECTIONS", 16)
    command = [
        sys.executable, "-m", "locust", "-f", str(HERE / "server_locust.py"), "--headless",
        "--users", str(connections), "--spawn-rate", str(connections),
        "--run-time", f"{seconds}s", "--stop-timeout", "10", "--host", f"http://127.0.0.1:{port}",
        "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR",
    ]  # fmt: skip
    env = {**os.environ, "SERVER_BENCH_PATH": path, "SERVER_BENCH_COOKIE": cookie}
    with (SERVER_DIR / "locust.log").open("a") as log:
        subprocess.run(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 90
        )
    with open(f"{prefix}_stats.csv") as stats:
        found = next(r for r in csv.DictReader(stats) if r["Name"] == path)
    return {**found, "connections": connections, "seconds": seconds}


def as_row(name: str, stats: dict, **extra) -> dict:
    requests, failures = int(stats["Request Count"]), int(stats["Failure Count"])
    result = row(name, [], None, **extra)
    result.update(
        n=requests,
        p50_ms=float(stats["50%"]),
        p95_ms=float(stats["95%"]),
        p99_ms=float(stats["99%"]),
        requests_per_second=round(float(stats["Requests/s"]), 1),
        failures=failures,
        connections=stats["connections"],
        seconds=stats["seconds"],
        note=f"{float(stats['Requests/s']):.1f} requests/s, {failures} failed",
    )
    return result


def run(args) -> list[dict]:
    from bench.compare import export

    quick = bool(getattr(args, "quick", False))
    seconds = env_int("SERVER_SECONDS", 5 if quick else 20)
    use_bench_database("server_quick" if quick else "server")
    call_command("migrate", verbosity=0)
    reader, big = forum_bench.ensure_data(forum_bench.SIZES[quick])
    prepare(PROFILES[quick])
    SERVER_DIR.mkdir(parents=True, exist_ok=True)
    (SERVER_DIR / "locust.log").write_text("")
    trees = {"now": ROOT}
    sides = {"now": {"thread": big.pk, "cookie": member_cookie(reader), "url": ""}}
    if os.environ.get("SERVER_BASE"):
        trees["base"] = export(os.environ["SERVER_BASE"])
        sides["base"] = seed_base(trees["base"], quick)
    ports = {side: throughput.free_port() for side in trees}
    servers = {side: None for side in trees}
    stats: dict[str, dict[str, dict]] = {side: {} for side in trees}
    names = ["thread page 1 (1,000 posts)", "directory search", "static file"]
    try:
        paths = {}
        for side, tree in trees.items():
            log = SERVER_DIR / f"web-{side}.log"
            servers[side] = start(tree, ports[side], log, sides[side]["url"])
            _status, body = throughput.get(ports[side], "/")
            sheet = throughput.re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', body)
            paths[side] = [
                reverse("forum:thread", args=[sides[side]["thread"]]),
                reverse("directory:index") + "?q=remittances&region=014",
                sheet.group(1).decode() if sheet else "/static/css/site.css",
            ]
        for index, name in enumerate(names):
            order = list(trees) if index % 2 == 0 else list(reversed(trees))
            for side in order:
                path, cookie = paths[side][index], sides[side]["cookie"]
                for _ in range(20):  # warm: every worker compiles and caches what it serves
                    status, _body = throughput.get_with_cookie(ports[side], path, cookie)
                    if status != 200:
                        raise RuntimeError(f"{side}: {path} answered {status}")
                stats[side][name] = locust(ports[side], path, cookie, seconds, f"{side}-{index}")
    finally:
        for server in servers.values():
            if server is not None:
                throughput.stop_server(server)
    db = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    shape = {"server": "bin/web (uvicorn)", "workers": env_int("SERVER_WORKERS", 2), "db": db}
    rows = []
    for name in names:
        now = as_row(f"server: {name}", stats["now"][name], **shape)
        rows.append(now)
        if "base" in stats:
            base = as_row(f"server base: {name}", stats["base"][name], **shape)
            base["commit"] = trees["base"].name
            ratio = now["requests_per_second"] / (base["requests_per_second"] or 1)
            now["ratio_to_base"] = round(ratio, 2)
            now["note"] += f"; now/base requests/s = {ratio:.2f}"
            rows.append(base)
    return rows
