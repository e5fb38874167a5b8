"""Run the production shape's scripts (bin/web, bin/worker, bin/scheduler, ...) and the tests'
own servers (the demo site, the identity providers) as processes, as docker-compose would, and
wait for what they do."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, "manage.py"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def embedded_env(var_dir: Path, **extra: str) -> dict:
    """Production settings (DEBUG off) on the embedded default: SQLite under ``var_dir``,
    no Redis, tasks run at once, emails printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    for name in ("DATABASE_URL", "REDIS_URL", "TASK_BACKEND", "EMAIL_HOST", "DIGEST_HOUR"):
        env.pop(name, None)
    env.update(
        PYTHON=sys.executable,
        DEBUG="0",
        SECRET_KEY="ops-check-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",  # no TLS proxy in front of a test server
        VAR_DIR=str(var_dir),
        STATIC_ROOT=str(var_dir / "static"),
        HOST="127.0.0.1",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [*MANAGE, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def start(script: str, env: dict, log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(
            [str(ROOT / "bin" / script)], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def wait_for(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}:\n{log.read_text()[-4000:]}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve(argv: list[str], *, port: int, env: dict, log: Path, what: str, seconds: float = 30):
    """``argv`` run from the repository with ``env``, its output in ``log``; returned once
    127.0.0.1:``port`` accepts connections (or an error with the log if it exits first or the
    time is up)."""
    with log.open("w") as out:
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited early:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{what} did not start:\n{log.read_text()}")
