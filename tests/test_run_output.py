"""Issue 10, item 7: what `make run` prints and links to: emails link to the port actually
served, each log line appears once, and the demo logins are the last thing `load_demo` says."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]


def django_python(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT"}}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=True,
    )


def test_the_embedded_site_url_follows_the_served_port():
    code = "from django.conf import settings; print(settings.SITE_URL)"
    assert django_python(code, PORT="8123").stdout.strip() == "http://127.0.0.1:8123"
    assert django_python(code).stdout.strip() == "http://127.0.0.1:8000"
    told = django_python(code, PORT="8123", SITE_URL="https://network.example.org/")
    assert told.stdout.strip() == "https://network.example.org"


def test_make_run_tells_the_server_and_the_demo_its_port():
    plan = subprocess.run(
        ["make", "-n", "demo", "serve", "PORT=8123"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert "PORT=8123 .venv/bin/python manage.py load_demo" in plan
    assert "PORT=8123 .venv/bin/python manage.py runserver 127.0.0.1:8123" in plan


def test_a_log_line_is_printed_once():
    code = "import logging; logging.getLogger('django.request').warning('Not Found: /marker/')"
    assert django_python(code).stderr.count("Not Found: /marker/") == 1


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
def test_load_demo_prints_no_emails_and_ends_with_the_logins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "Subject:" not in out
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[-6].startswith("Demo logins (password for all:")
    assert lines[-1].split() == ["applicant", "(pending)", "applicant@university.example"]
