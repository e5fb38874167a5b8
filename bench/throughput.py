"""Requests per second of the public home through the production server shape, as a share of a
static file's through the same server in the same run.

``bin/web`` (uvicorn, ``WEB_WORKERS=2``, production settings: DEBUG off, WhiteNoise serving the
collected static files) is started on a free port over the area's benchmark database; clients in
two processes, four keep-alive connections each, ask for one path as fast as it answers for a
fixed time, first the home (kept in the cache after the first visit, as a visitor finds it),
then the site's stylesheet. The ratio is the home's requests per second over the stylesheet's
(the issue's target: at least 0.5). Both numbers share the machine with the clients, so read the
ratio, not the absolute rates, on a shared or small machine.
"""

import http.client
import multiprocessing
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.common import OUT_DIR, ROOT, row

WORKERS = 2
CLIENT_PROCESSES = 2
CONNECTIONS_PER_PROCESS = 4
SECONDS = {False: 10.0, True: 3.0}
WARMUP_REQUESTS = 40


def database_url() -> str:
    """The URL of the database the benchmark process is using now (its own ``bench_`` one)."""
    from django.db import connections

    settings = connections["default"].settings_dict
    if connections["default"].vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + settings["NAME"]))


def server_env(port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("TASK_BACKEND", None)
    env.update(
        PYTHON=sys.executable,
        DEBUG="0",
        SECRET_KEY="bench-throughput-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",  # no TLS proxy in front of a benchmark server
        DATABASE_URL=database_url(),
        VAR_DIR=str(OUT_DIR / "throughput"),
        STATIC_ROOT=str(OUT_DIR / "throughput" / "static"),
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_WORKERS=str(WORKERS),
    )
    return env


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def get_with_cookie(port: int, path: str, cookie: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def start_server(port: int, log: Path, env: dict | None = None) -> subprocess.Popen:
    env = env or server_env(port)
    Path(env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(ROOT / "bin" / "web")], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"bin/web stopped:\n{log.read_text()[-3000:]}")
        try:
            if get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"bin/web did not answer /healthz in time:\n{log.read_text()[-3000:]}")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _client_process(port: int, path: str, seconds: float, start_at: float, results) -> None:
    """One client process: keep-alive connections in threads, each asking until the end."""
    counts, latencies, errors = [0] * CONNECTIONS_PER_PROCESS, [], []
    stop_at = start_at + seconds

    def loop(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.time() < start_at:
            time.sleep(0.001)
        try:
            while time.time() < stop_at:
                began = time.perf_counter()
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(response.status)
                    return
                mine.append((time.perf_counter() - began) * 1000)
                counts[index] += 1
        except (OSError, http.client.HTTPException) as error:
            errors.append(repr(error))
        finally:
            connection.close()
            latencies.extend(mine[::10])  # a sample is enough for the percentiles

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(CONNECTIONS_PER_PROCESS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((sum(counts), latencies, errors))


def load(port: int, path: str, seconds: float) -> tuple[float, int, list[float]]:
    """Requests per second for ``path``, the number of requests, sampled latencies (ms)."""
    for _ in range(WARMUP_REQUESTS):  # every worker computes and keeps what it serves
        status, _body = get(port, path)
        assert status == 200, (path, status)
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    start_at = time.time() + 0.5
    processes = [
        context.Process(target=_client_process, args=(port, path, seconds, start_at, results))
        for _ in range(CLIENT_PROCESSES)
    ]
    for process in processes:
        process.start()
    collected = [results.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    errors = [error for _count, _lat, errs in collected for error in errs]
    if errors:
        raise RuntimeError(f"{path}: {errors[:5]}")
    total = sum(count for count, _lat, _errs in collected)
    latencies = [ms for _count, lat, _errs in collected for ms in lat]
    return total / seconds, total, latencies


def run(args) -> list[dict]:
    quick = bool(getattr(args, "quick", False))
    seconds = SECONDS[quick]
    port = free_port()
    log = OUT_DIR / "throughput" / "web.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = start_server(port, log)
    try:
        status, home = get(port, "/")
        assert status == 200, status
        found = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', home)
        assert found, "the home links the collected, hashed stylesheet"
        stylesheet = found.group(1).decode()
        home_rps, home_n, home_ms = load(port, "/", seconds)
        static_rps, static_n, static_ms = load(port, stylesheet, seconds)
    finally:
        stop_server(server)
    shape = {
        "server": f"bin/web (uvicorn, {WORKERS} workers)",
        "clients": CLIENT_PROCESSES * CONNECTIONS_PER_PROCESS,
        "seconds": seconds,
    }
    ratio = round(home_rps / static_rps, 3) if static_rps else None
    return [
        row(
            "public: home through bin/web, 2 workers (req/s)",
            home_ms,
            None,
            requests=home_n,
            requests_per_second=round(home_rps, 1),
            note=f"{home_rps:.0f} requests/s",
            **shape,
        ),
        row(
            "public: a static file through bin/web (req/s)",
            static_ms,
            None,
            path=stylesheet,
            requests=static_n,
            requests_per_second=round(static_rps, 1),
            note=f"{static_rps:.0f} requests/s",
            **shape,
        ),
        {
            "name": "public: home / static file throughput",
            "n": home_n + static_n,
            "p50_ms": "",
            "p95_ms": "",
            "p99_ms": "",
            "queries": None,
            "ratio": ratio,
            "target": 0.5,
            "note": f"ratio {ratio} (target: at least 0.5), same server, same run",
            **shape,
        },
    ]
