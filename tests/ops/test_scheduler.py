"""bin/scheduler, the daily digest trigger of the production shape, run as a process.

It runs against its own SQLite file with tasks run at once and emails printed, so the digest
email itself shows up in its output (tests/test_deployment.py runs it against PostgreSQL with
the task worker)."""

import os
import subprocess
import time

import pytest

from tests.ops.processes import ROOT, embedded_env, manage

# One member with two notifications waiting for the digest, one for another kind of delivery.
SETUP = """
from accounts import actions
from accounts.models import User
from notifications.models import Notification
user = User.objects.create_user("dana@example.org", "a long enough password", display_name="Dana")
actions._make_member(user, None)
for summary in ("First digest item", "Second digest item"):
    Notification.objects.create(recipient=user, kind="thread_post", summary=summary,
                                url="/forum/", delivery="digest")
Notification.objects.create(recipient=user, kind="reply", summary="Not for the digest",
                            url="/forum/", delivery="in_app")
"""


@pytest.fixture(scope="module")
def scheduler_env(tmp_path_factory):
    env = embedded_env(tmp_path_factory.mktemp("scheduler"))
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", SETUP)
    return env


def test_scheduler_once_sends_each_waiting_digest_once(scheduler_env):
    run = [str(ROOT / "bin" / "scheduler")]
    env = {**scheduler_env, "SCHEDULER_ONCE": "1"}
    first = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "Enqueued 1 digest(s)." in first.stdout
    assert "To: dana@example.org" in first.stdout
    assert "Your daily digest: 2 new" in first.stdout
    assert "First digest item" in first.stdout and "Second digest item" in first.stdout
    assert "Not for the digest" not in first.stdout

    again = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "Enqueued 0 digest(s)." in again.stdout
    assert "To: dana@example.org" not in again.stdout


def test_scheduler_waits_until_digest_hour_each_day(scheduler_env, tmp_path):
    """Without SCHEDULER_ONCE it sleeps until the next DIGEST_HOUR (UTC), runs the jobs and
    waits again. A stand-in `sleep` on PATH records each wait (without waiting) and ends the
    loop at the second."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    waits = tmp_path / "waits"
    fake_sleep = fake_bin / "sleep"
    fake_sleep.write_text(
        f'#!/bin/sh\necho "$1" >> "{waits}"\n[ "$(wc -l < "{waits}")" -lt 2 ] || exit 1\n'
    )
    fake_sleep.chmod(0o755)
    hour = (time.gmtime().tm_hour + 2) % 24
    env = {**scheduler_env, "PATH": f"{fake_bin}:{os.environ['PATH']}", "DIGEST_HOUR": str(hour)}
    started = time.time()
    result = subprocess.run(
        [str(ROOT / "bin" / "scheduler")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0, "the stand-in sleep ends the loop at the second wait"
    assert "Enqueued" in result.stdout, "the jobs run after the first wait"
    first = int(waits.read_text().split()[0])
    assert len(waits.read_text().split()) == 2, "after the jobs it waits again"
    off_by = ((started + first) - hour * 3600) % 86400
    assert min(off_by, 86400 - off_by) < 120, (first, hour)
    assert 3600 - 120 < first <= 2 * 3600
