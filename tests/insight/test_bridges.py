"""Bridges: the counts against the hand-built network, the pair of themes, and the directory
link each cell and pair gives (followed, not just formatted)."""

import re
from html import unescape

import pytest
from django.urls import reverse

from directory.models import Theme
from insight import audiences, bridges

from .conftest import INITIATIVE, OUTPUT

PAIR = "?a=environmental-migration&b=remittances"


def area(slug):
    return Theme.objects.get(slug=slug).pk


def test_the_counts_match_the_network(network):
    found = bridges.compute(audiences.MEMBERS)
    forced, development = area("forced-migration"), area("migration-and-development")
    env, rem = area("environmental-migration"), area("remittances")
    assert found.total == 5
    assert found.held[forced] == 4  # Alice, Bob, Carla, Dan
    assert found.held[development] == 4  # Alice, Bob, Carla, Eve
    assert found.area_pairs[bridges.key(forced, development)] == 3
    assert found.theme_pairs[bridges.key(env, rem)] == 3
    assert found.area_initiatives[bridges.key(forced, development)] == 1
    assert found.area_outputs[bridges.key(forced, development)] == 1
    health = area("migration-and-health")
    assert found.area_pairs[bridges.key(forced, health)] == 1  # Bob


def test_the_public_counts_only_public_profiles_and_no_initiative(network):
    found = bridges.compute(audiences.PUBLIC)
    forced, development = area("forced-migration"), area("migration-and-development")
    assert found.total == 2  # Carla and Eve
    assert found.area_pairs[bridges.key(forced, development)] == 1
    assert found.area_initiatives == {}
    assert found.area_outputs[bridges.key(forced, development)] == 1


def test_under_connected_pairs_are_held_by_many_and_combined_by_few():
    # Focus areas 1 and 2; themes 11, 12 (area 1), 21, 22 (area 2), 13 held by too few.
    found = bridges.Bridges(
        total=100,
        themes={
            1: ("A", "a", None),
            2: ("B", "b", None),
            11: ("a1", "a1", 1),
            12: ("a2", "a2", 1),
            13: ("a3", "a3", 1),
            21: ("b1", "b1", 2),
            22: ("b2", "b2", 2),
        },
        held={11: 40, 12: 40, 13: 2, 21: 40, 22: 40},
        theme_pairs={(11, 21): 2, (12, 22): 30, (11, 22): 16, (12, 21): 16, (11, 12): 1},
    )
    rows = bridges.under_connected(found)
    assert [(a, b, both) for a, b, both, _lift in rows] == [
        (11, 21, 2),  # 40 and 40 of 100, 16 expected together, 2 are
        (11, 22, 16),
        (12, 21, 16),
        (12, 22, 30),
    ]  # never two themes of one focus area, never a theme few hold


def names(html: str) -> set[str]:
    return {
        name
        for name in (
            "Alice Moreau",
            "Bob Mensah",
            "Carla Public",
            "Dan Only-Environment",
            "Eve Public-Remittances",
        )
        if name in html
    }


def test_a_member_picks_two_themes_and_finds_the_people_and_the_initiative(login, network):
    client = login(network["alice"])
    response = client.get(reverse("insight:bridges") + PAIR)
    assert response.status_code == 200
    section = response.content.decode().split('id="pair"')[1].split('id="matrix-title"')[0]
    assert "3 people work on both" in section
    assert names(section) == {"Alice Moreau", "Bob Mensah", "Carla Public"}
    assert INITIATIVE in section
    assert OUTPUT in section


def test_the_directory_link_of_the_pair_lists_the_same_people(login, network):
    client = login(network["dan"])
    page = client.get(reverse("insight:bridges") + PAIR).content.decode()
    link = unescape(re.search(r'href="(/directory/\?[^"]+)">[^<]*directory', page).group(1))
    assert "theme=environmental-migration" in link and "also=remittances" in link
    response = client.get(link)
    assert response.status_code == 200
    results = response.content.decode().split('id="results-heading"')[1]
    assert names(results) == {"Alice Moreau", "Bob Mensah", "Carla Public"}


