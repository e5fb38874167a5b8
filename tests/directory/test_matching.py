import pytest
from django.db import connection  # noqa: F401  (read by the skip condition)

from directory import matching
from directory.filters import data_changed
from directory.matching import experts_for
from directory.models import Country, Method, Region, Theme
from tests.conftest import make_user

from .conftest import fill_profile

pytestmark = pytest.mark.django_db


def test_experts_are_ranked_by_overlap_and_explained(alice_profile, bob_profile, institutes):
    carol = fill_profile(
        make_user("carol@x.example", "Carol Ibe", institute=institutes["gcm"]),
        themes=["statelessness"],
    )
    matches = experts_for(
        themes=[Theme.objects.get(slug="migration-and-development")],
        methods=[Method.objects.get(slug="econometrics")],
        regions=[Region.objects.get(code="014")],
    )
    assert [m.profile for m in matches] == [alice_profile, bob_profile]
    best = matches[0]
    assert {t.slug for t in best.themes} == {"remittances", "labour-migration-and-skills"}
    assert [m.slug for m in best.methods] == ["econometrics"]
    assert [r.code for r in best.regions] == ["014"]
    assert carol not in [m.profile for m in matches]


def test_a_country_matches_people_working_on_it_or_its_subregion(alice_profile, bob_profile):
    matches = experts_for(countries=[Country.objects.get(code="UG")])
    assert [m.profile for m in matches] == [alice_profile]
    assert [c.code for c in matches[0].countries] == ["UG"]


def test_excluded_people_and_non_members_are_left_out(alice_profile, bob_profile):
    remittances = Theme.objects.get(slug="remittances")
    matches = experts_for(themes=[remittances], exclude_user_ids=[alice_profile.user_id])
    assert [m.profile for m in matches] == [bob_profile]
    bob_profile.user.is_active = False
    bob_profile.user.save()
    assert experts_for(themes=[remittances], exclude_user_ids=[alice_profile.user_id]) == []


def test_no_criteria_no_suggestions(alice_profile):
    assert experts_for() == []


def test_the_query_count_does_not_grow_with_the_matches(
    alice_profile, bob_profile, django_assert_num_queries, institutes
):
    for n in range(10):
        fill_profile(
            make_user(f"p{n}@x.example", f"Person {n}", institute=institutes["ehs"]),
            themes=["remittances"],
            methods=["econometrics"],
            countries=["KE"],
        )
    criteria = {
        "themes": [Theme.objects.get(slug="remittances").pk],
        "methods": [Method.objects.get(slug="econometrics").pk],
        "countries": [Country.objects.get(code="KE").pk],
    }
    with django_assert_num_queries(8):
        matches = experts_for(**criteria, limit=10)
        assert len(matches) == 10
        assert all(m.themes and m.methods and m.countries for m in matches)
    with django_assert_num_queries(1):  # the same question again: the ranking is kept
        assert experts_for(**criteria, limit=10) == matches


def test_a_kept_ranking_follows_profile_changes(alice_profile, bob_profile):
    remittances = Theme.objects.get(slug="remittances")
    assert {m.profile for m in experts_for(themes=[remittances])} == {alice_profile, bob_profile}
    bob_profile.themes.clear()
    assert [m.profile for m in experts_for(themes=[remittances])] == [alice_profile]
    alice_profile.position = "Professor"
    alice_profile.save()
    assert experts_for(themes=[remittances])[0].profile.position == "Professor"


def test_what_a_kept_plan_shares_follows_profile_and_term_changes(alice_profile, bob_profile):
    remittances = Theme.objects.get(slug="remittances")
    econometrics = Method.objects.get(slug="econometrics")
    criteria = {"themes": [remittances], "methods": [econometrics]}
    kept = {m.profile: [t.name for t in m.themes] for m in experts_for(**criteria)}
    assert kept[bob_profile] == ["Remittances (financial and social)"]
    # A term renamed: its version token moves, the kept names are not read again.
    remittances.name = "Remittances and transfers"
    remittances.save()
    again = {m.profile: [t.label for t in m.themes] for m in experts_for(**criteria)}
    assert again[bob_profile] == ["Remittances and transfers"]
    # A shared term dropped from a profile: the profiles' token moves.
    held_methods = {m.profile: [x.slug for x in m.methods] for m in experts_for(**criteria)}
    alice_profile.methods.remove(econometrics)
    after = {m.profile: [x.slug for x in m.methods] for m in experts_for(**criteria)}
    assert held_methods.get(alice_profile) == ["econometrics"]
    assert after.get(alice_profile, []) == []


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the facets path is PostgreSQL's")
def test_the_facets_ranking_agrees_with_the_relation_tables(institutes, monkeypatch):
    """On PostgreSQL experts are found and scored from the facets array; the answer must be
    the one the relation tables give, for every kind of criterion."""
    people = [
        ("remittances", "econometrics", "KE", "002"),
        ("remittances", "remote-sensing-and-gis", "BD", "142"),
        ("climate-mobility", "econometrics", "UG", ""),
        ("climate-mobility", "", "KE", "014"),
        ("statelessness", "econometrics", "", "142"),
        ("", "", "FR", ""),
    ]
    for n, (theme, method, country, region) in enumerate(people):
        fill_profile(
            make_user(f"m{n}@x.example", f"Match {n}", institute=institutes["gcm"]),
            themes=[theme] if theme else [],
            methods=[method] if method else [],
            countries=[country] if country else [],
            regions=[region] if region else [],
        )
    questions = [
        {"themes": [Theme.objects.get(slug="forced-migration")]},  # a focus area
        {
            "themes": [Theme.objects.get(slug="remittances")],
            "methods": [Method.objects.get(slug="econometrics")],
        },
        {"countries": [Country.objects.get(code="KE")]},
        {
            "regions": [Region.objects.get(code="002")],
            "methods": [Method.objects.get(slug="econometrics")],
        },
        {
            "regions": [Region.objects.get(code="142")],
            "countries": [Country.objects.get(code="FR")],
        },
    ]
    for question in questions:
        from_facets = [(m.profile.pk, m.score) for m in experts_for(**question, limit=10)]
        monkeypatch.setattr(matching, "is_postgres", lambda: False)
        data_changed()  # not the kept ranking: the relation tables' own
        from_tables = [(m.profile.pk, m.score) for m in experts_for(**question, limit=10)]
        monkeypatch.undo()
        assert from_facets and from_facets == from_tables, question


def test_a_kept_ranking_never_shows_someone_no_longer_a_member(alice_profile, bob_profile):
    remittances = Theme.objects.get(slug="remittances")
    assert len(experts_for(themes=[remittances])) == 2
    # Deactivated without any signal (as between a change and its commit): the ranking is kept.
    type(bob_profile.user).objects.filter(pk=bob_profile.user_id).update(is_active=False)
    assert [m.profile for m in experts_for(themes=[remittances])] == [alice_profile]
