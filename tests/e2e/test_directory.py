"""Directory, done when: a demo member completes their profile, finds the right colleague by
theme + region + method, sees why a suggestion is similar, and imports ORCID works."""

import re

import pytest
from playwright.sync_api import expect

from tests.directory import orcid_server
from tests.e2e.conftest import sign_in, start_server

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "network-demo-2026"
ORCID = "0000-0002-1825-0097"


def test_a_member_completes_their_profile_and_finds_a_colleague(server, new_page):
    page = new_page()
    sign_in(page, server, "amina.haddad@gcm.unu.example", DEMO_PASSWORD)
    page.goto(server.url + "/directory/")
    page.get_by_role("navigation", name="Directory sections").get_by_role(
        "link", name="My profile"
    ).click()
    expect(page.get_by_role("heading", name="Profile completeness")).to_be_visible()
    page.get_by_label("Position").fill("Principal Research Fellow")
    page.get_by_label("Policy indices").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    assert page.get_by_label("Position").input_value() == "Principal Research Fellow"

    sections = page.get_by_role("navigation", name="Directory sections")
    sections.get_by_role("link", name="Directory", exact=True).click()
    filters = page.get_by_role("form", name="Filter the directory")
    for option in ("Forced migration", "Africa", "Remote sensing and GIS"):
        filters.get_by_role("checkbox", name=re.compile(rf"^{option} \(")).check()
    page.get_by_role("button", name="Apply filters").click()
    assert "theme=forced-migration" in page.url and "region=002" in page.url
    page.get_by_role("link", name="Tomás Okonkwo").click()
    expect(page.get_by_role("heading", name="Tomás Okonkwo", level=1)).to_be_visible()
    similar = page.get_by_role("region", name="Similar experts")
    expect(similar.get_by_text("Shares").first).to_be_visible()


def test_a_member_imports_works_from_orcid(tmp_path, new_page):
    api = orcid_server.start({ORCID: orcid_server.WORKS})
    own = start_server(
        tmp_path / "orcid",
        env_extra={"ORCID_API_URL": f"http://127.0.0.1:{api.server_address[1]}"},
    )
    try:
        page = new_page()
        sign_in(page, own, "tomas.okonkwo@ehs.unu.example", DEMO_PASSWORD)
        page.goto(own.url + "/directory/me/")
        publications = page.get_by_role("region", name="Publications")
        publications.get_by_label(re.compile("ORCID iD")).fill(f"https://orcid.org/{ORCID}")
        page.get_by_role("button", name="Fetch my public works").click()
        page.wait_for_url(re.compile(r"/directory/me/orcid/\d+/$"))
        expect(page.get_by_text("Ready for your review")).to_be_visible()
        assert page.get_by_label("Climate mobility in the Sahel").is_checked()
        page.get_by_label("Climate mobility in the Sahel").uncheck()
        page.get_by_role("button", name="Add the chosen works").click()
        expect(page.get_by_text("1 works added.")).to_be_visible()
        publications = page.get_by_role("region", name="Publications")
        assert publications.get_by_role(
            "link", name="Remittances and resilience in Kenya"
        ).is_visible()
        assert publications.get_by_role("link", name="Climate mobility in the Sahel").count() == 0
    finally:
        own.process.terminate()
        own.process.wait(10)
        api.shutdown()
        api.server_close()
