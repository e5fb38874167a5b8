"""The task worker as a process on a real PostgreSQL of the test's own (tests/ops/pgcluster.py):
it goes on through a database restart without being restarted, and after a ``kill -9`` in the
middle of a batch of emails the next worker sends every one of them, none lost, each under its
own Message-ID (an email in flight at the kill may go twice under the same Message-ID, which mail
clients show once: at least once, never lost)."""

import email
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.ops.pgcluster import Cluster
from tests.ops.processes import MANAGE, ROOT, embedded_env, manage, stop, wait_for

BATCH = 30
# Members, and one reply notification (emailed at once) to each of them, the task queued.
NOTIFY = """
from django.db import transaction
from accounts.models import User
from notifications.actions import notify
member = dict(status=User.Status.MEMBER, display_name="Member")
actor, _ = User.objects.get_or_create(email="actor@gcm.unu.example", defaults=member)
people = [User.objects.create_user(f"{prefix}{{i}}@gcm.unu.example", "pw", **member)
          for i in range({count})]
with transaction.atomic():
    notify(people, "reply", actor=actor, summary="A reply")
"""


@pytest.fixture(scope="module")
def cluster():
    cluster = Cluster()
    cluster.start()
    yield cluster
    cluster.destroy()


@pytest.fixture
def site(cluster, tmp_path):
    name = f"worker_{os.getpid()}_{int(time.time() * 1000) % 10**8}"
    env = embedded_env(
        tmp_path,
        DATABASE_URL=cluster.createdb(name),
        TASK_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_BACKEND="tests.faults.slow_mail.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "emails"),
        DATABASE_POOL_TIMEOUT="2",
    )
    manage(env, "migrate", "--noinput", "-v0")
    return env, name


def queue_emails(env, prefix: str, count: int = BATCH) -> None:
    manage(env, "shell", "-c", NOTIFY.format(prefix=prefix, count=count))


def start_worker(env, log: Path, *extra: str) -> subprocess.Popen:
    command = [*MANAGE, "worker", "--interval", "0.2", "--lease", "3", "--heartbeat", "0.5"]
    with log.open("a") as out:
        return subprocess.Popen(
            [*command, *extra], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def sent(env) -> list[str]:
    """The Message-ID of every email written so far, one entry per email."""
    folder = Path(env["EMAIL_FILE_PATH"])
    ids = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        # The file backend writes each message followed by a line of 79 dashes.
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                ids.append(email.message_from_string(chunk.strip())["Message-ID"])
    return ids


def unsent(cluster, name: str) -> int:
    return int(
        cluster.psql(
            name, "SELECT count(*) FROM notifications_notification WHERE email_sent_at IS NULL"
        )
    )


def test_the_worker_goes_on_through_a_database_restart(cluster, site, tmp_path):
    env, name = site
    log = tmp_path / "worker.log"
    worker = start_worker({**env, "SLOW_MAIL_SECONDS": "0"}, log)
    try:
        queue_emails(env, "before", 5)
        wait_for(lambda: unsent(cluster, name) == 0, 120, "the first emails", log)
        cluster.stop()
        time.sleep(1)  # the worker polls a database that is not there
        cluster.start()
        queue_emails(env, "after", 5)
        wait_for(lambda: unsent(cluster, name) == 0, 120, "the emails after the restart", log)
        assert worker.poll() is None, "the same worker process, not restarted"
    finally:
        stop(worker)
    ids = sent(env)
    assert len(ids) == len(set(ids)) == 10


def test_a_worker_killed_mid_batch_loses_no_email(cluster, site, tmp_path):
    env, name = site
    log = tmp_path / "worker.log"
    queue_emails(env, "member", BATCH)
    first = start_worker(env, log)
    try:
        wait_for(lambda: len(sent(env)) >= 5, 120, "the batch to be under way", log)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    before = len(sent(env))
    assert before < BATCH, "killed in the middle of the batch"
    second = start_worker(env, log)
    try:
        wait_for(lambda: unsent(cluster, name) == 0, 180, "every email sent", log)
    finally:
        stop(second)
    ids = sent(env)
    expected = cluster.psql(name, "SELECT count(*) FROM notifications_notification")
    assert len(set(ids)) == int(expected) == BATCH, "each email sent, under its own Message-ID"
    assert len(ids) <= BATCH + 1, "at most the email in flight at the kill went twice"
    left = cluster.psql(
        name, "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status <> 'SUCCESSFUL'"
    )
    assert int(left) == 0
