"""``make load``: simulated members against the production shape on loopback, then a check that
nothing they were told was accepted is lost or doubled.

1. Seeds its own database (``bench_load_<name>`` on PostgreSQL when ``DATABASE_URL`` points at
   database ``<name>``, ``var/bench/load.sqlite3`` otherwise): the demo network, one account per
   simulated member, new threads for the run (``bench/load/seed.py``).
2. Starts ``bin/web`` (uvicorn, 2 workers, DEBUG off) on a free loopback port and, on PostgreSQL,
   ``bin/worker`` with the database task queue, as docker-compose runs them; Redis when
   ``REDIS_URL`` is set (keys under the prefix ``load``), else the embedded default (in-memory
   cache, tasks at once).
3. Runs locust headless (``bench/load/locustfile.py``) with ``--users`` members for
   ``--seconds``: they sign in, browse, search, reply, react and read notifications.
4. Verifies (``bench/load/verify.py``), prints requests per second, p50/p95/p99 per request
   kind, the 5xx count and the CPU time of the server processes per request, and writes
   ``var/bench/load.json``. Exits 1 when the verification fails, 2 on any 5xx; never on latency.

``--find-max`` steps the number of members up (doubling from ``--users``, then halving the gap)
against the same servers, each step with new threads, and reports the largest number whose p95
over all requests stays under 500 ms.
"""

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import OUT_DIR, ROOT, percentile, print_table, row, write_json

P95_TARGET_MS = 500.0
WARMUP_REQUESTS = 10
HERE = Path(__file__).resolve().parent
SERVER_DIR = OUT_DIR / "load-server"
# The simulated members write faster than the per-member limits allow one person (60 replies an
# hour): raised for the server, or the run would measure 429 pages. Every other limit stays.
RAISED_LIMITS = {
    "RATE_LIMIT_REPLY": "1000000/h",
    "RATE_LIMIT_REACTION": "1000000/h",
    "RATE_LIMIT_NOTIFICATIONS_WRITE": "1000000/h",
}
QUIET = {
    "CACHE_PREFIX": "load",
    "CHANNEL_PREFIX": "load",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    env = os.environ.get
    parser.add_argument("--users", type=int, default=int(env("LOAD_USERS", "5")))
    parser.add_argument("--seconds", type=float, default=float(env("LOAD_SECONDS", "30")))
    parser.add_argument("--spawn-rate", type=float, default=float(env("LOAD_SPAWN_RATE", "0")))
    parser.add_argument("--find-max", action="store_true", default=env("LOAD_FIND_MAX") == "1")
    parser.add_argument("--max-users", type=int, default=int(env("LOAD_MAX_USERS", "320")))
    parser.add_argument("--no-demo", action="store_true", default=env("LOAD_DEMO") == "0")
    args = parser.parse_args(argv)
    if not (1 <= args.users <= 2000 and 1 <= args.seconds <= 3600):
        parser.error("--users must be 1..2000 and --seconds 1..3600")
    return args


# --- CPU of the server processes, from /proc ------------------------------------------------


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds of the process and of its children it has reaped)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rpartition(")")[2].split()
    # After the name: state ppid ... utime(12) stime(13) cutime(14) cstime(15), 0-based here.
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))
    return int(fields[1]), ticks / os.sysconf("SC_CLK_TCK")


def process_table() -> dict[int, tuple[int, float]]:
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            table[int(entry.name)] = stat
    return table


def descendants(roots: list[int], table: dict) -> set[int]:
    wanted, frontier = set(), [r for r in roots if r in table]
    while frontier:
        pid = frontier.pop()
        wanted.add(pid)
        frontier.extend(p for p, (ppid, _cpu) in table.items() if ppid == pid and p not in wanted)
    return wanted


def cpu_seconds(roots: list[int]) -> float:
    """CPU time so far of ``roots`` and all their descendants."""
    table = process_table()
    return sum(table[pid][1] for pid in descendants(roots, table))


def web_workers(web: int) -> list[int]:
    """The uvicorn worker processes of ``bin/web`` (spawned by its supervisor process)."""
    table = process_table()
    found = []
    for pid in sorted(descendants([web], table) - {web}):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            found.append(pid)
    return found


