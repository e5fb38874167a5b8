"""Issue 14, item 4: one search across people, threads and posts, initiatives, practices,
outputs and events, each result typed, only what the searcher may see, ranked together."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from directory.models import Profile
from forum import actions as forum_actions
from forum.models import Category, Practice
from portal import search
from portal.models import Status
from tests.conftest import make_user
from tests.directory.conftest import fill_profile

from .conftest import make_event, make_output

pytestmark = pytest.mark.django_db

WORD = "zanzibar"  # in every item below, and nowhere else


@pytest.fixture
def world(member, other_member, moderator, institutes):
    category = Category.objects.create(name="General discussion", slug="general", order=1)
    forum_actions.create_thread(
        member, category=category, title=f"Members thread on {WORD}", body="For members."
    )
    thread = forum_actions.create_thread(
        other_member, category=category, title="Ports", body="Which ports?"
    )
    forum_actions.reply(member, thread, body=f"A reply about {WORD} ports.")
    forum_actions.propose_initiative(
        member,
        category=category,
        title=f"Initiative for {WORD}",
        summary="A joint proposal.",
        objectives="Objectives.",
    )
    curated = forum_actions.submit_practice(
        member,
        category=category,
        title=f"Curated practice in {WORD}",
        summary="It worked.",
        what_worked="Listening.",
    )
    forum_actions.review_practice(moderator, curated, Practice.Status.CURATED)
    Practice.objects.filter(pk=curated.pk).update(is_public=True)
    forum_actions.submit_practice(
        member,
        category=category,
        title=f"Draft practice in {WORD}",
        summary="Not reviewed yet.",
        what_worked="Unknown.",
    )
    declined = forum_actions.submit_practice(
        member,
        category=category,
        title=f"Declined practice in {WORD}",
        summary="Declined.",
        what_worked="Nothing.",
    )
    forum_actions.review_practice(
        moderator, declined, Practice.Status.DECLINED, reason="Out of scope."
    )
    make_output(member, title=f"Published brief on {WORD}")
    make_output(member, title=f"Draft brief on {WORD}", status=Status.DRAFT)
    make_event(member, title=f"Published event in {WORD}")
    fill_profile(
        make_user("amina@x.example", "Amína Haddad", institute=institutes["gcm"]),
        position=f"Researcher on {WORD}",
        visibility=Profile.Visibility.PUBLIC,
    )
    fill_profile(
        make_user("tomas@x.example", "Tomás Okonkwo", institute=institutes["gcm"]),
        position=f"Members-only researcher on {WORD}",
        visibility=Profile.Visibility.MEMBERS,
    )


def titles(client, q=WORD, **params):
    response = client.get(reverse("portal:search"), {"q": q, **params})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]], response


PUBLIC = {
    "Amína Haddad",
    f"Curated practice in {WORD}",
    f"Published brief on {WORD}",
    f"Published event in {WORD}",
}
MEMBERS_ONLY = {
    "Tomás Okonkwo",
    f"Members thread on {WORD}",
    "Ports",  # the reply
    f"Initiative for {WORD}",
}


@pytest.mark.parametrize("persona", [None, "applicant", "newcomer"])
def test_visitors_and_applicants_get_the_public_set_only(persona, client, world, request):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    found, response = titles(client)
    assert set(found) == PUBLIC
    page = response.content.decode()
    assert "Draft practice" not in page and "Declined practice" not in page
    assert "Draft brief" not in page


def test_a_member_gets_more_each_result_typed(login, other_member, world):
    found, response = titles(login(other_member))
    assert set(found) == PUBLIC | MEMBERS_ONLY
    kinds = {result.title: result.kind for result in response.context["results"]}
    assert kinds["Amína Haddad"] == "person"
    assert kinds[f"Members thread on {WORD}"] == "thread"
    assert kinds["Ports"] == "post"
    assert kinds[f"Initiative for {WORD}"] == "initiative"
    assert kinds[f"Curated practice in {WORD}"] == "practice"
    assert kinds[f"Published brief on {WORD}"] == "output"
    assert kinds[f"Published event in {WORD}"] == "event"
    page = response.content.decode()
    assert 'class="status-pill">Initiative<' in page and 'class="status-pill">Person<' in page


def test_drafts_and_declined_are_their_authors_and_the_moderators(login, member, moderator, world):
    mine, _ = titles(login(member))
    assert f"Draft practice in {WORD}" in mine and f"Declined practice in {WORD}" in mine
    assert f"Draft brief on {WORD}" in mine
    everything, _ = titles(login(moderator))
    assert f"Draft practice in {WORD}" in everything
    assert f"Declined practice in {WORD}" in everything


def test_results_of_every_kind_are_ranked_together(login, other_member, world):
    found, response = titles(login(other_member), q=f"initiative {WORD}")
    assert found[0] == f"Initiative for {WORD}"
    scores = [result.score for result in response.context["results"]]
    assert scores == sorted(scores, reverse=True)


def test_narrowing_to_one_kind(login, other_member, world):
    found, response = titles(login(other_member), kind="person")
    assert set(found) == {"Amína Haddad", "Tomás Okonkwo"}
    assert 'aria-current="page">People<' in response.content.decode()


def test_a_misspelt_name_finds_the_person(client, login, other_member, world):
    """On SQLite through rapidfuzz, on PostgreSQL through pg_trgm (the services run)."""
    found, _ = titles(client, q="Hadad")
    assert found[0] == "Amína Haddad"
    found, _ = titles(login(other_member), q="Okonkow")
    assert found[0] == "Tomás Okonkwo"


@pytest.mark.services
def test_a_misspelt_name_finds_the_person_on_postgres(postgres_url, client, world):
    found, _ = titles(client, q="Hadad")
    assert found[0] == "Amína Haddad"


@pytest.mark.parametrize(
    "q", ["", "   ", "\x00\x01\x1f", '"unclosed', "-", "-zanzibar", "<script>alert(1)</script>"]
)
def test_bad_input_is_a_calm_page(login, member, world, q):
    response = login(member).get(reverse("portal:search"), {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_very_long_query_is_shortened_and_said_so(login, member, world):
    typed = f"{WORD} " + "a" * 5000
    response = login(member).get(reverse("portal:search"), {"q": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "only the first 200 were looked for" in page
    assert len(response.context["q"]) == search.MAX_QUERY_LENGTH


def test_an_unknown_kind_searches_everything(login, member, world):
    response = login(member).get(reverse("portal:search"), {"q": WORD, "kind": "nonsense"})
    assert response.status_code == 200 and response.context["kind"] is None


def test_the_header_box_searches_from_every_page(client, login, member):
    for page in [client.get("/"), login(member).get(reverse("home"))]:
        html = page.content.decode()
        assert (
            'class="header-search-panel"' in html and f'action="{reverse("portal:search")}"' in html
        )


def test_the_search_costs_the_same_queries_whatever_it_finds(
    login, member, other_member, world, institutes, assert_stable_queries
):
    category = Category.objects.get(slug="general")
    counter = iter(range(100))

    def grow():
        for _ in range(12):
            n = next(counter)
            cache.clear()  # the rate limits' counters: this test writes faster than a person
            forum_actions.create_thread(
                other_member, category=category, title=f"More {WORD} {n}", body=f"{WORD} {n}"
            )
            make_output(member, title=f"Another brief on {WORD} {n}")
            fill_profile(
                make_user(f"p{n}@x.example", f"Person {n}", institute=institutes["gcm"]),
                position=f"On {WORD}",
            )

    client = login(other_member)
    url = reverse("portal:search") + f"?q={WORD}"
    assert assert_stable_queries(client, url, grow) <= 20
