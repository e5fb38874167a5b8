"""A server the tests start in a process of its own: started, and waited for until its port
answers (or it exits, or the time is up, each with its log in the error)."""

import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(argv: list[str], *, port: int, env: dict, log: Path, what: str, seconds: float = 30):
    """``argv`` run from the repository with ``env``, its output in ``log``; returned once
    127.0.0.1:``port`` accepts connections."""
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
