"""Contributions per SDG: outputs and practices in public, initiatives for members too."""

import pytest
from django.urls import reverse

from insight import audiences, sdgs

from .conftest import INITIATIVE, OUTPUT


def goal(goals, number):
    return next(g for g in goals if g.number == number)


def test_each_goal_counts_what_names_it(network):
    goals = sdgs.compute(audiences.MEMBERS)
    assert len(goals) == 17
    assert goal(goals, 13).counts == {"outputs": 1, "initiatives": 1}
    assert goal(goals, 10).counts == {"outputs": 1}
    assert goal(goals, 1).counts == {}
    public = sdgs.compute(audiences.PUBLIC)
    assert goal(public, 13).counts == {"outputs": 1}


def test_the_public_page_shows_outputs_and_no_initiative(client, network):
    response = client.get(reverse("network:sdgs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert OUTPUT in html
    assert INITIATIVE not in html
    assert reverse("portal:output", args=[network["output"].pk]) in html


def test_members_see_initiatives_per_goal(login, network):
    response = login(network["bob"]).get(reverse("insight:sdgs"))
    assert response.status_code == 200
    row = response.content.decode().split("13. Climate action")[1].split("</tr>")[0]
    assert INITIATIVE in row and OUTPUT in row


def test_the_members_page_is_refused_to_visitors(client):
    response = client.get(reverse("insight:sdgs"))
    assert response.status_code == 302


@pytest.mark.parametrize("url_name", ["insight:sdgs", "network:sdgs"])
def test_the_page_makes_a_fixed_number_of_queries(login, network, url_name, assert_stable_queries):
    from tests.portal.conftest import make_output

    client = login(network["alice"])
    url = reverse(url_name)

    def grow():
        for n in range(3):
            output = make_output(network["alice"], title=f"More {n}")
            output.sdgs.add(*network["output"].sdgs.all())
        client.get(url)

    assert assert_stable_queries(client, url, grow) <= 8
