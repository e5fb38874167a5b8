"""Issue 10, look and feel: open popups (the language menu, the header's search panel, the
directory's filters at a phone's width, the mobile menu) pass axe and their text is legible in
both colour schemes; every control a finger aims at is at least 24 px at 390 px."""

import pytest
from playwright.sync_api import expect

from tests.e2e.look import (
    SCHEMES,
    WIDTHS,
    low_contrast_text,
    outside_viewport,
    screenshot,
    serious_violations,
    small_tap_targets,
)
from tests.notifications.live_servers import demo_thread_ids

pytestmark = pytest.mark.browser

# name: (page, the summary that opens it, the popup), and whether it exists at 1366 px.
POPUPS = {
    "language-menu": ("/home/", ".language-button", ".language-panel", True),
    "search-panel": ("/home/", ".header-search-toggle", ".header-search-panel", True),
    "filters-panel": ("/directory/", ".filters-toggle", ".filters-body", False),
    "mobile-menu": ("/home/", ".menu-button", ".nav-panel", False),
}


def open_popup(page, toggle: str, popup: str):
    page.locator(toggle).click()
    panel = page.locator(popup)
    expect(panel).to_be_visible()
    return panel


def popup_findings(page, server, width: int, scheme: str, popups: dict) -> dict[str, list]:
    """Open each popup on its page: axe's serious findings with it open, the text inside it
    below AA contrast, and the popup reaching out of the viewport."""
    findings = {}
    for name, (path, toggle, popup, wide) in popups.items():
        page.goto(server.url + path)
        if width > 1280 and not wide:
            expect(page.locator(toggle)).to_be_hidden()
            continue
        panel = open_popup(page, toggle, popup)
        screenshot(page, f"{name}-open-{width}-{scheme}", full_page=False)
        found = serious_violations(page) + [
            f"{item['text']!r} {item['ratio']:.2f}:1, needs {item['needed']}:1"
            for item in low_contrast_text(panel)
        ]
        if off := outside_viewport(page, panel):
            found.append(off)
        if found:
            findings[name] = found
    return findings


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_open_popups_pass_axe_and_their_text_is_legible(member_page, server, width, scheme):
    page = member_page(width, scheme)
    assert popup_findings(page, server, width, scheme, POPUPS) == {}


# A visitor's header on the public portal's home: Sign in and Join in the menu.
PUBLIC_POPUPS = {
    f"public-{name}": ("/", toggle, popup, wide)
    for name, (_path, toggle, popup, wide) in POPUPS.items()
    if name != "filters-panel"
}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitors_open_popups_pass_axe_and_are_legible(browser, server, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.set_default_timeout(10_000)
    findings = popup_findings(context.new_page(), server, width, scheme, PUBLIC_POPUPS)
    context.close()
    assert findings == {}


TAP_PAGES = ["/home/", "/directory/", "/notifications/", "/forum/", "thread", "/messages/"]


@pytest.mark.parametrize("path", TAP_PAGES)
def test_tap_targets_are_at_least_24_px_at_390(member_page, server, path):
    page = member_page(390)
    if path == "thread":
        path = f"/forum/t/{demo_thread_ids(server)[0]}/"
    page.goto(server.url + path)
    assert small_tap_targets(page) == []
    page.locator(".menu-button").click()
    assert small_tap_targets(page) == []


@pytest.mark.parametrize("path", ["/", "/outputs/"])
def test_tap_targets_are_at_least_24_px_at_390_on_the_public_site(browser, server, path):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(server.url + path)
    assert small_tap_targets(page) == []
    page.locator(".menu-button").click()
    assert small_tap_targets(page) == []
    context.close()
