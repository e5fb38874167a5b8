"""The production shape, natively: the same `bin/release`, `bin/web`, `bin/worker` and
`bin/scheduler` that docker-compose runs, against the machine's real PostgreSQL and Redis, with
production settings (DEBUG off)."""

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import requests

from tests.ops.processes import ROOT, free_port, start, stop, wait_for

pytestmark = pytest.mark.services


@pytest.fixture
def scratch_database(postgres_url):
    """A new, empty PostgreSQL database, as a fresh deployment would have."""
    name = f"deploy_check_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(postgres_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def production_env(scratch_database, redis_url, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        PYTHON=sys.executable,
        DEBUG="0",
        SECRET_KEY="deploy-check-" + uuid.uuid4().hex * 2,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",  # no TLS proxy in front of this test server
        DATABASE_URL=scratch_database,
        REDIS_URL=redis_url,
        CHANNEL_PREFIX=f"deploy{port}",
        CACHE_PREFIX=f"deploy{port}",
        TASK_BACKEND="django_tasks_db.DatabaseBackend",
        VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"),
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_WORKERS="2",
    )
    return env


def test_release_then_web_serves_pages_static_files_and_health(production_env, tmp_path):
    release = subprocess.run(
        [str(ROOT / "bin" / "release")],
        cwd=ROOT,
        env=production_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert release.returncode == 0, release.stderr
    assert "Applying accounts.0001_initial... OK" in release.stdout
    log = tmp_path / "web.log"
    web = start("web", production_env, log)
    base = production_env["SITE_URL"]
    try:

        def healthy():
            try:
                response = requests.get(base + "/healthz", timeout=10)
            except requests.RequestException:  # refused or not answering yet
                return None
            return response if response.status_code == 200 else None

        health = wait_for(healthy, 90, "/healthz", log)
        # No worker runs in this test: the site serves, and says emails are waiting.
        assert health.json() == {
            "status": "degraded",
            "checks": {"database": True, "redis": True, "worker": False},
        }
        # The workers' malloc is tuned (bin/web): they inherit the supervisor's environment.
        environ = Path(f"/proc/{web.pid}/environ").read_bytes().split(b"\0")
        assert b"MALLOC_ARENA_MAX=2" in environ
        assert b"MALLOC_MMAP_THRESHOLD_=1048576" in environ
        landing = requests.get(base + "/", timeout=30)
        assert landing.status_code == 200
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', landing.text)
        assert stylesheet, "static files should be served with hashed names in production"
        assert requests.get(base + stylesheet.group(1), timeout=30).status_code == 200
        assert requests.get(base + "/home/", timeout=30, allow_redirects=False).status_code == 302
    finally:
        stop(web)


def test_worker_runs_queued_tasks(production_env, tmp_path):
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "migrate", "--noinput"],
        cwd=ROOT,
        env=production_env,
        check=True,
        capture_output=True,
    )
    log = tmp_path / "worker.log"
    worker = start("worker", production_env, log)
    try:
        enqueue = (
            "from accounts.tasks import send_email;"
            "r = send_email.enqueue('Deployment check', 'From the worker.', ['ops@example.org']);"
            "print(r.id)"
        )
        result = subprocess.run(
            [*manage, "shell", "-c", enqueue],
            cwd=ROOT,
            env=production_env,
            check=True,
            capture_output=True,
            text=True,
        )
        assert result.stdout.strip()
        wait_for(
            lambda: "Subject: Deployment check" in log.read_text(),
            60,
            "the worker to send the email",
            log,
        )
    finally:
        stop(worker)


def test_scheduler_enqueues_digests_that_the_worker_sends(production_env, tmp_path):
    from tests.ops.test_scheduler import SETUP

    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["shell", "-c", SETUP]):
        subprocess.run(
            [*manage, *command], cwd=ROOT, env=production_env, check=True, capture_output=True
        )
    scheduled = subprocess.run(
        [str(ROOT / "bin" / "scheduler")],
        cwd=ROOT,
        env={**production_env, "SCHEDULER_ONCE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert scheduled.returncode == 0, scheduled.stderr
    assert "Enqueued 1 digest(s)." in scheduled.stdout
    log = tmp_path / "worker.log"
    worker = start("worker", production_env, log)
    try:
        wait_for(
            lambda: "Your daily digest: 2 new" in log.read_text(),
            60,
            "the worker to send the digest",
            log,
        )
        assert "To: dana@example.org" in log.read_text()
    finally:
        stop(worker)
