import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from directory import country_and_language_names
from directory.models import SDG, Country, Language, Method, Profile, Region, Theme, vocabularies
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_data_migration_loads_every_vocabulary():
    assert Theme.objects.focus_areas().count() == 7
    assert Theme.objects.leaves().count() == 43
    assert Method.objects.count() == 15
    assert SDG.objects.count() == 17
    assert Language.objects.count() == 184
    assert Country.objects.count() == 250
    assert Language.objects.get(code="sw").name == "Swahili (macrolanguage)"


def test_country_codes_are_cleaned_iso_codes():
    assert Country.objects.filter(code__in=["GR", "GB"]).count() == 2
    assert not Country.objects.exclude(code__regex=r"^[A-Z]{2}$").exists()
    assert Country.objects.get(code="KE").subregion.code == "014"


def test_a_focus_area_expands_to_its_themes():
    health = Theme.objects.get(slug="migration-and-health")
    remittances = Theme.objects.get(slug="remittances")
    expanded = set(Theme.objects.expand([health, remittances.pk]).values_list("slug", flat=True))
    assert "migrant-health" in expanded
    assert "remittances" in expanded
    assert "migration-and-health" in expanded
    assert "refugees-and-asylum" not in expanded


def test_a_region_holds_its_subregions_countries():
    africa = Region.objects.get(code="002")
    codes = set(africa.countries().values_list("code", flat=True))
    assert {"KE", "NG", "EG", "ZA"} <= codes
    assert "FR" not in codes
    latin_america = Region.objects.get(code="419")
    assert set(latin_america.countries().values_list("code", flat=True)) >= {"BR", "MX", "JM"}


def test_groups_hold_their_member_countries():
    assert Region.objects.get(code="199").countries().filter(code="HT").exists()
    assert Region.objects.get(code="432").countries().filter(code="BO").exists()
    assert Region.objects.get(code="722").countries().filter(code="FJ").exists()
    assert not Region.objects.get(code="722").countries().filter(code="FR").exists()
    assert Region.objects.get(code="001").kind == Region.Kind.GLOBAL


def test_members_who_joined_before_the_directory_get_a_profile(institutes):
    user = make_user("early@gcm.unu.example", "Émilie Early")
    Profile.objects.filter(user=user).delete()
    migration = importlib.import_module("directory.migrations.0005_profiles_for_existing_members")
    # The migration only needs the connection and execute() of a schema editor.
    editor = SimpleNamespace(connection=connection, execute=connection.cursor().execute)
    migration.create_missing_profiles(apps, editor)
    profile = Profile.objects.get(user=user)
    assert Profile.objects.search("emilie").get() == profile


def test_country_and_language_names_are_collected_for_translation():
    countries = list(Country.objects.order_by("pk").values_list("name", flat=True))
    assert countries == country_and_language_names.COUNTRY_NAMES
    languages = list(Language.objects.order_by("pk").values_list("name", flat=True))
    assert languages == country_and_language_names.LANGUAGE_NAMES


def test_country_labels_are_translated_when_displayed(monkeypatch):
    monkeypatch.setattr(
        vocabularies, "gettext", lambda text: {"Kenya": "Kenia"}.get(text, text), raising=True
    )
    assert Country.objects.get(code="KE").label == "Kenia"
