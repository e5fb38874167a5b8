"""The main menu marks exactly one section as the current page: the one the address is in."""

import re

import pytest

pytestmark = pytest.mark.django_db


def current_items(html: str) -> list[str]:
    return re.findall(r'aria-current="page">([^<]+)</a>', html.split("</nav>")[0])


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/home/", "Home"),
        ("/forum/", "Forum"),
        ("/forum/practices/", "Good practices"),
        ("/directory/", "Directory"),
        ("/directory/me/", "My profile"),
    ],
)
def test_one_section_is_current(login, member, path, section):
    response = login(member).get(path, follow=True)
    assert response.status_code == 200
    assert current_items(response.content.decode()) == [section]


def test_visitors_get_no_members_menu(client):
    assert current_items(client.get("/", follow=True).content.decode()) == []
