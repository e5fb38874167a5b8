"""Deployment settings, checked in fresh processes with the environment production would have."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7!production-like-secret-key-for-the-deploy-check-0123456789abcdef",
    "ALLOWED_HOSTS": "network.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://network.example.org",
    "SITE_URL": "https://network.example.org",
}


def run(args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "PYTEST_CURRENT_TEST"}
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


RENDER_LOGIN = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from django.core.management import call_command
call_command("migrate", verbosity=0)
page = Client().get("/accounts/login/").content.decode()
print("/accounts/orcid/login/" in page)
"""


def test_orcid_button_appears_only_when_configured():
    env = {"DEBUG": "1", "ALLOWED_HOSTS": "testserver", "DATABASE_URL": "sqlite://:memory:"}
    without = run(["-c", RENDER_LOGIN], **env)
    assert without.stdout.split() == ["False"], without.stderr
    configured = run(
        ["-c", RENDER_LOGIN], ORCID_CLIENT_ID="APP-1", ORCID_CLIENT_SECRET="s3cret", **env
    )
    assert configured.stdout.split() == ["True"], configured.stderr


@pytest.mark.django_db
def test_security_headers_on_every_page(client, settings):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    for directive in [
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ]:
        assert directive in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_cookies_and_hsts():
    probe = (
        "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='config.settings';django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT)"
    )
    result = run(["-c", probe], **PRODUCTION)
    assert result.stdout.split() == ["True", "True", "True", "Lax", "True", "True"], result.stderr


@pytest.mark.django_db
def test_postgres_connections_do_not_jit_compile_page_queries():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_jit_is_turned_off_beside_the_options_the_database_url_sets():
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
        "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    )
    url = "postgres://u@db.example:5432/n?options=-c%20statement_timeout%3D5000"
    result = run(["-c", script], DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "-c statement_timeout=5000 -c jit=off" in result.stdout