def rss_mb(pid: int) -> float | None:
    """Resident set size of ``pid`` in MB (``VmRSS`` of ``/proc/<pid>/status``)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# --- The servers ------------------------------------------------------------------------------


def server_env(port: int, postgres: bool) -> dict:
    from bench.throughput import server_env as base

    env = base(port)
    env.pop("EMAIL_HOST", None)
    env.update(QUIET)
    env.update(RAISED_LIMITS)
    env.update(
        VAR_DIR=str(SERVER_DIR),
        STATIC_ROOT=str(SERVER_DIR / "static"),
        SECURE_COOKIES="0",  # plain HTTP on loopback: no TLS proxy in front
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    if postgres:
        env["TASK_BACKEND"] = "django_tasks_db.DatabaseBackend"
    return env


class Servers:
    """bin/web, and bin/worker on PostgreSQL, for the length of a ``with`` block."""

    def __init__(self, postgres: bool):
        from bench.throughput import free_port

        self.postgres = postgres
        self.port = free_port()
        self.env = server_env(self.port, postgres)
        self.processes: list[subprocess.Popen] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        from bench.throughput import get, start_server

        SERVER_DIR.mkdir(parents=True, exist_ok=True)
        self.processes.append(start_server(self.port, SERVER_DIR / "web.log", self.env))
        if self.postgres:
            with (SERVER_DIR / "worker.log").open("w") as out:
                worker = subprocess.Popen(
                    [str(ROOT / "bin" / "worker")],
                    cwd=ROOT,
                    env=self.env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            self.processes.append(worker)
            deadline = time.monotonic() + 90
            while get(self.port, "/healthz?require=worker")[0] != 200:
                if time.monotonic() > deadline or worker.poll() is not None:
                    self.__exit__()
                    raise RuntimeError("bin/worker did not start polling: see worker.log")
                time.sleep(0.5)
        # Each worker imports and compiles what the first requests need: not what a member
        # waits for on a running site, so done before the clock starts.
        for _ in range(WARMUP_REQUESTS):
            for path in ("/", "/accounts/login/"):
                get(self.port, path)
        self.started, self.warm, self.requests, self.warm_requests = self.memory(), None, 0, 0
        return self

    def __exit__(self, *exc):
        from bench.throughput import stop_server

        for process in reversed(self.processes):
            if process.poll() is None:
                stop_server(process)
        self.processes = []

    def cpu(self) -> dict[str, float]:
        """CPU seconds so far of bin/web's process tree and of bin/worker's."""
        web, *worker = [p.pid for p in self.processes]
        return {"web": cpu_seconds([web]), "worker": cpu_seconds(worker) if worker else 0.0}

    def memory(self) -> dict[int, float]:
        """RSS in MB of each bin/web worker process."""
        return {pid: rss for pid in web_workers(self.processes[0].pid) if (rss := rss_mb(pid))}

    def measure_memory(self, outcome: dict) -> None:
        """Print the RSS of each web worker against its warm size (taken after the first run,
        when every kind of page has been served; after the warm-up requests before that), and
        add it to the run's summary row."""
        self.requests += outcome["summary"]["requests"]
        line, fields = self.memory_line()
        outcome["summary"].update(fields)
        print(line)
        if self.warm is None:
            self.warm, self.warm_requests = self.memory(), self.requests

    def memory_line(self) -> tuple[str, dict]:
        now = self.memory()
        warm, since = self.warm or self.started, self.requests - (self.warm_requests or 0)
        growth = [100 * (now[pid] / warm[pid] - 1) for pid in now if pid in warm]
        worst = max(growth) if growth else None
        sizes = ", ".join(f"{warm.get(pid, 0):.0f} -> {now[pid]:.0f} MB" for pid in sorted(now))
        when = "after the first step" if self.warm else "after the warm-up requests"
        line = (
            f"memory per web worker (RSS): {sizes}, from {when} to now, {since} requests later"
            + (f": {worst:+.1f}% at most" if worst is not None else "")
        )
        fields = {
            "rss_mb_warm": [round(warm.get(pid, 0), 1) for pid in sorted(now)],
            "rss_mb_now": [round(now[pid], 1) for pid in sorted(now)],
            "rss_growth_pct": None if worst is None else round(worst, 1),
            "requests_since_warm": since,
        }
        return line, fields


# --- One run ----------------------------------------------------------------------------------