def test_every_cell_of_the_matrix_links_to_a_directory_page_with_its_people(login, network):
    client = login(network["alice"])
    page = client.get(reverse("insight:bridges")).content.decode()
    forced_dev = (
        reverse("directory:index") + "?theme=forced-migration&amp;also=migration-and-development"
    )
    assert f'href="{forced_dev}"' in page
    response = client.get(unescape(forced_dev))
    assert response.status_code == 200
    results = response.content.decode().split('id="results-heading"')[1]
    assert names(results) == {"Alice Moreau", "Bob Mensah", "Carla Public"}
    links = {unescape(href) for href in re.findall(r'href="(/directory/\?theme=[^"]+)"', page)}
    assert len(links) == 7 * 7  # the diagonal and every pair, each a page of the directory
    for href in sorted(links)[:5]:
        assert client.get(href).status_code == 200


def test_the_public_page_shows_public_profiles_only(client, network):
    response = client.get(reverse("network:bridges") + PAIR)
    assert response.status_code == 200
    html = response.content.decode()
    assert names(html) == {"Carla Public"}
    assert INITIATIVE not in html
    assert "/directory/?" not in html  # the directory is for members
    assert OUTPUT in html  # published: public


def test_a_bad_pair_is_refused_with_the_form_again(login, network):
    client = login(network["alice"])
    response = client.get(reverse("insight:bridges") + "?a=remittances&b=remittances")
    assert response.status_code == 400
    assert "Choose two different themes." in response.content.decode()


def test_the_members_page_is_refused_to_visitors_and_applicants(client, login, applicant):
    response = client.get(reverse("insight:bridges"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = login(applicant).get(reverse("insight:bridges"))
    assert response.status_code in {302, 403}


@pytest.mark.parametrize("url_name", ["insight:bridges", "network:bridges"])
def test_the_page_makes_a_fixed_number_of_queries(
    login, network, url_name, django_assert_max_num_queries, assert_stable_queries
):
    client = login(network["alice"])
    url = reverse(url_name) + PAIR
    client.get(url)  # the kept result is made here

    def grow():
        from tests.conftest import make_user

        for n in range(3):
            person = make_user(f"grow{n}@ehs.unu.example", f"Grow {n}")
            person.profile.themes.add(
                *Theme.objects.filter(slug__in=["remittances", "environmental-migration"])
            )
        client.get(url)  # warm again after the change

    count = assert_stable_queries(client, url, grow)
    assert count <= 20


def test_home_shows_colleagues_who_bridge_your_themes(login, network):
    html = login(network["alice"]).get(reverse("home")).content.decode()
    section = html.split('id="bridging-title"')[1].split("</section>")[0]
    assert "Bob Mensah" in section  # shares both, adds migrant health
    assert "Migrant health" in section
    assert "Dan Only-Environment" not in section  # nothing beyond Alice's focus areas


def test_the_kept_bridging_colleagues_follow_changes_at_once(login, network):
    def section():
        html = login(network["alice"]).get(reverse("home")).content.decode()
        return html.split('id="bridging-title"')[1].split("</section>")[0]

    assert "Bob Mensah" in section() and "Migrant health" in section()  # now kept
    health = Theme.objects.get(slug="migrant-health")
    health.name = "Health of migrants"
    health.save()  # the terms' version token moves
    assert "Health of migrants" in section() and "Migrant health" not in section()
    network["bob"].profile.themes.remove(health)  # the profiles' version token moves
    assert "Bob Mensah" not in section()
    network["bob"].profile.themes.add(health)
    assert "Bob Mensah" in section()
    # Deactivated without a signal (as between a change and its commit): not shown either.
    type(network["bob"]).objects.filter(pk=network["bob"].pk).update(is_active=False)
    assert "Bob Mensah" not in section()


def test_a_home_with_bridging_colleagues_reads_only_those_shown(
    login, network, assert_stable_queries
):
    # Warm: the kept bridges cost one query, the colleagues shown (through visible_to).
    assert assert_stable_queries(login(network["alice"]), reverse("home"), lambda: None) == 9
