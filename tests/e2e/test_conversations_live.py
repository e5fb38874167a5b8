"""Issue 14, done when: two members hold a conversation live in two browsers. Amina writes to
Tomás from his profile; each sees the other's messages arrive on the open conversation page
without a reload, and is told through the live region; a message sent while one's socket was
down appears once it reconnects. Screenshots of the inbox and the conversation at 1366 and 390 px
go to var/test-output/screenshots/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.notifications.live_servers import AMINA, PASSWORD, TOMAS, csrf_token, signed_in

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


# Every WebSocket the page opens is kept in window.__sockets; while window.__holdSockets is true,
# new ones go to a closed port and fail at once, as they would with the network gone.
HOLDABLE_SOCKETS = """
(() => {
  const Real = window.WebSocket;
  window.__sockets = [];
  window.__holdSockets = false;
  window.WebSocket = function (url, protocols) {
    const socket = new Real(window.__holdSockets ? "ws://127.0.0.1:9/held" : url, protocols);
    window.__sockets.push(socket);
    return socket;
  };
  for (const k of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) window.WebSocket[k] = Real[k];
  window.WebSocket.prototype = Real.prototype;
})();
"""


def test_a_message_sent_while_the_socket_was_down_appears_after_it_reconnects(server, new_page):
    amina = new_page()
    amina.add_init_script(HOLDABLE_SOCKETS)
    sign_in(amina, server, AMINA, PASSWORD)
    amina.goto(f"{server.url}/directory/?q=Okonkwo")
    amina.get_by_role("link", name="Tomás Okonkwo").first.click()
    amina.get_by_role("link", name="Write to this member").click()
    amina.get_by_label("Subject").fill("Reconnecting")
    amina.get_by_role("textbox", name="Message").fill("Are you there?")
    amina.get_by_role("button", name="Send").click()
    amina.wait_for_url(re.compile(r"/messages/\d+/"))
    conversation_url = amina.url.split("?")[0].split("#")[0]
    amina.evaluate("document.addEventListener('live:synced', () => { window.__synced = true; })")
    amina.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    live(amina)

    # Her socket drops, and every reconnect fails until she is back online.
    amina.evaluate(
        "window.__holdSockets = true;"
        "window.__sockets.filter((s) => s.url.endsWith('/ws/notifications/'))"
        "  .forEach((s) => s.close());"
    )
    amina.wait_for_function(
        "() => window.__sockets.filter((s) => s.url.endsWith('/ws/notifications/'))"
        "  .every((s) => s.readyState === WebSocket.CLOSED)"
    )
    amina.wait_for_function("() => window.__sockets.some((s) => s.url.endsWith('/held'))")

    # Meanwhile Tomás answers, over plain HTTP: the hint to her socket goes nowhere.
    tomas = signed_in(server.url, TOMAS)
    page = tomas.get(conversation_url, timeout=10)
    assert page.status_code == 200
    sent = tomas.post(
        conversation_url + "send/",
        data={"csrfmiddlewaretoken": csrf_token(page.text), "body": "Here, sorry: on a train."},
        headers={"Referer": conversation_url},
        timeout=10,
        allow_redirects=False,
    )
    assert sent.status_code == 302, sent.text[:500]
    assert "on a train" not in amina.locator(".messages-list").inner_text()

    # Back online: the socket reconnects, syncs, and the page fetches what it missed.
    amina.evaluate("window.__holdSockets = false; window.dispatchEvent(new Event('online'))")
    expect(amina.locator(".messages-list")).to_contain_text("on a train", timeout=45_000)
    expect(amina.locator("#live-announcer")).to_contain_text("Tomás Okonkwo", timeout=10_000)
    assert amina.locator(".messages-list").get_by_text("on a train").count() == 1
