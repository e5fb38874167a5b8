"""Issue 10, "people are links everywhere, with a small profile card on hover/focus": the card
opens on hover and on keyboard focus, stays while the pointer moves onto it, Escape dismisses it
(WCAG 1.4.13), and inside it axe and the contrast of the painted text pass in both themes."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.look import SCHEMES, WIDTHS, low_contrast_text, screenshot, serious_violations
from tests.notifications.live_servers import demo_thread_ids

pytestmark = pytest.mark.browser
PASSWORD = "network-demo-2026"
MEMBER = "amina.haddad@gcm.unu.example"


@pytest.fixture
def open_page(browser, server):
    contexts = []

    def _open(width=1366, scheme="light"):
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
def test_a_post_authors_card_opens_on_hover_and_focus_and_closes_with_escape(
    open_page, server, width, scheme
):
    page = open_page(width, scheme)
    thread_id, _post = demo_thread_ids(server)
    page.goto(f"{server.url}/forum/t/{thread_id}/")
    author = page.locator("article.post a.person").first
    expect(author).to_have_attribute("href", re.compile(r"/directory/people/\d+/$"))
    card = page.get_by_role("tooltip")

    author.hover()
    expect(card).to_be_visible()
    expect(author).to_have_attribute("aria-describedby", "person-card")
    expect(card.locator(".person-card-name")).to_have_text(author.inner_text())
    expect(card.locator(".tags li").first).to_be_visible()
    screenshot(page, f"person-card-{width}-{scheme}", full_page=False)
    assert low_contrast_text(card) == []
    assert serious_violations(page) == []

    card.hover()  # the pointer may move onto the card: it stays
    page.wait_for_timeout(600)  # longer than the card's grace period, so a wrong hide shows
    expect(card).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(author).not_to_have_attribute("aria-describedby", "person-card")

    page.mouse.move(1, 1)
    author.focus()
    expect(card).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(author).to_be_focused()


def test_mentions_participants_and_directory_results_get_cards_too(open_page, server):
    page = open_page()
    card = page.get_by_role("tooltip")
    thread_id, _post = demo_thread_ids(server)
    page.goto(f"{server.url}/forum/t/{thread_id}/")
    page.get_by_label("Your reply").fill("With @[Tomás Okonkwo]")
    page.get_by_role("tab", name="Preview").click()
    preview = page.get_by_role("tabpanel", name="Preview")
    mention = preview.get_by_role("link", name="@Tomás Okonkwo")
    mention.hover()
    expect(card).to_contain_text("Tomás Okonkwo")

    page.goto(f"{server.url}/directory/")
    result = page.locator(".results .card h3 a").first
    result.hover()
    expect(card.locator(".person-card-name")).to_have_text(result.inner_text())

    out = server.manage(
        "shell",
        "-c",
        "from forum.models import Thread; "
        "print(Thread.objects.filter(kind='initiative', initiative__participations__isnull=False)"
        ".order_by('pk').first().pk)",
    )
    page.goto(f"{server.url}/forum/t/{out.split()[-1]}/")
    participant = page.locator(".participants a.person").first
    participant.focus()
    expect(card.locator(".person-card-name")).to_have_text(participant.inner_text())


def test_without_javascript_a_person_is_a_plain_link(browser, server):
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, server, MEMBER, PASSWORD)
    page.wait_for_url(f"{server.url}/home/")
    thread_id, _post = demo_thread_ids(server)
    page.goto(f"{server.url}/forum/t/{thread_id}/")
    author = page.locator("article.post a.person").first
    author.click()
    expect(page).to_have_url(re.compile(r"/directory/people/\d+/$"))
    context.close()
