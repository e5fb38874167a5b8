"""Issue 10, look and feel: what people see, checked in the rendered page at both widths and in
both colour schemes: axe-core, the contrast of text inside open popups, nothing off-screen."""

import itertools
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, server_env, sign_in, start_server
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
PASSWORD = "network-demo-2026"
MEMBER = "amina.haddad@gcm.unu.example"
MODERATOR = "moderator@merit.unu.example"
ADMIN = "admin@gcm.unu.example"


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


MEMBER_PAGES = {
    "home": "/home/",
    "directory": "/directory/",
    "collaborators": "/directory/collaborators/",
    "overview": "/directory/overview/",
    "profile-edit": "/directory/me/",
    "notifications": "/notifications/",
    "notification-preferences": "/notifications/preferences/",
    "account": "/accounts/settings/",
    "sessions": "/accounts/sessions/",
    "messages": "/messages/",
    "message-new": "/messages/new/",
    "output-new": "/portal/outputs/new/",
}
MODERATOR_PAGES = {
    "moderation": "/moderation/",
    "applications": "/moderation/applications/",
    "people": "/moderation/people/",
    "reports": "/moderation/reports/",
    "practice-queue": "/moderation/practices/?status=",
    "portal-review": "/moderation/portal/",
    "keyword-queue": "/moderation/keywords/",
    "invitations": "/moderation/invitations/?status=all",
    "import": "/moderation/invitations/import/",
    "audit-log": "/moderation/log/",
}
ADMIN_PAGES = {
    "institutes": "/moderation/institutes/",
    "institute": "/moderation/institutes/1/",
    "institute-new": "/moderation/institutes/new/",
}
VISITOR_PAGES = {
    "landing": "/",
    "sign-in": "/accounts/login/",
    "sign-up": "/accounts/signup/",
    "password-reset": "/accounts/password/reset/",
    "invitation-refused": "/invitations/no-such-token/",
    "subscribe": "/subscribe/",
    "outputs": "/outputs/",
    "events": "/events/",
    "practices": "/practices/",
}


def demo_ids(server) -> dict[str, int]:
    """Ids of the demo's first conversation of Amina, and of a published output, event and
    public practice."""
    out = server.manage(
        "shell",
        "-c",
        "from conversations.models import Participant; from portal.models import Event, Output; "
        "from forum.models import Practice; "
        "c = Participant.objects.filter(user__email='amina.haddad@gcm.unu.example')"
        ".order_by('conversation_id').first().conversation_id; "
        "o = Output.objects.public().order_by('pk').first().pk; "
        "e = Event.objects.public().order_by('pk').first().pk; "
        "p = Practice.objects.public().order_by('pk').first().pk; "
        "print(f'conversation={c} output={o} event={e} practice={p}')",
    )
    return {key: int(pk) for key, pk in (item.split("=") for item in out.split()[-4:])}


