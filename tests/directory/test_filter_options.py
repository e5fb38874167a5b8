"""The directory's option lists come from the cache and follow every edit of a term."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Institute
from directory import dimensions, filter_options
from directory.filters import data_changed
from directory.models import Method, Theme

pytestmark = pytest.mark.django_db

URL = reverse("directory:index")
VOCABULARY_TABLES = (
    "directory_theme",
    "directory_region",
    "directory_country",
    "directory_method",
    "directory_language",
    "accounts_institute",
)


def labels(response, name):
    return {option.value: option.label for option in response.context["counts"][name]}


def vocabulary_reads(client, url=URL):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # Queries that read a term table first, but the cards' own terms (prefetched).
    return [
        q["sql"]
        for q in queries
        if q["sql"].partition(" FROM ")[2].strip('"').startswith(VOCABULARY_TABLES)
        and "_prefetch_related_val" not in q["sql"]
    ]


def test_a_page_after_a_profile_change_does_not_read_the_vocabularies_again(
    login, member, alice_profile
):
    client = login(member)
    assert vocabulary_reads(client)  # the first page fills the cache
    data_changed()  # as after any profile edit: counts are recomputed...
    assert vocabulary_reads(client) == []  # ...the option lists are not


def test_a_new_theme_is_listed_at_once(login, member, alice_profile):
    client = login(member)
    assert "ageing-migrants" not in labels(client.get(URL), "theme")
    area = Theme.objects.get(slug="migration-and-health")
    Theme.objects.create(slug="ageing-migrants", name="Ageing migrants", parent=area)
    assert labels(client.get(URL), "theme")["ageing-migrants"] == "Ageing migrants"


def test_renamed_and_deleted_terms_follow(login, member, alice_profile, bob_profile):
    client = login(member)
    econometrics = Method.objects.get(slug="econometrics")
    assert labels(client.get(URL), "method")["econometrics"] == econometrics.name
    econometrics.name = "Econometric modelling"
    econometrics.save()
    assert labels(client.get(URL), "method")["econometrics"] == "Econometric modelling"
    econometrics.delete()
    assert "econometrics" not in labels(client.get(URL), "method")

    ehs = Institute.objects.get(acronym="UNU-EHS")
    ehs.acronym = "UNU-EHS2"
    ehs.save()
    assert "UNU-EHS2" in labels(client.get(URL), "institute")


def test_a_migration_forgets_the_lists(member):
    first = filter_options.option_lists()
    call_command("migrate", "directory", verbosity=0)  # nothing to apply; still announced
    version = cache.get(filter_options.VERSION_KEY)
    assert cache.get(filter_options.LISTS_KEY.format(version=version)) is None
    assert filter_options.option_lists() == first


def test_without_the_cache_the_lists_are_read_from_the_tables(
    login, member, alice_profile, monkeypatch
):
    client = login(member)

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache is down")

    for method in ("get", "get_many", "get_or_set", "set", "incr"):
        monkeypatch.setattr(filter_options.freshness.cache, method, unreachable)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    assert labels(response, "theme")["remittances"].startswith("Remittances")
    Method.objects.create(slug="delphi", name="Delphi method")  # edits are not refused
    alice_profile.position = "Professor"
    alice_profile.save()
    assert Method.objects.filter(slug="delphi").exists()


def test_labels_are_translated_when_shown_not_when_cached(member, monkeypatch):
    lists = filter_options.option_lists()
    remittances = next(t for t in lists["theme"] if t.value == "remittances")
    assert remittances.label == Theme.objects.get(slug="remittances").name
    # A catalogue appears (English is the only one today): the same cached term follows it.
    monkeypatch.setattr(dimensions, "gettext", lambda text: f"[fr] {text}")
    cached = next(t for t in filter_options.option_lists()["theme"] if t.value == "remittances")
    assert cached.label == f"[fr] {remittances.name}"
    institute = next(t for t in lists["institute"] if t.value == "UNU-EHS")
    assert institute.label == "UNU-EHS" and not institute.translated  # names are not translated


def test_lists_cached_by_a_reader_before_the_commit_are_not_kept(
    member, django_capture_on_commit_callbacks
):
    """A reader between the change and its commit sees the old rows and caches them under the
    new version: the version is renewed again on commit, so that entry is never read."""
    before = filter_options.option_lists()
    area = Theme.objects.get(slug="migration-and-health")
    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.create(slug="ageing-migrants", name="Ageing migrants", parent=area)
        (version,) = filter_options.freshness.current(filter_options.VERSION_KEY)
        cache.set(filter_options.LISTS_KEY.format(version=version), before)  # the concurrent reader
        assert "ageing-migrants" not in {t.value for t in filter_options.option_lists()["theme"]}
    assert "ageing-migrants" in {t.value for t in filter_options.option_lists()["theme"]}


def test_a_lost_version_never_brings_back_older_entries(member):
    stale = filter_options.option_lists()
    (version,) = filter_options.freshness.current(filter_options.VERSION_KEY)
    Method.objects.create(slug="delphi", name="Delphi method")
    cache.delete(filter_options.VERSION_KEY)  # evicted
    cache.set(filter_options.LISTS_KEY.format(version=version), stale)  # an old entry still alive
    assert "delphi" in {t.value for t in filter_options.option_lists()["method"]}
