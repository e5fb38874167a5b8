"""sitemap.xml, robots.txt, canonical URLs, Open Graph and schema.org JSON-LD."""

import json
import re

from django.urls import reverse

from directory.models import Profile
from portal.models import Output, Status

from .conftest import make_event, make_output

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response) -> dict:
    (payload,) = LD.findall(response.content.decode())
    return json.loads(payload)


def test_the_sitemap_lists_public_pages_only(client, member, other_member, settings):
    settings.SITE_URL = "https://network.example"
    published = make_output(member)
    draft = make_output(member, title="Draft", status=Status.DRAFT)
    event = make_event(member)
    hidden_event = make_event(member, title="Hidden", status=Status.SUBMITTED)
    Profile.objects.filter(user=other_member).update(visibility=Profile.Visibility.PUBLIC)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert published.get_absolute_url() in body and event.get_absolute_url() in body
    assert draft.get_absolute_url() not in body
    assert hidden_event.get_absolute_url() not in body
    assert reverse("directory:public_profile", args=[other_member.profile.pk]) in body
    assert reverse("directory:public_profile", args=[member.profile.pk]) not in body
    assert "<loc>https://" in body
    assert "/forum/" not in body and "/home/" not in body


def test_robots_keeps_member_areas_out_and_names_the_sitemap(client, settings):
    settings.SITE_URL = "https://network.example"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for area in ["/home/", "/directory/", "/forum/", "/notifications/", "/accounts/", "/portal/"]:
        assert f"Disallow: {area}" in lines
    assert "Allow: /directory/public/" in lines
    assert "Sitemap: https://network.example/sitemap.xml" in lines


def test_an_output_page_is_a_report_with_canonical_url_and_open_graph(client, member, settings):
    settings.SITE_URL = "https://network.example"
    output = make_output(member, kind=Output.Kind.POLICY_BRIEF, doi="10.1234/brief")
    Profile.objects.filter(user=member).update(visibility=Profile.Visibility.PUBLIC)
    response = client.get(output.get_absolute_url())
    body = response.content.decode()
    url = f"https://network.example{output.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in body
    assert f'<meta property="og:url" content="{url}">' in body
    assert '<meta property="og:type" content="article">' in body
    assert 'og:description" content="What changed in remittance flows.' in body
    data = json_ld(response)
    assert data["@type"] == "Report" and data["name"] == output.title
    assert data["identifier"]["value"] == "10.1234/brief"
    assert [author["name"] for author in data["author"]] == ["Alice Moreau", "A. Guest"]
    assert data["author"][0]["url"].endswith(
        reverse("directory:public_profile", args=[member.profile.pk])
    )
    assert "url" not in data["author"][1]


def test_an_article_is_a_scholarly_article(client, member):
    output = make_output(member, kind=Output.Kind.ARTICLE)
    assert json_ld(client.get(output.get_absolute_url()))["@type"] == "ScholarlyArticle"


def test_an_event_page_is_a_schema_org_event_in_its_zone(client, member):
    event = make_event(member, online_url="https://meet.example.org/x")
    data = json_ld(client.get(event.get_absolute_url()))
    assert data["@type"] == "Event"
    assert data["startDate"] == event.local_start.isoformat()
    assert data["startDate"][-6:] in {"+01:00", "+02:00"}  # Europe/Berlin
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"


def test_the_home_describes_the_network_as_an_organization(client, institutes):
    data = json_ld(client.get("/"))
    assert data["@type"] == "Organization"
    assert {org["alternateName"] for org in data["subOrganization"]} == {"UNU-GCM", "UNU-EHS"}


def test_json_ld_cannot_close_its_script(client, member):
    output = make_output(member, title="</script><script>alert(1)</script>")
    body = client.get(output.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in body
    assert json_ld(client.get(output.get_absolute_url()))["name"].startswith("</script>")