def check(page, name: str) -> list[str]:
    """Screenshot the page as it is now; return axe's serious or critical findings, and say so
    if the page is wider than the viewport (a sideways scroll on a phone)."""
    screenshot(page, name)
    findings = [f"{name}: {finding}" for finding in serious_violations(page)]
    wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if wider > 0:
        findings.append(f"{name}: {wider} px wider than the viewport")
    return findings


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_pass_axe_and_are_kept_as_screenshots(
    browser, server, member_page, width, scheme
):
    findings = []
    page = member_page(width, scheme)
    for name, path in MEMBER_PAGES.items():
        page.goto(server.url + path)
        findings += check(page, f"{name}-{width}-{scheme}")

    page.goto(server.url + "/directory/")
    page.locator(".results a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    findings += check(page, f"profile-{width}-{scheme}")

    thread_id, _post = demo_thread_ids(server)
    page.goto(f"{server.url}/forum/t/{thread_id}/")
    findings += check(page, f"thread-{width}-{scheme}")

    ids = demo_ids(server)
    page.goto(f"{server.url}/messages/{ids['conversation']}/")
    findings += check(page, f"conversation-{width}-{scheme}")

    page.goto(server.url + "/home/")
    menu_button = page.locator(".menu-button")
    nav = page.get_by_role("navigation", name="Main")
    directory_link = nav.get_by_role("link", name="Directory")
    if width < 1280:
        expect(directory_link).to_be_hidden()
        menu_button.click()
        expect(directory_link).to_be_visible()
        findings += check(page, f"menu-open-{width}-{scheme}")
        page.keyboard.press("Escape")
        expect(directory_link).to_be_hidden()
    else:
        expect(menu_button).to_be_hidden()
        expect(directory_link).to_be_visible()

    moderator = member_page(width, scheme, email=MODERATOR)
    for name, path in MODERATOR_PAGES.items():
        moderator.goto(server.url + path)
        findings += check(moderator, f"{name}-{width}-{scheme}")

    admin = member_page(width, scheme, email=ADMIN)
    for name, path in ADMIN_PAGES.items():
        admin.goto(server.url + path)
        findings += check(admin, f"{name}-{width}-{scheme}")

    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    visitor = context.new_page()
    for name, path in VISITOR_PAGES.items():
        visitor.goto(server.url + path)
        findings += check(visitor, f"{name}-{width}-{scheme}")
    for kind in ("output", "event", "practice"):
        visitor.goto(f"{server.url}/{kind}s/{ids[kind]}/")
        expect(visitor.get_by_role("heading", level=1)).to_be_visible()
        findings += check(visitor, f"{kind}-{width}-{scheme}")
    context.close()
    assert findings == []


SIDEWAYS_TABLES = """() => [...document.querySelectorAll(".table-wrap")]
    .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
    .map((wrap) => wrap.getAttribute("aria-label"))"""
UNLABELLED_CELLS = """() => [...document.querySelectorAll("table.stack tbody td:not([data-label])")]
    .filter((cell) => !cell.querySelector("form, a, button") && cell.textContent.trim())
    .map((cell) => cell.textContent.trim().slice(0, 40))"""


def test_at_390_px_moderation_lists_are_cards_with_their_column_names(member_page, server):
    """A moderation list at a phone's width is one card a row, each value under its column's
    name, not a table of columns a few words wide that scrolls sideways."""
    page = member_page(390, email=MODERATOR)
    found = {}
    for name, path in {**MODERATOR_PAGES, "institutes": "/moderation/institutes/"}.items():
        page = member_page(390, email=ADMIN) if name == "institutes" else page
        page.goto(server.url + path)
        found[name] = (page.evaluate(SIDEWAYS_TABLES), page.evaluate(UNLABELLED_CELLS))
    assert {name: f for name, f in found.items() if f != ([], [])} == {}
    page.goto(server.url + "/moderation/log/")
    first = page.locator("table.stack tbody tr").first.locator("td").first
    label = first.evaluate("(cell) => getComputedStyle(cell, '::before').content")
    assert label == '"When"'
    cells = page.locator("table.stack tbody tr").first.locator("td")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert all(b["y"] < after["y"] for b, after in itertools.pairwise(boxes))  # one under another


def test_at_390_px_the_results_come_first_under_a_filters_button(member_page, server):
    page = member_page(390)
    page.goto(server.url + "/directory/?theme=forced-migration&region=002")
    toggle = page.get_by_text("Filters (2)")
    expect(toggle).to_be_visible()
    theme = page.get_by_role("checkbox", name=re.compile(r"^Forced migration \("))
    expect(theme).to_be_hidden()
    first_result = page.locator(".results .card").first
    assert first_result.bounding_box()["y"] < 900, "the first result is not on the first screen"
    assert small_tap_targets(page) == []

    toggle.click()
    expect(theme).to_be_visible()
    expect(theme).to_be_checked()
    page.get_by_role("checkbox", name=re.compile(r"^Open to collaborate \(")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("Filters (3)")).to_be_visible()
    assert "open=true" in page.url


def test_at_1366_px_the_filters_stand_open_beside_the_results(member_page, server):
    page = member_page(1366)
    page.goto(server.url + "/directory/")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Forced migration \("))).to_be_visible()
    expect(page.locator(".filters-toggle")).to_be_hidden()


@pytest.mark.parametrize("width", WIDTHS)
def test_overview_chart_labels_are_whole_and_on_screen(member_page, server, width):
    page = member_page(width)
    page.goto(server.url + "/directory/overview/")
    labels = page.locator(".bar-label")
    expect(labels.first).to_be_visible()
    clipped = labels.evaluate_all(
        """(labels) => labels.filter((label) => {
            const box = label.getBoundingClientRect();
            const chart = label.closest(".chart").getBoundingClientRect();
            return label.scrollWidth > label.clientWidth || box.height < 14
                || box.left < chart.left || box.right > chart.right;
        }).map((label) => label.textContent)"""
    )
    assert clipped == []
    assert "Migration governance and policy" in labels.all_text_contents()


FORUM_PAGES = {
    "forum": "/forum/",
    "category": "/forum/c/methods/",
    "practices-library": "/forum/practices/",
    "forum-search": "/forum/search/?q=data",
    "new-thread": "/forum/new/",
    "new-initiative": "/forum/initiatives/new/",
    "new-practice": "/forum/practices/new/",
}


def first_thread_of_each_kind(server) -> dict[str, int]:
    out = server.manage(
        "shell",
        "-c",
        "from forum.models import Thread; "
        "print(*(f'{k}={Thread.objects.filter(kind=k).order_by(\"pk\").first().pk}' "
        "for k in ('initiative', 'practice')))",
    )
    return dict((kind, int(pk)) for kind, pk in (item.split("=") for item in out.split()[-2:]))


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_forum_pages_pass_axe_and_are_kept_as_screenshots(member_page, server, width, scheme):
    page = member_page(width, scheme)
    findings = []
    for name, path in FORUM_PAGES.items():
        page.goto(server.url + path)
        findings += check(page, f"{name}-{width}-{scheme}")
    for kind, pk in first_thread_of_each_kind(server).items():
        page.goto(f"{server.url}/forum/t/{pk}/")
        expect(page.locator(f"section.{kind}")).to_be_visible()
        findings += check(page, f"{kind}-{width}-{scheme}")

    thread_id, post_id = demo_thread_ids(server)
    page.goto(f"{server.url}/forum/p/{post_id}/history/")
    findings += check(page, f"post-history-{width}-{scheme}")

    page.goto(f"{server.url}/forum/t/{thread_id}/")
    page.get_by_label("Your reply").fill("**Census** data, with @[Tomás Okonkwo]")
    page.get_by_role("tab", name="Preview").click()
    preview = page.get_by_role("tabpanel", name="Preview")
    expect(preview.locator("strong")).to_have_text("Census")
    expect(preview.get_by_role("link", name="@Tomás Okonkwo")).to_be_visible()
    expect(page.get_by_label("Your reply")).to_be_hidden()
    preview.scroll_into_view_if_needed()
    findings += check(page, f"composer-preview-{width}-{scheme}")
    page.get_by_role("tab", name="Write").press("ArrowRight")
    expect(page.get_by_role("tab", name="Preview")).to_be_focused()
    page.keyboard.press("Home")
    expect(page.get_by_label("Your reply")).to_have_value("**Census** data, with @[Tomás Okonkwo]")
    assert findings == []


@pytest.fixture(scope="module")
def production_server(chromium, tmp_path_factory):
    """The site with DEBUG off (its own 403 and 404 pages, not Django's debug ones), over plain
    HTTP: collected static files, no TLS redirect, cookies not marked secure."""
    var_dir = tmp_path_factory.mktemp("e2e-production")
    extra = {
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(var_dir / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=server_env(var_dir, 0, **extra),
        check=True,
        capture_output=True,
    )
    srv = start_server(var_dir, env_extra=extra)
    yield srv
    srv.stop()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_error_pages_pass_axe_and_are_kept_as_screenshots(
    browser, production_server, width, scheme
):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, production_server, MEMBER, PASSWORD)
    page.wait_for_url(f"{production_server.url}/home/")
    findings = []
    pages = [(404, "not-found", "/forum/t/999999/"), (403, "forbidden", "/forum/moderation/")]
    for status, name, path in pages:
        response = page.goto(production_server.url + path)
        assert response.status == status
        expect(page.get_by_role("link", name="Back to the start")).to_be_visible()
        findings += check(page, f"{name}-{width}-{scheme}")
    context.close()
    assert findings == []


@pytest.mark.parametrize("width", [390, 1100, 1280, 1366])
def test_the_header_keeps_the_brand_clear_of_the_navigation(member_page, server, width):
    """A moderator's navigation is the longest: at 1366 and 1280 px it stands beside the brand
    with room between them; narrower, it folds behind the menu button (on a phone the logo
    stands for the brand). One row, nothing overflows."""
    page = member_page(width, email=MODERATOR)
    screenshot(page, f"header-moderator-{width}", full_page=False)
    header = page.locator(".site-header-inner")
    assert header.evaluate("(el) => el.scrollWidth <= el.clientWidth")
    assert header.bounding_box()["height"] < 72, "the header wraps onto a second row"
    expect(page.get_by_role("link", name="Migration Network")).to_be_visible()
    menu_button = page.locator(".menu-button")
    if width < 1280:
        expect(menu_button).to_be_visible()
        return
    expect(menu_button).to_be_hidden()
    brand = page.locator(".brand span").bounding_box()
    first_link = page.get_by_role("navigation", name="Main").get_by_role("link").first
    gap = first_link.bounding_box()["x"] - (brand["x"] + brand["width"])
    assert gap >= 24, f"{gap:.0f} px between the brand and the first link"
