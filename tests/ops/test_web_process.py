"""bin/release then bin/web, natively, as docker-compose runs them: the release step migrates
and collects static files once; the web process only serves, and believes X-Forwarded-For only
from the proxy addresses it is given (FORWARDED_ALLOW_IPS)."""

import re
import subprocess

import pytest
import requests
import yaml

from tests.ops.processes import ROOT, embedded_env, free_port, start, stop, wait_for

FORGED = "203.0.113.7"


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    env = embedded_env(tmp_path_factory.mktemp("release"))
    first = subprocess.run(
        [str(ROOT / "bin" / "release")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    assert "Applying accounts.0001_initial... OK" in first.stdout
    return env


def serve(env: dict, log):
    port = free_port()
    env = {**env, "PORT": str(port), "WEB_WORKERS": "1"}
    web = start("web", env, log)
    base = f"http://127.0.0.1:{port}"

    def healthy():
        try:
            return requests.get(base + "/healthz", timeout=10).status_code == 200
        except requests.RequestException:  # refused or not answering yet
            return False

    try:
        wait_for(healthy, 60, "/healthz", log)
    except BaseException:
        stop(web)
        raise
    return web, base


def seen_address(base: str, log, marker: str) -> str:
    """Request ``marker`` with a forged X-Forwarded-For; the address the application was
    given for it (the access log prints the ASGI scope's client, Django's REMOTE_ADDR)."""
    response = requests.get(
        f"{base}/healthz?{marker}", headers={"X-Forwarded-For": FORGED}, timeout=30
    )
    assert response.status_code == 200
    line = wait_for(
        lambda: next((li for li in log.read_text().splitlines() if marker in li), None),
        30,
        "the access log line",
        log,
    )
    return re.search(r"(\S+):\d+ - \"GET", line).group(1)


def test_release_is_idempotent(released):
    again = subprocess.run(
        [str(ROOT / "bin" / "release")], cwd=ROOT, env=released, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert "No migrations to apply." in again.stdout


def test_web_serves_at_once_without_migrating_and_ignores_a_forged_client_address(
    released, tmp_path
):
    log = tmp_path / "web.log"
    web, base = serve({**released, "FORWARDED_ALLOW_IPS": "192.0.2.10"}, log)
    try:
        landing = requests.get(base + "/", timeout=30)
        assert landing.status_code == 200
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', landing.text)
        assert stylesheet, "bin/release collected the static files with hashed names"
        assert requests.get(base + stylesheet.group(1), timeout=30).status_code == 200
        assert seen_address(base, log, "untrusted-client") == "127.0.0.1"
    finally:
        stop(web)
    assert "Operations to perform" not in log.read_text(), "bin/web must not migrate"


def test_web_believes_forwarded_for_from_its_proxy(released, tmp_path):
    log = tmp_path / "web.log"
    web, base = serve({**released, "FORWARDED_ALLOW_IPS": "127.0.0.1"}, log)
    try:
        assert seen_address(base, log, "through-the-proxy") == FORGED
    finally:
        stop(web)


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_trusts_forwarded_headers_from_the_proxy_only():
    services = compose()["services"]
    trusted = services["web"]["environment"]["FORWARDED_ALLOW_IPS"]
    assert "*" not in trusted
    gateway = compose()["networks"]["default"]["ipam"]["config"][0]["gateway"]
    assert trusted == f"${{FORWARDED_ALLOW_IPS:-{gateway}}}", "default: the host, on its network"
    assert all(p.startswith("${WEB_BIND:-127.0.0.1}:") for p in services["web"]["ports"])
    example = (ROOT / ".env.example").read_text()
    assert f"FORWARDED_ALLOW_IPS={gateway}\n" in example


def test_compose_releases_once_before_web_worker_and_scheduler_start():
    services = compose()["services"]
    assert services["release"]["command"] == ["bin/release"]
    assert services["release"]["restart"] == "no"
    for name in ("web", "worker", "scheduler"):
        assert services[name]["depends_on"]["release"] == {
            "condition": "service_completed_successfully"
        }, name
