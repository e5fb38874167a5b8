"""The paths a large directory takes: sampled counts, ranking among recent matches, page size.

The thresholds are lowered here so that a few profiles take the paths 100,000 would.
"""

import pytest
from django.db import connection  # read by the skip conditions
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import facets, filters
from directory.views import browse
from tests.conftest import make_user

from .conftest import fill_profile

pytestmark = pytest.mark.django_db

URL = reverse("directory:index")

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the sampled and candidate paths are PostgreSQL's"
)


def crowd(count, institutes, **fields):
    return [
        fill_profile(
            make_user(f"c{n:03}@x.example", f"Crowd {n:03}", institute=institutes["ehs"]),
            **fields,
        )
        for n in range(count)
    ]


@postgres_only
def test_a_large_result_is_counted_over_a_sample_and_says_about(
    login, member, institutes, monkeypatch
):
    people = crowd(45, institutes, themes=["remittances"])  # ids in a row: one is sampled
    monkeypatch.setattr(facets, "SAMPLE_GATE", 1)
    response = login(member).get(URL, {"theme": "remittances"})
    assert response.status_code == 200
    assert response.context["estimated"] is True
    sampled = [p for p in people if p.pk % facets.SAMPLE_BUCKETS == 0]
    count = response.context["page"].paginator.count
    assert count == len(sampled) * facets.SAMPLE_BUCKETS  # the sample, scaled up
    by_theme = {o.value: o.count for o in response.context["counts"]["theme"]}
    assert by_theme["remittances"] == count
    assert b"About " in response.content and b"estimates from a sample" in response.content


@postgres_only
def test_a_small_result_is_counted_exactly(login, member, institutes):
    crowd(45, institutes, themes=["remittances"])
    response = login(member).get(URL, {"theme": "remittances"})
    assert response.context["estimated"] is False
    assert response.context["page"].paginator.count == 45
    assert b"estimates from a sample" not in response.content


@postgres_only
def test_a_huge_text_match_is_ranked_among_the_most_recent_matches(
    login, member, institutes, monkeypatch
):
    people = crowd(8, institutes, biography="remittances")
    for person in people[:3]:  # the three most recently updated
        person.position = "Remittances economist"
        person.save()
    monkeypatch.setattr(filters, "RANK_ALL_UP_TO", 5)
    monkeypatch.setattr(filters, "RANK_CANDIDATES", 3)
    response = login(member).get(URL, {"q": "remittances"})
    assert response.context["ranked_among"] == 3
    shown = {card.display_name for card in response.context["page"].object_list}
    assert shown == {p.user.display_name for p in people[:3]}
    assert b"most recently updated matches" in response.content
    by_name = login(member).get(URL, {"q": "remittances", "order": "name"})
    assert by_name.context["ranked_among"] is None  # other orders show every match
    assert len(by_name.context["page"].object_list) == 8


def test_the_query_count_does_not_depend_on_the_page_size(login, member, institutes, monkeypatch):
    crowd(24, institutes, themes=["remittances"], countries=["KE"], regions=["002"])
    client = login(member)
    client.get(URL)  # the session and the cached option lists are settled first
    counts = {}
    for size in (3, 20):
        monkeypatch.setattr(browse, "PAGE_SIZE", size)
        filters.data_changed()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"theme": "remittances"})
        assert len(response.context["page"].object_list) == size
        counts[size] = len(queries)
    # PostgreSQL counts the result with the options, in the same query.
    budget = {"sqlite": 8, "postgresql": 7}[connection.vendor]
    assert counts == {3: budget, 20: budget}


@postgres_only
def test_the_overview_of_a_huge_network_says_its_numbers_are_estimates(
    login, member, institutes, monkeypatch
):
    crowd(45, institutes, themes=["remittances"])
    monkeypatch.setattr(facets, "SAMPLE_GATE", 1)
    response = login(member).get(reverse("directory:overview"))
    assert response.context["estimated"] is True
    assert response.context["total"] % facets.SAMPLE_BUCKETS == 0
    assert b"estimates from a sample" in response.content


def test_the_overview_agrees_with_the_directory_it_links_to(login, member, institutes):
    crowd(6, institutes, themes=["remittances"], regions=["002"])
    fill_profile(
        make_user("solo@x.example", "Solo Person", institute=institutes["gcm"]),
        themes=["climate-mobility"],
        countries=["BD"],
    )
    client = login(member)
    overview = client.get(reverse("directory:overview"))
    bars = {bar.url: bar.value for chart in overview.context["charts"] for bar in chart.bars}
    assert bars  # every bar's number is the count of the page it links to
    for url, value in bars.items():
        assert client.get(url).context["page"].paginator.count == value, url
    everyone = client.get(reverse("directory:index")).context["page"].paginator.count
    assert overview.context["total"] == everyone == 8  # the crowd, Solo and the member
