"""Issue 14, done when: two members hold a conversation live in two browsers. Amina writes to
Tomás from his profile; each sees the other's messages arrive on the open conversation page
without a reload, and is told through the live region. Screenshots of the inbox and the
conversation at 1366 and 390 px go to var/test-output/screenshots/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.notifications.live_servers import AMINA, PASSWORD, TOMAS

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "var" / "test-output" / "screenshots"


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SHOTS / f"conversations-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def live(page) -> None:
    """The page's notification socket is open and synced (live.js built the dropdown toggle and
    answered the first hello)."""
    expect(page.locator(".notif-toggle")).to_be_attached()
    page.wait_for_function("() => window.__synced === true")


def test_two_members_hold_a_conversation_live(server, new_page):
    amina = new_page()
    sign_in(amina, server, AMINA, PASSWORD)
    amina.goto(f"{server.url}/directory/?q=Okonkwo")
    amina.get_by_role("link", name="Tomás Okonkwo").first.click()
    amina.get_by_role("link", name="Write to this member").click()
    expect(amina.get_by_role("heading", level=1)).to_have_text("New conversation")
    amina.get_by_label("Subject").fill("Seasonal herders")
    amina.get_by_role("textbox", name="Message").fill("Could we compare our **survey** designs?")
    amina.get_by_role("button", name="Send").click()
    amina.wait_for_url(re.compile(r"/messages/\d+/"))
    expect(amina.get_by_role("heading", level=1)).to_have_text("Seasonal herders")
    expect(amina.locator(".messages-list strong")).to_have_text("survey")

    tomas = new_page()
    sign_in(tomas, server, TOMAS, PASSWORD)
    tomas.goto(f"{server.url}/messages/")
    item = tomas.locator(".inbox-item", has_text="Seasonal herders")
    expect(item).to_contain_text("1 unread")
    expect(item).to_contain_text("Amina Haddad")
    shoot(tomas, "inbox")
    item.get_by_role("link").click()
    expect(tomas.get_by_role("heading", level=1)).to_have_text("Seasonal herders")

    for page in (amina, tomas):
        page.evaluate(
            "document.addEventListener('live:synced', () => { window.__synced = true; });"
            "window.__notReloaded = true;"
        )
    # The listeners above may come after the first sync: make each page sync again.
    for page in (amina, tomas):
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    for page in (amina, tomas):
        live(page)

    tomas.get_by_label("Your message").fill("Yes, gladly. Ours pairs phone records with visits.")
    tomas.get_by_role("button", name="Send").click()
    tomas.wait_for_url(re.compile(r"/messages/\d+/"))
    expect(amina.locator(".messages-list")).to_contain_text("pairs phone records", timeout=10_000)
    expect(amina.locator("#live-announcer")).to_contain_text("New message from Tomás Okonkwo")
    assert amina.evaluate("window.__notReloaded") is True

    tomas.evaluate(
        "document.addEventListener('live:synced', () => { window.__synced = true; });"
        "window.__notReloaded = true;"
    )
    tomas.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    live(tomas)
    amina.get_by_label("Your message").fill("Perfect: shall we meet on Thursday?")
    amina.get_by_role("button", name="Send").click()
    expect(tomas.locator(".messages-list")).to_contain_text("meet on Thursday", timeout=10_000)
    expect(tomas.locator("#live-announcer")).to_contain_text("New message from Amina Haddad")
    assert tomas.evaluate("window.__notReloaded") is True
    shoot(tomas, "conversation")
