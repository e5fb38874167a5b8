"""Issue 10, look and feel: what people see, checked in the rendered page at both widths and in
both colour schemes: axe-core, the contrast of text inside open popups, nothing off-screen."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.look import (
    SCHEMES,
    WIDTHS,
    low_contrast_text,
    outside_viewport,
    screenshot,
    serious_violations,
)

pytestmark = pytest.mark.browser
PASSWORD = "network-demo-2026"
MEMBER = "amina.haddad@gcm.unu.example"


@pytest.fixture
def member_page(browser, server):
    """``member_page(width, scheme)``: a signed-in member's page in that viewport and scheme."""
    contexts = []

    def _open(width: int, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, server, MEMBER, PASSWORD)
        page.wait_for_url(f"{server.url}/home/")
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_open_notification_dropdown_is_legible_and_on_screen(member_page, width, scheme):
    page = member_page(width, scheme)
    page.locator(".notif-toggle").click()
    panel = page.locator("#notif-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link").first).to_be_visible()
    screenshot(page, f"notification-dropdown-{width}-{scheme}", full_page=False)
    assert low_contrast_text(panel) == []
    assert outside_viewport(page, panel) is None
    assert serious_violations(page) == []
