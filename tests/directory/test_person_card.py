"""The profile card shown on a person's link (directory:card): a fragment, only for a profile
the viewer may see (the directory's one rule), in a fixed number of queries, kept per version."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from directory.models import Profile
from tests.directory.conftest import fill_profile

pytestmark = pytest.mark.django_db


def card_url(profile):
    return reverse("directory:card", args=[profile.pk])


def test_a_member_sees_a_members_card_with_name_institute_and_top_themes(
    login, member, bob_profile
):
    fill_profile(
        bob_profile.user,
        themes=["climate-mobility", "remittances", "forced-migration", "diasporas"],
    )
    response = login(member).get(card_url(bob_profile))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html, "a fragment, not a page"
    assert "Bob Mensah" in html
    assert bob_profile.user.institute.name in html
    assert "Climate mobility" in html
    assert html.count("<li>") == 3, "the top three themes only"
    assert "<script" not in html and "style=" not in html
    assert "<a " not in html, "a tooltip holds nothing that takes focus"


def test_a_visitor_gets_the_card_of_a_public_profile_only(client, bob_profile):
    assert client.get(card_url(bob_profile)).status_code == 404
    bob_profile.visibility = Profile.Visibility.PUBLIC
    bob_profile.save()
    response = client.get(card_url(bob_profile))
    assert response.status_code == 200
    assert b"Bob Mensah" in response.content


def test_an_applicant_is_refused_a_members_only_card(login, applicant, bob_profile):
    assert login(applicant).get(card_url(bob_profile)).status_code in {302, 403, 404}


def test_nobody_gets_the_card_of_a_former_member(login, member, bob_profile):
    User.objects.filter(pk=bob_profile.user_id).update(is_active=False)
    assert login(member).get(card_url(bob_profile)).status_code == 404


def directory_queries(client, url) -> list[str]:
    """The queries of one request that read the directory (the session, the member and the
    session list are the same on every page)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if '"directory_' in q["sql"]]


def test_the_card_costs_two_queries_then_one_kept_per_version_of_the_profile(
    login, member, bob_profile
):
    cache.clear()
    client = login(member)
    assert len(directory_queries(client, card_url(bob_profile))) == 2  # the profile, its themes
    assert len(directory_queries(client, card_url(bob_profile))) == 1  # the themes are kept
    bob_profile.position = "Professor of geography"
    bob_profile.save()
    assert len(directory_queries(client, card_url(bob_profile))) == 2
    assert b"Professor of geography" in client.get(card_url(bob_profile)).content


def test_the_card_query_count_does_not_grow_with_the_profile(login, member, bob_profile):
    fill_profile(
        bob_profile.user,
        themes=["climate-mobility", "remittances", "forced-migration", "diasporas"],
        countries=["BD", "KE", "UG", "DE"],
    )
    cache.clear()
    assert len(directory_queries(login(member), card_url(bob_profile))) == 2
