"""Initiative workspaces, done when: a proposer invites a suggested expert, who accepts from the
notification and sees the private workspace; a member outside it gets 404 for the workspace and
its thread. The pages are checked by axe-core and kept as screenshots at 1366 and 390 px, light
and dark (var/test-output/screenshots/)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.demo import invented_people
from tests.e2e import look
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser
PASSWORD = "network-demo-2026"
AMINA = "amina.haddad@gcm.unu.example"
TOMAS = "tomas.okonkwo@ehs.unu.example"
# The demo's third and fourth invented members: Leila, invited into the demo's workspace, and
# Kwame, in no workspace at all.
LEILA, KWAME = (email for email, _name, _acronym in invented_people()[2:4])
TITLE = "Coastal relocation study"


def test_a_suggested_expert_is_invited_accepts_and_sees_what_others_cannot(server, new_page):
    amina = new_page()
    sign_in(amina, server, AMINA, PASSWORD)
    amina.goto(server.url + "/forum/initiatives/new/")
    amina.get_by_label("Category").select_option(label="Initiatives")
    amina.get_by_label("Title").fill(TITLE)
    amina.get_by_label("Summary").fill("Where planned relocation works, and for whom.")
    amina.get_by_label("Objectives").fill("- Case studies\n- A joint proposal")
    sought = amina.get_by_role("group", name="Themes sought")
    sought.get_by_role("checkbox", name="Climate mobility", exact=True).check()
    amina.get_by_role("button", name="Propose the initiative").click()
    amina.get_by_role("heading", name=TITLE).wait_for()

    amina.get_by_role("button", name="Start a private workspace").click()
    assert amina.get_by_text(
        "The workspace is open: only the initiative's people see it."
    ).is_visible()
    workspace_url = amina.url
    amina.get_by_role("link", name="Start a thread in the workspace").click()
    amina.get_by_label("Title").fill("Budget under embargo")
    amina.get_by_label("Text").fill("The figures stay in here until the call opens.")
    amina.get_by_role("button", name="Start the thread").click()
    amina.get_by_role("heading", name="Budget under embargo").wait_for()
    thread_url = amina.url
    expect(amina.get_by_role("link", name="Private: in the initiative's workspace")).to_be_visible()

    amina.goto(workspace_url)
    amina.get_by_role("button", name="Invite Tomás Okonkwo").click()
    assert amina.get_by_text("Tomás Okonkwo is invited and will be told.").is_visible()
    invited = amina.get_by_role("heading", name="Invited, not answered yet")
    expect(invited).to_be_visible()

    kwame = new_page()
    sign_in(kwame, server, KWAME, PASSWORD)
    assert kwame.goto(workspace_url).status == 404
    assert kwame.goto(thread_url).status == 404
    kwame.goto(server.url + "/forum/search/?q=embargo")
    assert kwame.get_by_role("link", name=re.compile("Budget under embargo")).count() == 0

    tomas = new_page()
    sign_in(tomas, server, TOMAS, PASSWORD)
    assert tomas.goto(workspace_url).status == 404  # not yet
    tomas.goto(server.url + "/notifications/")
    tomas.get_by_role(
        "link", name=re.compile(f"Amina Haddad invites you into the workspace of “{TITLE}”")
    ).click()
    tomas.get_by_role("heading", name="An invitation into a workspace").wait_for()
    assert look.serious_violations(tomas) == []
    tomas.get_by_role("button", name="Accept").click()
    expect(
        tomas.get_by_text("Welcome: you take part in this initiative's workspace.")
    ).to_be_visible()
    assert tomas.url == workspace_url
    expect(tomas.locator(".participants").get_by_text("Tomás Okonkwo").first).to_be_visible()
    tomas.get_by_role("link", name="Budget under embargo").click()
    expect(tomas.get_by_text("The figures stay in here until the call opens.")).to_be_visible()
    assert look.serious_violations(tomas) == []

    amina.goto(server.url + "/notifications/")
    assert amina.get_by_role(
        "link", name=re.compile("Tomás Okonkwo accepted your invitation")
    ).is_visible()
    assert kwame.goto(workspace_url).status == 404  # still not


@pytest.mark.parametrize("scheme", look.SCHEMES)
@pytest.mark.parametrize("width", look.WIDTHS)
def test_the_workspace_pages_read_well(server, browser, width, scheme):
    """The demo's initiative, its workspace and a thread in it, as the proposer sees them, and
    Leila's invitation into it."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.set_default_timeout(10_000)
    page = context.new_page()

    def looked_at(name):
        assert look.serious_violations(page) == [], name
        width_of_page = page.evaluate("document.documentElement.scrollWidth")
        assert width_of_page <= width + 1, (name, width_of_page)
        look.screenshot(page, f"workspace-{name}-{width}-{scheme}")

    try:
        sign_in(page, server, AMINA, PASSWORD)
        page.goto(server.url + "/forum/c/initiatives/")
        page.get_by_role("link", name="Joint survey on remittances and climate adaptation").click()
        page.get_by_role("link", name="Open the private workspace").wait_for()
        looked_at("initiative")
        page.get_by_role("link", name="Open the private workspace").click()
        page.get_by_role("heading", name="Threads").wait_for()
        looked_at("workspace")
        workspace_url = page.url
        page.get_by_role("link", name="Questionnaire draft (under embargo)").click()
        page.get_by_role("link", name="Private: in the initiative's workspace").wait_for()
        looked_at("thread")
        page.goto(workspace_url)
        page.get_by_role("link", name="Make the workspace public").click()
        page.get_by_role("button", name="Yes, make it public").wait_for()
        looked_at("public")
        page.context.clear_cookies()
        sign_in(page, server, LEILA, PASSWORD)
        page.goto(server.url + "/notifications/")
        page.get_by_role("link", name=re.compile("invites you into the workspace")).first.click()
        page.get_by_role("heading", name="An invitation into a workspace").wait_for()
        looked_at("invitation")
    finally:
        context.close()
