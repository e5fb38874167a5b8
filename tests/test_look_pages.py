"""Issue 10, item 6: internals are not shown to people (raw user-agent strings, a three-way
"Featured only: Unknown" select); the site has an icon that loads."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from core.useragent import describe
from tests.conftest import PASSWORD

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.mark.parametrize(
    ("user_agent", "said"),
    [
        (FIREFOX, "Firefox on Linux"),
        (IPHONE, "Mobile Safari on iOS"),
        ("Laptop", "Unknown browser"),
        ("", "Unknown browser"),
        (None, "Unknown browser"),
    ],
)
def test_a_user_agent_is_told_as_browser_on_system(user_agent, said):
    assert describe(user_agent) == said


@pytest.mark.django_db
def test_the_sessions_list_names_browsers_not_user_agent_strings(member):
    laptop, phone = Client(HTTP_USER_AGENT=FIREFOX), Client(HTTP_USER_AGENT=IPHONE)
    for client in (laptop, phone):
        response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
        assert response.status_code == 302
    page = laptop.get(reverse("usersessions_list")).content.decode()
    assert ">Firefox on Linux</span>" in page
    assert ">Mobile Safari on iOS</span>" in page
    assert "This session" in page
    assert f">{FIREFOX}<" not in page


@pytest.mark.django_db
def test_visitors_do_not_see_the_sessions_list(client):
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_practice_library_offers_featured_only_as_a_checkbox(login, member):
    page = login(member).get(reverse("forum:practices")).content.decode()
    assert 'type="checkbox" name="featured" value="true"' in page
    assert "Unknown" not in page
    checked = login(member).get(reverse("forum:practices"), {"featured": "true"})
    assert 'name="featured" value="true" id="id_featured" checked' in checked.content.decode()


@pytest.mark.django_db
@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_the_pages_link_an_icon_that_answers_with_an_image():
    """The base template's ``<link rel="icon">`` points at a file that is there, an image (served
    from the static files as WhiteNoise serves them). /favicon.ico is not routed: browsers take
    the linked icon."""
    page = Client().get(reverse("account_login")).content.decode()
    icons = re.findall(r'<link rel="icon" href="([^"]+)" type="([^"]+)"', page)
    assert len(icons) == 1
    href, declared = icons[0]
    response = Client().get(href)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert response["Content-Type"].split(";")[0] == declared
    assert b"<svg" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_an_icon_that_is_not_there_is_not_found():
    assert Client().get("/static/img/no-such-icon.svg").status_code == 404
