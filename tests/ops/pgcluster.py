"""A private PostgreSQL cluster for tests that stop and restart the database.

Its own data directory under the test's temporary folder, its own port and socket directory:
the shared cluster on 5432 is never touched. Made with the server's own tools (initdb, pg_ctl),
run as the ``postgres`` system user when the tests run as root. Missing tools skip loudly, or
fail with REQUIRE_SERVICES=1 (tests/services.py).
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests import services
from tests.ops.processes import free_port


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class Cluster:
    def __init__(self):
        if os.environ.get("PRIVATE_CLUSTER_TESTS") == "0":  # .ci/run runs them in one step only
            pytest.skip("private PostgreSQL cluster tests run in CI's PostgreSQL step")
        # Not under pytest's tmp_path: pytest keeps its folders private to the user running it.
        root = Path(tempfile.mkdtemp(prefix="mn-test-pg-"))
        self.root = root
        bindir = _bindir()
        if bindir is None:
            services._missing("PostgreSQL's initdb is not installed", "REQUIRE_SERVICES")
        self.bindir = bindir
        self.data = root / "pgdata"
        self.sockets = root / "pgsockets"
        self.log = root / "postgres.log"
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                services._missing("no postgres system user to run a cluster", "REQUIRE_SERVICES")
        for path in (root, self.sockets):
            path.mkdir(parents=True, exist_ok=True)
            if self.user:
                os.chown(path, self.user.pw_uid, self.user.pw_gid)
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")

    def run(self, tool: str, *args: str, check=True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / tool), *args]
        if self.user:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"{tool} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=60"
        )
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                 "-t", "120", "start")  # fmt: skip

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "120", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def createdb(self, name: str) -> str:
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def psql(self, database: str, sql: str) -> str:
        return self.run(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
            "-Atc", sql,
        ).stdout  # fmt: skip

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)
