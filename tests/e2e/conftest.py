"""A real server for browser tests: migrated, loaded with the demo, served by an ASGI server.

Each test session gets its own ``VAR_DIR`` (SQLite database, secret key) so nothing touches the
developer's data. Emails go to the server's console log, which tests read (``server.emails()``).
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import services
from tests.ops import processes

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


@dataclass
class Server:
    url: str
    log: Path
    env: dict
    process: subprocess.Popen

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def links(self, pattern: str) -> list[str]:
        """Links printed in emails, newest last, whose path matches ``pattern``."""
        return [
            link for link in re.findall(r"https?://\S+", self.output()) if re.search(pattern, link)
        ]

    def stop(self) -> None:
        """Ask the server to stop; uvicorn waits for open WebSockets, so do not wait forever."""
        processes.stop(self.process)

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout


def server_env(var_dir: Path, port: int, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DEBUG="1",
        VAR_DIR=str(var_dir),
        SECRET_KEY="browser-tests-only-" + "y" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)  # may override the defaults above (DEBUG off for the error pages)
    return env


def start_server(
    var_dir: Path, *, port: int | None = None, env_extra: dict | None = None, load_demo=True
) -> Server:
    port = port or processes.free_port()
    env = server_env(var_dir, port, **(env_extra or {}))
    var_dir.mkdir(parents=True, exist_ok=True)
    log = var_dir / f"server-{port}.log"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    if load_demo:
        subprocess.run(
            [sys.executable, "manage.py", "load_demo", "--quiet-logins"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    argv = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1"]
    process = processes.serve(
        [*argv, "--port", str(port)], port=port, env=env, log=log, what="server"
    )
    return Server(url=f"http://127.0.0.1:{port}", log=log, env=env, process=process)


@pytest.fixture(scope="session")
def chromium():
    return services.chromium_path()


@pytest.fixture(scope="session")
def server(chromium, tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("e2e-var"))
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """``new_page()`` opens a page in a fresh context (a separate person); all close at the end."""
    contexts = []

    def _new_page():
        context = browser.new_context()
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


def sign_in(page, server: Server, email: str, password: str) -> None:
    page.goto(server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In", exact=True).click()


@pytest.fixture
def member_page(browser, server):
    """``member_page(width, scheme)``: a signed-in member's page in that viewport and scheme."""
    contexts = []

    def _open(width: int, scheme: str = "light", email: str = "amina.haddad@gcm.unu.example"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, server, email, "network-demo-2026")
        page.wait_for_url(f"{server.url}/home/")
        return page

    yield _open
    for context in contexts:
        context.close()
