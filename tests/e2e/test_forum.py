"""Forum, done when: members discuss with nested replies and mentions, propose and join an
initiative, submit a practice a moderator curates, and report a post that a moderator hides."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser
PASSWORD = "network-demo-2026"
AMINA = "amina.haddad@gcm.unu.example"
TOMAS = "tomas.okonkwo@ehs.unu.example"
MODERATOR = "moderator@merit.unu.example"


def open_thread(page, server, category: str, title: str):
    page.goto(server.url + "/forum/")
    categories = page.get_by_role("region", name="Categories")
    categories.get_by_role("link", name=category, exact=True).click()
    page.get_by_role("link", name=title).click()
    page.wait_for_load_state()  # forum.js handles Reply and Quote only once it has run


def test_members_discuss_with_a_nested_reply_and_a_mention(server, new_page):
    amina = new_page()
    sign_in(amina, server, AMINA, PASSWORD)
    open_thread(amina, server, "Methods and data", "Data sources on climate mobility in the Sahel")
    tomas_post = amina.locator("article.post", has_text="LSMS-ISA panels")
    tomas_post.get_by_role("link", name=re.compile("^Reply")).click()
    expect(amina.get_by_text("Replying to Tomás Okonkwo")).to_be_visible()
    box = amina.get_by_label("Your reply")
    box.fill("Thanks ")
    box.press_sequentially("@[Tomás Ok")
    suggestion = amina.get_by_role("option", name=re.compile("Tomás Okonkwo"))
    suggestion.wait_for()
    assert box.get_attribute("aria-activedescendant") == suggestion.get_attribute("id")
    assert suggestion.get_attribute("aria-selected") == "true"
    status = amina.get_by_role("status").filter(has_text="Members to mention: 1.")
    assert status.count() == 1
    box.press("Enter")
    assert status.count() == 0
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "Thanks @[Tomás Okonkwo] "
    box.press_sequentially("could you share the rainfall code?")
    amina.get_by_role("button", name="Post reply").click()

    reply = amina.locator("article.post", has_text="could you share the rainfall code?")
    reply.wait_for()
    amina.wait_for_load_state()  # the page after posting, its scripts run before Quote is used
    assert "depth-2" in reply.get_attribute("class")
    expect(reply.get_by_role("link", name="@Tomás Okonkwo")).to_be_visible()

    opening = amina.locator("article.post").first
    opening.get_by_role("link", name="Quote").click()
    assert box.input_value().startswith("@[Amina Haddad]:\n> Which data sources do you use")
    expect(amina.get_by_text("Replying to Amina Haddad")).to_be_visible()

    tomas = new_page()
    sign_in(tomas, server, TOMAS, PASSWORD)
    tomas.goto(server.url + "/notifications/")
    expect(tomas.get_by_role("link", name=re.compile("Amina Haddad mentioned you"))).to_be_visible()


def test_a_member_proposes_an_initiative_that_a_colleague_joins(server, new_page):
    amina = new_page()
    sign_in(amina, server, AMINA, PASSWORD)
    amina.goto(server.url + "/forum/")
    amina.get_by_role("link", name="Propose an initiative").first.click()
    amina.get_by_label("Category").select_option(label="Initiatives")
    amina.get_by_label("Title").fill("Return migration panel study")
    amina.get_by_label("Summary").fill("Follow returnees for five years.")
    amina.get_by_label("Objectives").fill("- Shared sampling frame\n- Annual waves")
    sought = amina.get_by_role("group", name="Themes sought")
    sought.get_by_role("checkbox", name="Climate mobility", exact=True).check()
    amina.get_by_role("button", name="Propose the initiative").click()
    amina.get_by_role("heading", name="Return migration panel study").wait_for()
    expect(amina.get_by_role("heading", name="Suggested experts")).to_be_visible()
    suggestion = amina.locator(".experts li", has_text="Tomás Okonkwo")
    assert "Climate mobility" in suggestion.inner_text()
    initiative_url = amina.url

    tomas = new_page()
    sign_in(tomas, server, TOMAS, PASSWORD)
    tomas.goto(initiative_url)
    tomas.get_by_role("button", name="Join this initiative").click()
    expect(tomas.get_by_text("You joined this initiative.")).to_be_visible()
    expect(tomas.locator(".participants").get_by_text("Tomás Okonkwo")).to_be_visible()

    amina.goto(initiative_url)
    assert amina.locator(".experts li", has_text="Tomás Okonkwo").count() == 0  # now a participant
    for status in ("Under discussion", "Active"):
        amina.get_by_label("Move to status").select_option(label=status)
        amina.get_by_role("button", name="Change status").click()
        assert amina.locator(".initiative .status-pill").first.inner_text() == status


def test_a_submitted_practice_is_curated_into_the_library(server, new_page):
    tomas = new_page()
    sign_in(tomas, server, TOMAS, PASSWORD)
    tomas.goto(server.url + "/forum/practices/new/")
    tomas.get_by_label("Category").select_option(label="Good practices")
    tomas.get_by_label("Title").fill("Village savings groups for returnees")
    tomas.get_by_label("Place", exact=True).fill("Kayes, Mali")
    tomas.get_by_label("Summary").fill("Returnees join local savings groups on arrival.")
    tomas.get_by_label("What worked").fill("Groups led by earlier returnees.")
    tomas.get_by_role("button", name="Submit the practice").click()
    tomas.get_by_role("heading", name="Village savings groups for returnees").wait_for()

    moderator = new_page()
    sign_in(moderator, server, MODERATOR, PASSWORD)
    moderator.goto(server.url + "/moderation/practices/")
    moderator.get_by_role("link", name="Review Village savings groups for returnees").click()
    moderator.get_by_label("Decision").select_option(label="Curated")
    moderator.get_by_label("Feature it in the library").check()
    moderator.get_by_role("button", name="Save the review").click()
    expect(moderator.get_by_text("The review is saved.")).to_be_visible()

    tomas.goto(server.url + "/forum/practices/")
    card = tomas.locator(".practice-list li", has_text="Village savings groups for returnees")
    expect(card.get_by_text("Featured")).to_be_visible()


def test_a_reported_post_is_hidden_by_a_moderator(server, new_page):
    tomas = new_page()
    sign_in(tomas, server, TOMAS, PASSWORD)
    open_thread(tomas, server, "Methods and data", "Data sources on climate mobility in the Sahel")
    post = tomas.locator("article.post", has_text="8 countries").first
    post_id = post.get_attribute("id")  # other browser tests hide posts of this thread too
    post.get_by_role("link", name="Report").click()
    tomas.get_by_label("What is wrong with this post?").fill("This table is copied without source.")
    tomas.get_by_role("button", name="Send report").click()
    expect(tomas.get_by_text("Moderators will look at this post.")).to_be_visible()

    moderator = new_page()
    sign_in(moderator, server, MODERATOR, PASSWORD)
    moderator.goto(server.url + "/moderation/reports/")
    expect(moderator.get_by_text("This table is copied without source.")).to_be_visible()
    moderator.get_by_role("link", name=re.compile("^Handle")).first.click()
    moderator.get_by_label("Hide the post and resolve").check()
    moderator.get_by_label("Note to the reporter").fill("Hidden until the source is added.")
    moderator.get_by_role("button", name="Handle the report").click()
    expect(moderator.get_by_text("The report is handled.")).to_be_visible()
    moderator.get_by_role("link", name="Audit log").click()
    assert moderator.get_by_role(
        "cell", name="Hidden until the source is added."
    ).first.is_visible()

    open_thread(tomas, server, "Methods and data", "Data sources on climate mobility in the Sahel")
    hidden = tomas.locator(f"#{post_id}").get_by_text("This post was hidden by a moderator.")
    expect(hidden).to_be_visible()
