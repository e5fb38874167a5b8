"""Collaboration across institutes: co-authorship from shared DOIs and outputs, joint
initiatives, the pairs who could work together; public and members' versions."""

import pytest
from django.urls import reverse

from insight import audiences, collaboration, graph

from .conftest import INITIATIVE


def test_the_matrix_counts_shared_works_and_initiatives(network):
    found = collaboration.compute(audiences.MEMBERS)
    gcm, ehs, wider = network["gcm"].pk, network["ehs"].pk, network["wider"].pk
    assert found.cell(gcm, ehs) == (1, 1)  # one DOI in two cases; Alice's initiative, Bob joined
    assert found.cell(gcm, gcm) == (1, 0)  # Alice and Dan
    assert found.cell(gcm, wider) == (1, 0)  # the output by Alice and Carla
    assert found.cell(ehs, wider) == (0, 0)
    assert found.members == {gcm: 2, ehs: 2, wider: 1}
    assert found.edges == 3
    # EHS and WIDER share both themes and never worked together.
    assert (min(ehs, wider), max(ehs, wider), 2) in found.opportunities
    assert all(pair[:2] != (min(gcm, ehs), max(gcm, ehs)) for pair in found.opportunities)


def test_the_public_version_counts_public_profiles_only(network):
    found = collaboration.compute(audiences.PUBLIC)
    assert found.works == {}  # Alice, who co-authored with Carla, is not public
    assert found.initiatives == {}
    assert found.members == {network["ehs"].pk: 1, network["wider"].pk: 1}


def test_the_layout_is_deterministic_and_inside_the_picture():
    weights = {(1, 2): 3, (2, 3): 1}
    first = graph.layout([1, 2, 3, 4], weights)
    assert first == graph.layout([1, 2, 3, 4], weights)
    for x, y in first.values():
        assert graph.MARGIN - 0.1 <= x <= graph.SIZE - graph.MARGIN + 0.1
        assert graph.MARGIN - 0.1 <= y <= graph.SIZE - graph.MARGIN + 0.1


def test_the_members_page_draws_the_graph_with_its_table(login, network):
    response = login(network["bob"]).get(reverse("insight:collaboration"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg viewBox="0 0 600 600" role="img"' in html
    assert html.count('class="edge"') == 2  # GCM-EHS, GCM-WIDER
    table = html.split('id="pairs-caption"')[1].split("</table>")[0]
    assert "UNU-EHS" in table and "UNU-WIDER" in table
    could = html.split('id="could-title"')[1]
    assert "UNU-EHS and UNU-WIDER: 2 themes in common" in could


def test_the_public_page_shows_no_members_only_work(client, network):
    response = client.get(reverse("network:collaboration"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="edge"' not in html
    assert INITIATIVE not in html
    assert "Joint initiatives" not in html


def test_the_members_page_is_refused_to_visitors(client, login, newcomer):
    response = client.get(reverse("insight:collaboration"))
    assert response.status_code == 302
    response = login(newcomer).get(reverse("insight:collaboration"))
    assert response.status_code in {302, 403}


@pytest.mark.parametrize("url_name", ["insight:collaboration", "network:collaboration"])
def test_the_page_makes_a_fixed_number_of_queries(login, network, url_name, assert_stable_queries):
    client = login(network["alice"])
    url = reverse(url_name)

    def grow():
        from directory.models import Publication

        for n in range(5):
            Publication.objects.create(
                profile=network["eve"].profile, title=f"W{n}", doi=f"10.9/{n}"
            )
            Publication.objects.create(
                profile=network["carla"].profile, title=f"W{n}", doi=f"10.9/{n}"
            )
        client.get(url)

    assert assert_stable_queries(client, url, grow) <= 8