def run_load(servers: Servers, users: int, seconds: float, spawn_rate: float, demo: bool) -> dict:
    from django.db import connections

    from bench.load import seed, verify

    plan = seed.plan(users, demo=demo)
    thread_pks = [t["pk"] for t in plan["threads"]]
    thread_levels, category_levels = seed.levels(thread_pks)
    plan_path = SERVER_DIR / f"plan-{plan['run']}.json"
    plan["out"] = str(SERVER_DIR / f"locust-{plan['run']}.json")
    plan_path.write_text(json.dumps(plan))
    connections.close_all()  # nothing held open while the servers write
    rate = spawn_rate or max(1.0, users / 10)
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(rate),
        "--run-time",
        f"{int(seconds)}s",
        "--stop-timeout",
        "15",
        "--host",
        servers.base,
        "--only-summary",
        "--loglevel",
        "ERROR",
    ]
    env = {**os.environ, "LOAD_PLAN": str(plan_path)}
    cpu_before, started, load_before = servers.cpu(), time.monotonic(), os.getloadavg()[0]
    with (SERVER_DIR / "locust.log").open("w") as log:
        subprocess.run(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 120
        )
    elapsed, cpu_after = time.monotonic() - started, servers.cpu()
    cpu = {k: cpu_after[k] - cpu_before[k] for k in cpu_after}
    load = (round(load_before, 1), round(os.getloadavg()[0], 1))
    out = json.loads(Path(plan["out"]).read_text())
    result = verify.collect(
        plan["run"],
        thread_pks,
        {int(k): v for k, v in thread_levels.items()},
        {int(k): v for k, v in category_levels.items()},
        out["accepted"],
    )
    return summarise(
        out, result, users=users, seconds=elapsed, cpu=cpu, postgres=servers.postgres, load=load
    )


def summarise(
    out: dict, result, *, users: int, seconds: float, cpu: dict, postgres: bool, load=(None, None)
):
    latencies = out["latencies_ms"]
    statuses = out["statuses"]
    total = sum(len(v) for v in latencies.values())
    fives = sum(n for counts in statuses.values() for s, n in counts.items() if s.startswith("5"))
    shape = {
        "users": users,
        "db": "postgresql" if postgres else "sqlite",
        "redis": bool(os.environ.get("REDIS_URL")),
    }
    rows = []
    for name in sorted(latencies):
        counts = statuses.get(name, {})
        rows.append(
            row(
                f"load: {name}",
                latencies[name],
                None,
                statuses=counts,
                status_5xx=sum(n for s, n in counts.items() if s.startswith("5")),
                **shape,
            )
        )
    everything = [ms for samples in latencies.values() for ms in samples]
    rps = total / seconds if seconds else 0.0
    cpu_ms = 1000 * sum(cpu.values()) / total if total else None
    split = {k: round(1000 * v / total, 2) if total else None for k, v in cpu.items()}
    summary = row(
        f"load: all requests, {members(users)}",
        everything,
        None,
        requests=total,
        seconds=round(seconds, 1),
        requests_per_second=round(rps, 1),
        status_5xx=fives,
        server_cpu_ms_per_request=cpu_ms and round(cpu_ms, 2),
        server_cpu_ms_per_request_web=split.get("web"),
        server_cpu_ms_per_request_worker=split.get("worker"),
        load_average=list(load),
        members_signed_in=out.get("members_signed_in"),
        verification="passed" if result.ok else "failed",
        replies_accepted=result.accepted,
        notifications_expected=result.notifications_expected,
        note=(
            f"{rps:.1f} requests/s, {fives} answers 5xx, "
            f"server CPU {cpu_ms or 0:.1f} ms per request"
        ),
        **shape,
    )
    return {
        "rows": [*rows, summary],
        "summary": summary,
        "result": result,
        "p95": percentile(everything, 95) if everything else float("inf"),
        "fives": fives,
    }


def report(outcome: dict) -> None:
    summary = outcome["summary"]
    print_table("load", outcome["rows"])
    print(
        f"\nthroughput: {summary['requests_per_second']} requests/s "
        f"({summary['requests']} requests in {summary['seconds']} s, "
        f"{members(summary['users'])}, {summary['db']}"
        f"{' + Redis' if summary['redis'] else ''})"
    )
    print(f"5xx answers: {summary['status_5xx']}")
    cpu_ms = summary["server_cpu_ms_per_request"]
    print(
        f"server CPU per request: {cpu_ms} ms (bin/web {summary['server_cpu_ms_per_request_web']}"
        f", bin/worker {summary['server_cpu_ms_per_request_worker']})"
    )
    before, after = summary["load_average"]
    print(f"load average (1 min): {before} at the start, {after} at the end")
    if cpu_ms and summary["requests_per_second"]:
        # What the CPU figure alone allows: on a loaded machine the measured latencies say more
        # about the neighbours than about the site.
        cores = os.cpu_count() or 1
        ceiling = cores * 1000 / cpu_ms
        pace = summary["requests_per_second"] / summary["users"]
        print(
            f"CPU ceiling: {ceiling:.0f} requests/s with all {cores} cores for the servers, "
            f"about {members(int(ceiling / pace))} at this run's pace "
            f"({pace:.2f} requests/s each; PostgreSQL, Redis and locust not counted)"
        )
    for line in outcome["result"].lines():
        print(line)


