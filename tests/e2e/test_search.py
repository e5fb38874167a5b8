"""Issue 14, item 4: the one search from the header box, as a member and as a visitor, at both
widths; the results page and the header box are kept as screenshots and checked with axe-core."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.look import WIDTHS, outside_viewport, screenshot, serious_violations

pytestmark = pytest.mark.browser
PASSWORD = "network-demo-2026"
MODERATOR = "moderator@merit.unu.example"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_member_finds_a_misspelt_name_from_the_header_box(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, server, MODERATOR, PASSWORD)
        page.wait_for_url(f"{server.url}/home/")
        header = page.locator(".site-header-inner")
        assert header.bounding_box()["height"] < 72, "the header keeps one row"
        page.locator(".header-search-toggle").click()
        box = page.get_by_role("search", name="Search the site").get_by_role("searchbox")
        expect(box).to_be_visible()
        assert outside_viewport(page, page.locator(".header-search-panel")) is None
        screenshot(page, f"search-header-{width}", full_page=False)
        box.fill("Hadad")
        box.press("Enter")
        page.wait_for_url("**/search/?q=Hadad")
        first = page.locator(".search-results > li").first
        expect(first.get_by_role("link", name="Amina Haddad")).to_be_visible()
        assert first.locator(".status-pill").inner_text() == "Person"
        page.get_by_label("Words to look for").fill("migration")
        page.get_by_role("main").get_by_role("button", name="Search", exact=True).click()
        page.wait_for_url("**/search/?q=migration")
        assert page.locator(".search-results > li").count() >= 3
        assert serious_violations(page) == []
        assert outside_viewport(page, page.locator(".search-results")) is None
        screenshot(page, f"search-results-member-{width}")
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_searches_the_public_set(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(server.url + "/search/?q=migration")
        kinds = {pill.inner_text() for pill in page.locator(".search-results .status-pill").all()}
        assert kinds and kinds <= {"Person", "Good practice", "Research or brief", "Event"}
        assert serious_violations(page) == []
        screenshot(page, f"search-results-visitor-{width}")
    finally:
        context.close()
