"""A database outage, against a real PostgreSQL of the test's own (tests/ops/pgcluster.py) and the
production web process (bin/web, uvicorn): requests borrow pooled connections instead of
opening one each; while the database is stopped every page answers 503 with Retry-After and the
log says so once, not a traceback per request; when it is back, pages work again without a
restart of the web process."""

import subprocess

import pytest
import requests

from tests.ops.pgcluster import Cluster
from tests.ops.processes import ROOT, embedded_env, free_port, start, stop, wait_for

# A page that reads the database at every request (no cache in front): a missing institute.
DB_PAGE = "/institutes/999999/"


@pytest.fixture(scope="module")
def cluster():
    cluster = Cluster()
    cluster.start()
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="module")
def released(cluster, tmp_path_factory):
    env = embedded_env(
        tmp_path_factory.mktemp("outage-var"),
        DATABASE_URL=cluster.createdb("outage"),
        DATABASE_POOL_MIN="1",
        DATABASE_POOL_MAX="4",
        DATABASE_POOL_TIMEOUT="2",
    )
    release = subprocess.run(
        [str(ROOT / "bin" / "release")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert release.returncode == 0, release.stderr
    return env


@pytest.fixture
def web(released, tmp_path):
    port = free_port()
    log = tmp_path / "web.log"
    process = start("web", {**released, "PORT": str(port), "WEB_WORKERS": "1"}, log)
    base = f"http://127.0.0.1:{port}"

    def answers():
        try:
            return requests.get(base + DB_PAGE, timeout=5).status_code == 404
        except requests.RequestException:
            return False

    try:
        wait_for(answers, 90, "the web process", log)
        yield base, log
    finally:
        stop(process)


def test_requests_reuse_pooled_connections(cluster, web):
    base, _log = web
    marked = cluster.psql("postgres", "SELECT now()").strip()
    for _ in range(20):
        assert requests.get(base + DB_PAGE, timeout=10).status_code == 404
    older = f"SELECT backend_start < '{marked}'::timestamptz"  # the server's own clock reading
    ages = cluster.psql("postgres", older + " FROM pg_stat_activity WHERE datname = 'outage'")
    ages = ages.split()
    assert ages, "pooled connections stay open between requests (none is open: no pool?)"
    assert ages == ["t"] * len(ages), "no connection was opened for these 20 requests"
    assert len(ages) <= 4, "at most DATABASE_POOL_MAX connections"


def test_an_outage_answers_503_with_retry_after_logged_once_and_recovers(cluster, web):
    base, log = web
    cluster.stop()
    try:
        answers = [requests.get(base + DB_PAGE, timeout=30) for _ in range(6)]
        answers.append(requests.get(base + "/forum/", timeout=30))
    finally:
        cluster.start()
    for response in answers:
        assert response.status_code == 503, response.text[:500]
        assert int(response.headers["Retry-After"]) > 0
        assert "briefly unavailable" in response.text
    wait_for(
        lambda: requests.get(base + DB_PAGE, timeout=10).status_code == 404,
        90,
        "pages to work again after the database restarted",
        log,
    )
    text = wait_for(
        lambda: t if "Database reachable again" in (t := log.read_text()) else None,
        30,
        "the recovery line",
        log,
    )
    assert text.count("Database unreachable") == 1, text[-4000:]
    assert "Traceback" not in text, text[-4000:]
