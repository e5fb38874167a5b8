"""Shared helpers for benchmarks: timing, query counting, the printed table and the JSON file.

Each area module (``bench/<area>.py``) defines ``run(args) -> list[dict]`` returning rows of
``{"name", "n", "p50_ms", "p95_ms", "p99_ms", "queries"}``. ``bench/run.py`` prints them as a table
and writes ``var/bench/<area>.json`` so results can be compared across commits.
"""

import contextlib
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "var" / "bench"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import gc

    import django

    django.setup()
    from django.conf import settings

    # Timed as production runs: no query log kept, templates not in debug mode (the settings
    # file itself is read in its development mode, which needs no secrets).
    settings.DEBUG = False
    warnings.filterwarnings("ignore", message="No directory at")  # static files: not served here
    gc.freeze()  # as the ASGI entry point does once the site is loaded (config/asgi.py)


def use_bench_database(name: str) -> None:
    """Point the default connection at the benchmark's own database ``bench_<name>`` on
    PostgreSQL (created if missing), ``var/bench/<name>.sqlite3`` otherwise: never demo data."""
    from django.db import connections

    connection = connections["default"]
    if connection.vendor == "postgresql":
        database = f"bench_{name}"
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{database}"')
    else:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        database = str(OUT_DIR / f"{name}.sqlite3")
    connection.close()
    connection.settings_dict["NAME"] = database


def test_client_environment() -> None:
    """Let the test client talk to the site (``testserver`` allowed), once per process."""
    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):  # an earlier area already did
        setup_test_environment()


def percentile(samples: list[float], pct: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def row(name: str, samples_ms: list[float], queries: int | None = None, **extra) -> dict:
    return {
        "name": name,
        "n": len(samples_ms),
        "p50_ms": round(statistics.median(samples_ms), 2) if samples_ms else None,
        "p95_ms": round(percentile(samples_ms, 95), 2),
        "p99_ms": round(percentile(samples_ms, 99), 2),
        "queries": queries,
        **extra,
    }


def measure(fn, *, repeat: int = 30, warmup: int = 3) -> tuple[list[float], int]:
    """Time ``fn`` ``repeat`` times after ``warmup``; return samples (ms) and queries per call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        fn()
    samples = []
    connection.queries_log.clear()  # a full log would make the capture below count nothing
    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, queries


def print_table(area: str, rows: list[dict]) -> None:
    print(f"\n## {area}")
    header = f"{'name':<48} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for r in rows:
        q = "" if r.get("queries") is None else str(r["queries"])
        p50, p95, p99 = r["p50_ms"], r["p95_ms"], r["p99_ms"]
        print(f"{r['name'][:48]:<48} {r['n']:>6} {p50:>9} {p95:>9} {p99:>9} {q:>8}")
        if r.get("note"):
            print(f"    {r['note']}")


def write_json(area: str, rows: list[dict]) -> Path:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{area}.json"
    path.write_text(json.dumps(rows, indent=2))
    return path