def members(n: int) -> str:
    return f"{n} member" + ("" if n == 1 else "s")


def steps(start: int, limit: int):
    """Doubling from ``start`` while p95 stays under the target, then halving the gap between
    the largest good and the smallest bad number (down towards 1 if ``start`` is already bad),
    until the gap is within a fifth of the good number."""
    good, bad, n = 0, None, start
    while True:
        p95_ok = yield n
        if p95_ok:
            good = n
        else:
            bad = n
        if bad is None:
            if n >= limit:
                return
            n = min(n * 2, limit)
        else:
            if bad - good <= max(1, good // 5):
                return
            n = (good + bad) // 2


def database_name() -> str:
    """``load`` (``var/bench/load.sqlite3``) on SQLite; on PostgreSQL ``load_<the database of
    DATABASE_URL>`` (``bench_load_mn_me`` for ``.../mn_me``), so that two people pointing at the
    same server with their own databases do not seed and load the same one."""
    from django.db import connections

    settings = connections["default"].settings_dict
    if connections["default"].vendor != "postgresql" or not settings["NAME"]:
        return "load"
    return "load_" + "".join(c if c.isalnum() or c == "_" else "_" for c in settings["NAME"])


def main(argv=None) -> int:
    args = parse_args(argv)
    for name, value in QUIET.items():
        os.environ.setdefault(name, value)
    os.environ.pop("EMAIL_HOST", None)
    from bench.common import setup_django, use_bench_database

    setup_django()
    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # a line per task otherwise
    from django.core.management import call_command
    from django.db import connections

    began = time.monotonic()
    use_bench_database(database_name())
    call_command("migrate", verbosity=0)
    postgres = connections["default"].vendor == "postgresql"
    demo = not args.no_demo
    if demo:
        from bench.load import seed

        seed.load_demo()
    connections.close_all()
    print(
        f"database {connections['default'].settings_dict['NAME']} ready in "
        f"{time.monotonic() - began:.0f} s (migrations{', demo data' if demo else ''})"
    )
    failed = fives = 0
    with Servers(postgres) as servers:
        print(f"bin/web{' and bin/worker' if postgres else ''} serving at {servers.base}")
        if not args.find_max:
            outcome = run_load(servers, args.users, args.seconds, args.spawn_rate, demo)
            report(outcome)
            servers.measure_memory(outcome)
            print(f"written: {write_json('load', outcome['rows'])}")
            return 1 if not outcome["result"].ok else (2 if outcome["fives"] else 0)
        tried, best = [], None
        walk = steps(args.users, args.max_users)
        n = next(walk)
        while True:
            outcome = run_load(servers, n, args.seconds, args.spawn_rate, demo)
            report(outcome)
            servers.measure_memory(outcome)
            fives += outcome["fives"]
            failed += not outcome["result"].ok
            ok = outcome["p95"] < P95_TARGET_MS and not outcome["fives"]
            tried.append({**outcome["summary"], "name": f"load: step, {members(n)}"})
            if ok and (best is None or n > best["summary"]["users"]):
                best = outcome
            try:
                n = walk.send(ok)
            except StopIteration:
                break
    print("\n## load: finding the largest number of members with p95 under 500 ms")
    for step in tried:
        print(
            f"{members(step['users']):>12}: p95 {step['p95_ms']} ms, "
            f"{step['requests_per_second']} requests/s, {step['status_5xx']} 5xx, "
            f"server CPU {step['server_cpu_ms_per_request']} ms per request, "
            f"load average {step['load_average'][0]}-{step['load_average'][1]}, "
            f"web worker RSS {step['rss_growth_pct']}% more after "
            f"{step['requests_since_warm']} requests, "
            f"verification {step['verification']}"
        )
    if best is None:
        fewest = min(step["users"] for step in tried)
        print(f"none: even {members(fewest)} give a p95 of 500 ms or more")
        rows = tried
    else:
        print(f"largest N with p95 under 500 ms: {members(best['summary']['users'])}")
        rows = [*best["rows"], *tried]
    print(f"written: {write_json('load', rows)}")
    return 1 if failed else (2 if fives else 0)


if __name__ == "__main__":
    sys.exit(main())
