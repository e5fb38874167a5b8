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


def test_the_menus_addresses_follow_the_members_language(login, member):
    """The addresses are reversed once per language (config.context_processors._addresses): the
    public Portal has the language's prefix, in each language the member switches to."""
    client = login(member)
    for language, portal in [("en", "/portal/"), ("fr", "/fr/portal/"), ("en", "/portal/")]:
        type(member).objects.filter(pk=member.pk).update(language=language)
        html = client.get("/forum/").content.decode().split("</nav>")[0]
        assert f'<a href="{portal}"' in html
