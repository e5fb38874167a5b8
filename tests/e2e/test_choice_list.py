"""Issue 10, item 4: long vocabularies as searchable checkbox lists, used with the keyboard, and
plain checkboxes when JavaScript is off."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.look import serious_violations

pytestmark = pytest.mark.browser
PASSWORD = "network-demo-2026"
MEMBER = "tomas.okonkwo@ehs.unu.example"


def countries(page):
    return page.get_by_role("group", name="Countries of focus")


def test_a_member_finds_a_country_by_typing_and_picks_it_with_the_keyboard(server, new_page):
    page = new_page()
    sign_in(page, server, MEMBER, PASSWORD)
    page.goto(server.url + "/directory/me/")
    search = countries(page).get_by_role("searchbox", name="Search the list: Countries of focus")
    search.fill("kenia")
    expect(countries(page).get_by_text("Nothing matches.")).to_be_visible()
    search.fill("kiri")
    kiribati = countries(page).get_by_role("checkbox", name="Kiribati")
    expect(kiribati).to_be_visible()
    # Only Kiribati and the countries already chosen stay in sight.
    shown = countries(page).locator("input[type=checkbox]:visible:not(:checked)")
    expect(shown).to_have_count(1)
    assert serious_violations(page) == []

    search.press("ArrowDown")
    expect(kiribati).to_be_focused()
    page.keyboard.press("Space")
    expect(kiribati).to_be_checked()
    expect(countries(page).get_by_text(re.compile(r"^\d+ chosen$"))).to_be_visible()
    search.fill("")
    expect(countries(page).get_by_role("checkbox", name="Uruguay")).to_be_visible()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(countries(page).get_by_role("checkbox", name="Kiribati")).to_be_checked()


def test_without_javascript_the_plain_checkboxes_remain(server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, server, MEMBER, PASSWORD)
        page.goto(server.url + "/directory/collaborators/")
        themes = page.get_by_role("group", name="Themes")
        expect(themes.get_by_role("searchbox")).to_have_count(0)
        themes.get_by_role("checkbox", name="Statelessness").check()
        page.get_by_role("button", name="Find").click()
        assert "themes=" in page.url
        expect(page.get_by_role("checkbox", name="Statelessness")).to_be_checked()
    finally:
        context.close()
