"""Shared personas and helpers.

Personas (healthchecks style): ``member`` (Alice, UNU-GCM), ``other_member`` (Bob, another
institute), ``moderator`` (Mona), ``admin`` (Ada), ``applicant`` (Paul, application pending),
``newcomer`` (Nell, signed up and verified, no application yet), and the anonymous ``client``.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import TransactionTestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests import services

PASSWORD = "correct horse battery staple"


def _clear_recreated_content_types(fixture_setup):
    """A test with ``serialized_rollback`` reloads the data the migrations made, content types
    included. After an earlier transactional test's flush, post_migrate has already recreated the
    content types under new keys, and reloading them would clash on (app, model): clear them (and
    what hangs on them) first, so such a test passes whichever test ran before it."""

    def setup(cls):
        if cls.serialized_rollback:
            from django.contrib.contenttypes.models import ContentType

            for alias in cls._databases_names(include_mirrors=False):
                ContentType.objects.using(alias).all().delete()
        fixture_setup.__func__(cls)

    return classmethod(setup)


TransactionTestCase._fixture_setup = _clear_recreated_content_types(
    TransactionTestCase._fixture_setup
)
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
COMPILE_ARGS = ("-d", str(LOCALE_DIR), "-D", "django djangojs")


def pytest_sessionstart(session):
    """Compile the translation catalogs a test run would otherwise find stale or missing: `make
    install` compiles them, but the suite is also run straight from the virtualenv."""
    stale = [
        po
        for po in LOCALE_DIR.glob("*/LC_MESSAGES/*.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "-q", "compile", *COMPILE_ARGS],
            check=True,
        )


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.SECURE_SSL_REDIRECT = False  # the test client speaks plain HTTP
    # Every query compiled once per process is compared with a fresh compile (core.compiled).
    settings.COMPILED_QUERIES_CHECK = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.ATTACHMENTS_ROOT = tmp_path / "attachments"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.cache import cache

    cache.clear()  # rate-limit counters and the like start from zero in every test
    from accounts import backends
    from core import fragments, freshness
    from directory.views import browse

    memories = (freshness.memory, fragments.MEMORY, backends.MEMORY, browse.panels)
    for memory in memories:  # the process's own
        memory.clear()
    # A test that made requests in French leaves French active in this thread: start in English.
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def institutes(db):
    from accounts.models import Institute, InstituteDomain

    gcm = Institute.objects.create(
        acronym="UNU-GCM", name="Globalization, Culture and Mobility", city="Barcelona"
    )
    ehs = Institute.objects.create(
        acronym="UNU-EHS", name="Environment and Human Security", city="Bonn"
    )
    InstituteDomain.objects.create(institute=gcm, domain="gcm.unu.example")
    InstituteDomain.objects.create(institute=ehs, domain="ehs.unu.example")
    return {"gcm": gcm, "ehs": ehs}


def make_user(email, name, *, member=True, institute=None, **extra):
    from allauth.account.models import EmailAddress

    from accounts.models import User

    user = User.objects.create_user(email, PASSWORD, display_name=name, **extra)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if member:
        from django.test import TestCase

        from accounts import actions

        # Run the after-commit side effects (the directory creates the profile) as production does.
        with TestCase.captureOnCommitCallbacks(execute=True):
            if institute is not None or not actions.admit_by_verified_email(user, email):
                actions._make_member(user, institute)
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def member(institutes):
    return make_user("alice@gcm.unu.example", "Alice Moreau")


@pytest.fixture
def other_member(institutes):
    return make_user("bob@ehs.unu.example", "Bob Mensah")


@pytest.fixture
def moderator(institutes):
    from accounts import actions

    user = make_user("mona@gcm.unu.example", "Mona Castillo")
    actions.make_moderator(user)
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def admin_user(institutes):
    return make_user("ada@gcm.unu.example", "Ada Virtanen", is_staff=True, is_superuser=True)


@pytest.fixture
def newcomer(institutes):
    return make_user("nell@elsewhere.example", "Nell Tan", member=False)


@pytest.fixture
def applicant(institutes):
    from accounts import actions

    user = make_user("paul@university.example", "Paul Osei", member=False)
    actions.apply_for_membership(user, affiliation="A university", statement="I study remittances.")
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def login(client):
    """``login(user)`` signs the test client in as that persona and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


def _page_queries(captured) -> list[str]:
    """The queries a page makes, without allauth's periodic session bookkeeping (it updates
    "last seen" now and then, whatever the page) and savepoints."""
    return [
        q["sql"]
        for q in captured
        if "usersessions_usersession" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


@pytest.fixture
def assert_stable_queries():
    """Fetch ``url``, call ``grow()``, fetch again: the page must make as many queries.

    A first, uncounted request warms per-session state, and another after ``grow()`` refills
    what growing dropped from the cache (the unread count). Returns the number of queries.
    """

    def check(client, url, grow, status=200, before_each=lambda: None):
        assert client.get(url).status_code == status
        before_each()
        with CaptureQueriesContext(connection) as before:
            assert client.get(url).status_code == status
        grow()
        assert client.get(url).status_code == status
        before_each()
        with CaptureQueriesContext(connection) as after:
            assert client.get(url).status_code == status
        first, second = (
            _page_queries(before.captured_queries),
            _page_queries(after.captured_queries),
        )
        assert len(first) == len(second), "\n".join(
            [f"{len(first)} -> {len(second)} queries; after growing:", *second]
        )
        return len(first)

    return check


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """``with on_commit(execute=True):`` runs the side effects actions schedule after commit."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def redis_url():
    return services.redis_url()


@pytest.fixture
def postgres_url():
    return services.postgres_url()
