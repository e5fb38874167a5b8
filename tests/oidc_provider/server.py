"""Start and stop the stand-in identity provider as a second server process, and add people."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.ops import processes

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "migration-network"
CLIENT_SECRET = "institute-idp-secret-for-tests"


@dataclass
class Provider:
    url: str
    env: dict
    process: subprocess.Popen
    log: Path

    @property
    def server_url(self) -> str:
        """What allauth's ``server_url`` is set to: discovery lives under it."""
        return self.url + "/o"

    def add_person(self, email, password, first, last, *, verified=True) -> None:
        code = (
            "from django.contrib.auth.models import Group, User; "
            f"u = User.objects.create_user({email!r}, {email!r}, {password!r}, "
            f"first_name={first!r}, last_name={last!r}); "
            + (
                ""
                if verified
                else "u.groups.add(Group.objects.get_or_create(name='unverified-email')[0])"
            )
        )
        subprocess.run(
            [sys.executable, "-m", "django", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        processes.stop(self.process)


def start(var_dir: Path, redirect_uris: list[str]) -> Provider:
    var_dir.mkdir(parents=True, exist_ok=True)
    port = processes.free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.oidc_provider.settings",
        OIDC_PROVIDER_VAR=str(var_dir),
        PYTHONPATH=str(ROOT),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.oidc_provider.register",
            CLIENT_ID,
            CLIENT_SECRET,
            " ".join(redirect_uris),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    log = var_dir / f"idp-{port}.log"
    process = processes.serve(
        [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
        port=port, env=env, log=log, what="identity provider", seconds=60,
    )  # fmt: skip
    return Provider(url=f"http://127.0.0.1:{port}", env=env, process=process, log=log)
