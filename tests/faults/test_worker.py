"""The task worker on a bad day: dead workers' tasks run again, transient failures are retried,
a database outage does not end the loop, bin/worker restarts a worker that exits, and /healthz
says when no worker is polling. Against the real services: tests/faults/test_services.py."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.faults import tasks
from worker import runner
from worker.models import Heartbeat

ROOT = Path(__file__).resolve().parents[2]
# The worker commits and reconnects as in production: no test transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_queue(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(runner, "pause", lambda attempt, **kwargs: 0)


def worker(**options) -> runner.Worker:
    defaults = {
        "queue_names": ["default"],
        "excluded_queue_names": [],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "this-worker",
        "lease": 30,
        "heartbeat": 5,
        "max_attempts": 3,
    }
    return runner.Worker(**{**defaults, **options})


def left_running(by: list[str], started_ago: float = 60) -> DBTaskResult:
    result = tasks.flaky.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING",
        worker_ids=by,
        started_at=timezone.now() - timedelta(seconds=started_ago),
    )
    return DBTaskResult.objects.get(pk=result.id)


def beating(worker_id: str, seconds_ago: float = 0) -> None:
    at = timezone.now() - timedelta(seconds=seconds_ago)
    Heartbeat.objects.create(worker_id=worker_id, host="h", pid=1, seen_at=at, polled_at=at)


def test_a_task_left_running_by_a_dead_worker_runs_again():
    beating("dead", seconds_ago=120)
    task = left_running(["dead"])
    worker().run()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids == ["dead", "this-worker"]


def test_a_task_of_a_live_worker_is_left_alone():
    beating("alive", seconds_ago=1)
    task = left_running(["alive"], started_ago=600)
    worker().run()
    task.refresh_from_db()
    assert task.status == "RUNNING" and task.worker_ids == ["alive"]


def test_a_task_just_claimed_by_a_worker_not_yet_seen_is_left_alone():
    task = left_running(["starting"], started_ago=1)
    worker().run()
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_a_task_whose_workers_keep_dying_fails_with_the_reason():
    task = left_running(["one", "two", "three"])
    worker(max_attempts=3).run()
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == "worker.runner.WorkerLostError"
    assert "stopped while running it, 3 times" in task.traceback


def test_a_transient_failure_is_queued_again_with_a_delay(monkeypatch):
    monkeypatch.setattr(runner, "pause", lambda attempt, **kwargs: 300)
    result = tasks.flaky.enqueue(1)
    worker().run()
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == "READY" and task.worker_ids == ["this-worker"]
    assert task.run_after > timezone.now() + timedelta(seconds=200)


def test_a_transient_failure_passes_on_a_later_run():
    result = tasks.flaky.enqueue(2)
    worker().run()
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == "SUCCESSFUL" and task.return_value == 3


def test_a_task_failing_on_every_run_fails_after_the_last():
    result = tasks.flaky.enqueue(5)
    worker(max_attempts=3).run()
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == "FAILED" and len(task.worker_ids) == 3
    assert task.exception_class_path == "builtins.ConnectionRefusedError"


def test_a_bug_fails_at_once():
    result = tasks.broken.enqueue()
    worker().run()
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == "FAILED" and len(task.worker_ids) == 1
    assert task.exception_class_path == "builtins.ValueError"


def test_the_loop_outlives_a_database_outage(monkeypatch):
    result = tasks.flaky.enqueue(0)
    this = worker()
    real_claim = this.claim_next
    outage = iter([True] * 4)

    def claim_during_an_outage():
        if next(outage, False):
            raise OperationalError("connection refused")
        return real_claim()

    monkeypatch.setattr(this, "claim_next", claim_during_an_outage)
    this.run()
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    assert next(outage, "over") == "over"


def test_a_task_stranded_by_an_outage_under_this_worker_runs_again():
    """The database failed while the worker recorded a result: the task stayed RUNNING under
    this very worker, which runs one task at a time and none at that point."""
    task = left_running(["this-worker"], started_ago=1)
    worker().run()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.worker_ids == ["this-worker", "this-worker"]


def test_the_worker_records_its_heartbeat_and_removes_it_when_it_stops(monkeypatch):
    this = worker()
    seen = []
    real_claim = this.claim_next

    def claim():
        seen.append(Heartbeat.objects.get(pk="this-worker"))
        return real_claim()

    monkeypatch.setattr(this, "claim_next", claim)
    this.run()
    assert seen and seen[0].pid == os.getpid()
    assert not Heartbeat.objects.filter(pk="this-worker").exists()


# --- /healthz ---------------------------------------------------------------------------------
@pytest.fixture
def without_redis(settings):
    settings.REDIS_URL = ""


def test_health_is_degraded_while_no_worker_polls(client, without_redis):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": True, "worker": False},
    }
    assert client.get("/healthz?require=worker").status_code == 503


def test_health_is_degraded_when_the_last_poll_is_stale(client, settings, without_redis):
    settings.TASK_WORKER_STALE_AFTER = 60
    beating("frozen", seconds_ago=90)
    assert client.get("/healthz").json()["status"] == "degraded"
    beating("polling", seconds_ago=5)
    response = client.get("/healthz?require=worker")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "worker": True}}


def test_health_has_no_worker_check_when_tasks_run_in_the_request(client, settings, without_redis):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert client.get("/healthz").json() == {"status": "ok", "checks": {"database": True}}


# --- bin/worker -------------------------------------------------------------------------------
def wait_for(predicate, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def fake_python(tmp_path):
    """Stands in for Python in bin/worker: logs each start, then exits with $FAKE_EXIT or runs
    until stopped."""
    script = tmp_path / "python"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> {tmp_path}/starts\n'
        'if [ -n "${FAKE_EXIT:-}" ]; then exit "$FAKE_EXIT"; fi\n'
        "trap 'echo stopped >> " + str(tmp_path) + "/starts; exit 0' TERM\n"
        "while :; do sleep 0.05; done\n"
    )
    script.chmod(0o755)
    return script


def run_bin_worker(fake_python, **env):
    return subprocess.Popen(
        [str(ROOT / "bin" / "worker"), "--lease", "9"],
        env={**os.environ, "PYTHON": str(fake_python), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def starts(fake_python) -> list[str]:
    path = fake_python.parent / "starts"
    return path.read_text().splitlines() if path.exists() else []


def test_bin_worker_starts_the_worker_again_when_it_exits(fake_python):
    process = run_bin_worker(fake_python, FAKE_EXIT="3")
    try:
        wait_for(lambda: len(starts(fake_python)) >= 2)
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    assert starts(fake_python)[0] == "manage.py worker --interval 1 --lease 9"
    assert "exited with status 3; starting it again in 1s" in err
    assert process.returncode == 0


def test_bin_worker_stops_the_worker_on_sigterm(fake_python):
    process = run_bin_worker(fake_python)
    wait_for(lambda: len(starts(fake_python)) == 1)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    wait_for(lambda: starts(fake_python)[-1] == "stopped")
    assert len([s for s in starts(fake_python) if s != "stopped"]) == 1


def test_bin_worker_ends_with_a_worker_that_ends_well(fake_python):
    process = run_bin_worker(fake_python, FAKE_EXIT="0")
    assert process.wait(timeout=30) == 0
    assert len(starts(fake_python)) == 1


def test_the_worker_command_refuses_a_heartbeat_as_long_as_the_lease():
    result = subprocess.run(
        [sys.executable, "manage.py", "worker", "--lease", "4", "--heartbeat", "3"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1", "TASK_BACKEND": "django_tasks_db.DatabaseBackend"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "--heartbeat must be at most half" in result.stderr
