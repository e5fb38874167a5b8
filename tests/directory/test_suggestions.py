"""Issue 15 item 5, expertise from publications: the vocabulary terms a member's works name are
suggested with the works that support them; the member accepts or dismisses each, and nothing
is added silently. The matching is checked on a small corpus shipped with the tests."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from directory import suggestions
from directory.models import DismissedSuggestion, Publication, Theme
from tests.directory.conftest import fill_profile

pytestmark = pytest.mark.django_db
CORPUS = json.loads((Path(__file__).parent / "suggestions_corpus.json").read_text())
PAGE = reverse("directory:suggestions")


@pytest.mark.parametrize("entry", CORPUS, ids=[e["title"][:40] for e in CORPUS])
def test_the_corpus_titles_suggest_the_expected_terms(entry):
    found = suggestions.find([(entry["title"], entry["title"])])
    assert {(s.kind, s.term.name) for s in found} == {tuple(pair) for pair in entry["suggests"]}
    assert all(s.works == [entry["title"]] for s in found)


def test_each_suggestion_names_the_phrase_and_every_work_it_was_found_in():
    works = [("a", "Remittances to Senegal"), ("b", "Mobile money and remittances"), ("c", "Ports")]
    (remittances,) = [s for s in suggestions.find(works) if s.kind == "theme"]
    assert remittances.phrase == "remittance"
    assert remittances.works == ["a", "b"]


def add_works(profile, *titles):
    for title in titles:
        Publication.objects.create(profile=profile, title=title, year=2025)


@pytest.fixture
def profile_with_works(member):
    profile = fill_profile(member, themes=["remittances"])
    add_works(
        profile,
        "Remittances and household resilience after floods in Bangladesh",
        "Climate mobility in the Sahel: evidence from Niger and Mali",
        "Statelessness and citizenship in Southern Africa",
    )
    return profile


def test_terms_already_on_the_profile_are_not_suggested(profile_with_works):
    found = {(s.kind, s.term.name) for s in suggestions.for_profile(profile_with_works)}
    assert ("theme", "Remittances (financial and social)") not in found
    assert ("theme", "Climate mobility") in found
    assert ("country", "Bangladesh") in found


def test_the_member_sees_each_suggestion_with_its_works(login, member, profile_with_works):
    html = login(member).get(PAGE).content.decode()
    assert "Climate mobility" in html
    assert "Climate mobility in the Sahel: evidence from Niger and Mali" in html
    assert "“climate mobility” appears in 1 of your works" in html
    assert "Remittances (financial and social)" not in html  # already held


def accept(client, kind, term):
    return client.post(PAGE, {"kind": kind, "term": term.pk, "decision": "accept"})


def test_a_member_accepts_two_suggested_themes(login, member, profile_with_works):
    client = login(member)
    climate = Theme.objects.get(name="Climate mobility")
    statelessness = Theme.objects.get(name="Statelessness")
    assert accept(client, "theme", climate).status_code == 302
    assert accept(client, "theme", statelessness).status_code == 302
    profile_with_works.refresh_from_db()
    assert {climate, statelessness} <= set(profile_with_works.themes.all())
    html = client.get(PAGE).content.decode()
    assert "</span> Climate mobility" not in html  # both now held: neither is offered again
    assert "</span> Statelessness" not in html
    assert "</span> Bangladesh" in html  # the others still are
    keys = {s.key for s in suggestions.for_profile(profile_with_works)}
    assert f"theme:{climate.pk}" not in keys and f"theme:{statelessness.pk}" not in keys


def test_a_dismissed_suggestion_is_not_offered_again_and_adds_nothing(
    login, member, profile_with_works
):
    client = login(member)
    climate = Theme.objects.get(name="Climate mobility")
    response = client.post(PAGE, {"kind": "theme", "term": climate.pk, "decision": "dismiss"})
    assert response.status_code == 302
    assert DismissedSuggestion.objects.filter(profile=profile_with_works, term_id=climate.pk)
    assert climate not in profile_with_works.themes.all()
    assert f"theme:{climate.pk}" not in {s.key for s in suggestions.for_profile(profile_with_works)}


def test_a_term_that_was_not_suggested_is_refused_with_a_reason(login, member, profile_with_works):
    client = login(member)
    ports = Theme.objects.get(name="Statelessness")
    DismissedSuggestion.objects.create(profile=profile_with_works, kind="theme", term_id=ports.pk)
    response = accept(client, "theme", ports)
    assert response.status_code == 400
    assert "no longer open" in response.content.decode()
    assert ports not in profile_with_works.themes.all()
    bad = client.post(PAGE, {"kind": "planet", "term": "x", "decision": "accept"})
    assert bad.status_code == 400


def test_only_members_have_suggestions(client, login, applicant):
    assert client.get(PAGE).status_code == 302  # to sign in
    refused = login(applicant).get(PAGE)
    assert (refused.status_code, refused["Location"]) == (302, reverse("accounts:status"))


def test_the_page_costs_the_same_queries_with_more_works(
    login, member, profile_with_works, assert_stable_queries
):
    def grow():
        add_works(
            profile_with_works,
            "Gravity models of labour migration within the Gulf",
            "Human trafficking routes across Central America",
            "Refugee integration in German cities: qualitative interviews",
        )

    assert assert_stable_queries(login(member), PAGE, grow) <= 20
