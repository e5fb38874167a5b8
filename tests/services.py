"""Skip loudly when a service or the browser is missing; fail instead in CI.

CI sets REQUIRE_SERVICES=1 and REQUIRE_BROWSER=1, so a missing service is a red build, never a
silently skipped test.
"""

import os
import shutil
import socket
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _missing(reason: str, requirement: str):
    if os.environ.get(requirement) == "1":
        pytest.fail(f"{reason} ({requirement}=1, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(f"SKIPPED LOUDLY: {reason}. Set it up, or run CI, to exercise this test.")


def _reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


def redis_url() -> str:
    url = os.environ.get("REDIS_URL") or os.environ.get("TEST_REDIS_URL")
    if not url:
        _missing("REDIS_URL is not set: this test needs a real Redis", "REQUIRE_SERVICES")
    if not _reachable(url, 6379):
        _missing(f"Redis at {url} is not reachable", "REQUIRE_SERVICES")
    return url


def postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        _missing(
            "DATABASE_URL does not point at PostgreSQL: this test needs it", "REQUIRE_SERVICES"
        )
    if not _reachable(url, 5432):
        _missing(f"PostgreSQL at {url} is not reachable", "REQUIRE_SERVICES")
    return url


def chromium_path() -> str:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _missing(
            f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)", "REQUIRE_BROWSER"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("Playwright for Python is not installed", "REQUIRE_BROWSER")
    return CHROMIUM
