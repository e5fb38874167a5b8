"""The site in Arabic, Chinese and Russian, as a person sees it: switched with the header's
language menu, mirrored right to left in Arabic, axe-clean in each language, screenshots kept."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.look import screenshot, serious_violations
from tests.notifications.live_servers import demo_thread_ids

pytestmark = pytest.mark.browser
PASSWORD = "network-demo-2026"
MEMBER = "amina.haddad@gcm.unu.example"
WIDTHS = (1366, 390)


@pytest.fixture
def visitor(browser):
    contexts = []

    def _open(width: int, locale: str = "en-GB"):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale=locale)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def switch_to(page, name: str) -> None:
    """Choose a language with the header's menu, as a person does."""
    page.locator(".language-menu summary").click()
    page.locator(".language-list").get_by_role("button", name=name).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", WIDTHS)
def test_switching_to_arabic_mirrors_the_page(server, visitor, width):
    page = visitor(width)
    page.goto(server.url + "/")
    switch_to(page, "العربيّة")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert page.url == server.url + "/ar/"
    nav = page.get_by_role("navigation", name="الموقع العام")
    items = nav.get_by_role("link")
    first, last = items.first.bounding_box(), items.last.bounding_box()
    box = nav.bounding_box()

    def right(b):
        return b["x"] + b["width"]

    # The first item sits at the navigation's right edge, the others to its left.
    assert right(box) - right(first) < 16 and first["x"] - box["x"] > box["width"] / 2
    if first["y"] == last["y"]:
        assert first["x"] > last["x"]
    # The brand starts the header at its right end; the language menu is at the left.
    header = page.locator(".site-header-inner").bounding_box()
    brand = page.locator(".brand").bounding_box()
    menu = page.locator(".language-menu").bounding_box()
    assert right(header) - right(brand) < 32 and menu["x"] < brand["x"]
    screenshot(page, f"languages-home-ar-{width}")
    assert serious_violations(page) == []


@pytest.mark.parametrize(
    ("locale", "lang", "heading"),
    [
        ("zh-CN", "zh-hans", "移民研究，跨研究所共享"),  # noqa: RUF001
        ("ru-RU", "ru", "Исследования миграции — общие для всех институтов"),
        ("ar-EG", "ar", "أبحاث الهجرة، مشتركة بين المعاهد"),
    ],
)
def test_the_public_pages_follow_the_browser_and_stay_accessible(
    server, visitor, locale, lang, heading
):
    page = visitor(1366, locale)
    page.goto(server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert serious_violations(page) == []
    screenshot(page, f"languages-home-{lang}-1366")
    for path in ["outputs/", "events/", "practices/", "about/"]:
        page.goto(f"{server.url}/{lang}/{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert serious_violations(page) == [], path


@pytest.mark.parametrize(("name", "lang"), [("العربيّة", "ar"), ("简体中文", "zh-hans")])
@pytest.mark.parametrize("width", WIDTHS)
def test_a_member_reads_a_thread_in_arabic_and_chinese(server, visitor, name, lang, width):
    thread_id, _post = demo_thread_ids(server)
    page = visitor(width)
    sign_in(page, server, MEMBER, PASSWORD)
    page.wait_for_url(f"{server.url}/home/")
    switch_to(page, name)
    try:
        expect(page.locator("html")).to_have_attribute("lang", lang)
        screenshot(page, f"languages-member-home-{lang}-{width}")
        assert serious_violations(page) == []
        page.goto(f"{server.url}/forum/t/{thread_id}/")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        screenshot(page, f"languages-thread-{lang}-{width}")
        assert serious_violations(page) == []
    finally:
        # The choice is the member's, kept in the shared server's database: give it back, so
        # the browser tests that follow read the demo member's pages in English.
        switch_to(page, "English")
        expect(page.locator("html")).to_have_attribute("lang", "en")
