"""Issue 5, done when: two members in two browsers see each other's replies arrive live."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.notifications.live_servers import (
    AMINA,
    DEMO_THREAD,
    PASSWORD,
    TOMAS,
    demo_thread_ids,
    fresh_thread,
)

pytestmark = pytest.mark.browser


def unread(page) -> int:
    badge = page.locator("[data-live-badge] [data-unread-count]")
    return int(badge.text_content() or 0) if badge.is_visible() else 0


def test_a_reply_reaches_the_thread_authors_badge_and_open_page_without_reload(server, new_page):
    author = new_page()  # B: Amina started the thread
    sign_in(author, server, AMINA, PASSWORD)
    thread_id, _opening = demo_thread_ids(server)
    author.goto(f"{server.url}/forum/t/{thread_id}/?page=last")
    expect(author.get_by_role("heading", level=1)).to_have_text(DEMO_THREAD)
    expect(author.locator("#posts[data-live-thread]")).to_be_visible()
    # The page connected its sockets (the dropdown toggle appears once live.js runs).
    expect(author.locator(".notif-toggle")).to_be_attached()
    author.wait_for_timeout(500)
    before = unread(author)
    author.evaluate("window.__notReloaded = true")

    replier = new_page()  # A: Tomás replies in Amina's thread
    sign_in(replier, server, TOMAS, PASSWORD)
    replier.goto(author.url)
    text = "Mobile phone records miss seasonal herders; we pair them with surveys."
    replier.locator("#reply-form textarea").fill(text)
    replier.locator("#reply-form").get_by_role("button", name="Post reply").click()
    replier.wait_for_url(re.compile(r"/forum/"))

    expect(author.locator("#posts")).to_contain_text(text, timeout=5000)
    expect(author.locator("[data-live-badge] [data-unread-count]")).to_have_text(
        str(before + 1), timeout=5000
    )
    expect(author.locator("#live-announcer")).to_contain_text("New")
    assert author.evaluate("window.__notReloaded") is True

    author.locator(".notif-toggle").click()
    panel = author.locator("#notif-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link").first).to_contain_text("Tom")
    expect(panel.get_by_role("link").first).to_have_accessible_name(re.compile(r"\(unread\)$"))
    author.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(author.locator(".notif-toggle")).to_be_focused()

    # Read everything in another tab: this tab's badge and dropdown follow.
    other_tab = author.context.new_page()
    other_tab.goto(f"{server.url}/notifications/")
    other_tab.get_by_role("button", name="Mark all as read").click()
    expect(author.locator("[data-live-badge] [data-unread-count]")).to_be_hidden()
    author.locator(".notif-toggle").click()
    expect(panel.get_by_role("link").first).not_to_have_accessible_name(re.compile(r"unread"))


def test_a_mention_reaches_the_named_member_reading_the_thread(server, new_page):
    thread_id, _opening = demo_thread_ids(server)
    url = f"{server.url}/forum/t/{thread_id}/?page=last"
    named = new_page()  # Tomás reads the thread, having read everything
    sign_in(named, server, TOMAS, PASSWORD)
    named.goto(f"{server.url}/notifications/")
    mark_all = named.get_by_role("button", name="Mark all as read")
    if mark_all.count():
        mark_all.click()
    named.goto(url)
    expect(named.locator(".notif-toggle")).to_be_attached()
    badge_link = named.locator("[data-live-badge]")
    # Nothing unread: the link does not say "unread" to screen readers either.
    expect(badge_link).to_have_accessible_name("Notifications")
    before = unread(named)

    author = new_page()  # Amina names him in her answer
    sign_in(author, server, AMINA, PASSWORD)
    author.goto(url)
    author.locator("#reply-form textarea").fill("@[Tomás Okonkwo] could you share the survey?")
    author.locator("#reply-form").get_by_role("button", name="Post reply").click()
    author.wait_for_url(re.compile(r"/forum/"))

    expect(named.locator("#posts")).to_contain_text("could you share the survey?")
    expect(named.locator("[data-live-badge] [data-unread-count]")).to_have_text(str(before + 1))
    expect(badge_link).to_have_accessible_name(f"Notifications {before + 1} unread")
    expect(named.locator("#live-announcer")).to_contain_text("mentioned you")


def test_a_reader_is_told_live_when_a_moderator_removes_the_thread(server, new_page):
    reader = new_page()
    sign_in(reader, server, TOMAS, PASSWORD)
    # Its own thread: removing the demo thread would take it from the later browser tests.
    thread_id = fresh_thread(server, "A thread a moderator will remove")
    reader.goto(f"{server.url}/forum/t/{thread_id}/?page=last")
    expect(reader.locator(".notif-toggle")).to_be_attached()
    reader.wait_for_timeout(500)
    draft = reader.locator("#reply-form textarea")
    draft.fill("A draft that must not be lost.")

    moderator = new_page()
    sign_in(moderator, server, "moderator@merit.unu.example", PASSWORD)
    moderator.goto(f"{server.url}/forum/t/{thread_id}/moderate/?action=delete_thread")
    moderator.get_by_label("Reason").fill("Duplicate of another thread.")
    moderator.locator("main form button[type=submit]").click()
    moderator.wait_for_load_state()

    notice = "This thread was removed by a moderator."
    expect(reader.locator("#live-removed")).to_have_text(notice, timeout=5000)
    expect(reader.locator("#live-announcer")).to_contain_text(notice)
    expect(draft).to_have_value("A draft that must not be lost.")
    assert draft.evaluate("box => box.readOnly") is True
    expect(reader.locator("#reply-form").get_by_role("button", name="Post reply")).to_be_disabled()
