"""The public site's URLs carry the language: /fr/outputs/ is the French page whatever the
browser says, /outputs/ follows the visitor, and every page names its versions (hreflang, the
sitemap). Members' pages have no prefix."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.portal.conftest import make_output

pytestmark = pytest.mark.django_db

SITE = "http://testserver.example"
LANGUAGES = ["en", "ar", "zh-hans", "fr", "ru", "es"]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def links(response, rel) -> list[str]:
    return re.findall(rf'<link rel="{rel}"[^>]*>', response.content.decode())


def test_a_prefixed_page_is_in_its_language_whatever_the_browser_says(client):
    response = client.get("/fr/outputs/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    page = response.content.decode()
    assert "Recherche" in page
    assert 'href="/fr/events/"' in page  # its links stay in French
    assert 'href="/events/"' not in page


def test_an_arabic_browser_gets_the_public_home_in_arabic_right_to_left(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar-EG,ar;q=0.9,en;q=0.5")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    assert "أبحاث الهجرة، مشتركة بين المعاهد" in response.content.decode()
    assert f'<link rel="canonical" href="{SITE}/ar/">' in response.content.decode()
    assert "Accept-Language" in response["Vary"]


def test_every_public_page_names_its_versions_in_each_language(client, member):
    output = make_output(member)
    response = client.get(f"/ru/outputs/{output.pk}/")
    assert response.status_code == 200
    alternates = links(response, "alternate")
    expected = [
        f'<link rel="alternate" hreflang="{code}" href="{SITE}/{prefix}outputs/{output.pk}/">'
        for code, prefix in [(c, "" if c == "en" else f"{c}/") for c in LANGUAGES]
    ]
    expected.append(
        f'<link rel="alternate" hreflang="x-default" href="{SITE}/outputs/{output.pk}/">'
    )
    assert [a for a in alternates if "hreflang" in a] == expected
    assert links(response, "canonical") == [
        f'<link rel="canonical" href="{SITE}/ru/outputs/{output.pk}/">'
    ]


def test_members_pages_have_no_language_urls(client, member):
    client.force_login(member)
    response = client.get("/home/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200 and "hreflang" not in response.content.decode()
    assert client.get("/fr/home/")["Location"] == "/home/"


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/de/outputs/", "/outputs/"),
        ("/xx/outputs/?kind=policy_brief", "/outputs/?kind=policy_brief"),
        ("/zh-hant/events/", "/events/"),
        ("/fr/accounts/login/", "/accounts/login/"),
    ],
)
def test_an_unknown_or_misplaced_language_prefix_leads_to_the_page(client, path, location):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == location


@pytest.mark.parametrize("path", ["/de/no-such-page/", "/fr/no-such-page/", "/ar'/outputs/"])
def test_a_prefix_before_nothing_is_still_a_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("page", "code", "location"),
    [
        ("/fr/outputs/", "es", "/es/outputs/"),
        ("/fr/outputs/", "en", "/outputs/"),
        ("/outputs/", "ar", "/ar/outputs/"),
        ("/accounts/login/", "ru", "/accounts/login/"),
    ],
)
def test_switching_language_goes_to_the_same_page_in_the_new_language(client, page, code, location):
    client.cookies["django_language"] = "zh-hans"  # whatever was chosen before
    response = client.post("/i18n/setlang/", {"language": code, "next": page})
    assert response.status_code == 302 and response["Location"] == location
    assert response.cookies["django_language"].value == code


def test_the_sitemap_lists_each_page_in_each_language_with_its_alternates(client, member):
    output = make_output(member)
    body = client.get("/sitemap.xml").content.decode()
    site = re.search(r"<loc>(https?://[^/]+)/</loc>", body).group(1)  # the sites framework's
    for prefix in ["", "ar/", "zh-hans/", "fr/", "ru/", "es/"]:
        assert f"<loc>{site}/{prefix}outputs/{output.pk}/</loc>" in body
    for code, prefix in [("fr", "fr/"), ("x-default", "")]:
        link = f'hreflang="{code}" href="{site}/{prefix}outputs/{output.pk}/"/>'
        assert f'<xhtml:link rel="alternate" {link}' in body


def test_the_kept_public_pages_are_kept_per_language(client, member):
    make_output(member, title="Kept brief")

    def visit(path, accept):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200
        return len(captured.captured_queries), html_tag(response)

    first_fr = visit("/outputs/", "fr")
    first_ar = visit("/outputs/", "ar")
    assert first_fr[0] > 0 and first_ar[0] > 0, "the Arabic page is not the French one kept"
    assert first_fr[1] == '<html lang="fr" dir="ltr">'
    assert first_ar[1] == '<html lang="ar" dir="rtl">'
    assert visit("/outputs/", "fr") == (0, '<html lang="fr" dir="ltr">')
    assert visit("/outputs/", "ar") == (0, '<html lang="ar" dir="rtl">')
    assert visit("/es/outputs/", "ar")[1] == '<html lang="es" dir="ltr">'


def test_the_language_menu_works_on_a_kept_page(member):
    from django.test import Client

    make_output(member, title="Kept brief")
    Client().get("/outputs/")  # another visitor: the page is now kept
    visitor = Client(enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as captured:
        page = visitor.get("/outputs/")
    assert len(captured.captured_queries) == 0, "served from the cache"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert "visitor_csrf" not in token and "csrftoken" in page.cookies
    response = visitor.post(
        "/i18n/setlang/", {"language": "fr", "next": "/outputs/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and response["Location"] == "/fr/outputs/"
