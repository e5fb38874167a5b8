"""Portal, done when: a visitor finds the recent policy briefs, the next events (adds one to a
calendar, registers), curated practices and public experts; a stakeholder subscribes to briefs
on a theme and receives the next one; a moderator publishes an output from the product."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "network-demo-2026"
MODERATOR = "moderator@merit.unu.example"


def test_a_visitor_finds_briefs_events_practices_and_experts(server, new_page):
    page = new_page()
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", name="Latest policy briefs")).to_be_visible()
    page.get_by_role("link", name="Read the policy briefs").click()
    assert "kind=policy_brief" in page.url
    page.get_by_role("link", name="Planning for people who move ahead of rising water").click()
    expect(page.get_by_role("heading", name="Recommendations")).to_be_visible()

    public = page.get_by_role("navigation", name="Public site")
    public.get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Seminar on migrant health in South-East Asia").click()
    expect(page.get_by_text("(Asia/Kuala_Lumpur)")).to_be_visible()
    # The visitor's zone, written by a script once the page has loaded: wait for it.
    expect(page.locator("[data-visitor-time]")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar").click()
    assert download.value.suggested_filename.endswith(".ics")
    page.get_by_label("Your name").fill("Visiting Stakeholder")
    page.get_by_label("Email address").fill("stakeholder@agency.example")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Your place is booked.")).to_be_visible()

    public.get_by_role("link", name="Good practices").click()
    practice = "Municipal welcome desks for newly arrived families"
    expect(page.get_by_role("link", name=practice)).to_be_visible()
    public.get_by_role("link", name="Experts").click()
    assert page.locator(".card a").count() >= 3


def test_a_stakeholder_subscribes_and_a_moderator_publishes_the_next_brief(server, new_page):
    visitor = new_page()
    visitor.goto(server.url + "/subscribe/")
    visitor.get_by_label("Email address").fill("ngo@example.org")
    visitor.get_by_label("New policy briefs").check()
    visitor.get_by_label("Only on this theme").select_option(
        label="Migration and development: Remittances (financial and social)"
    )
    visitor.get_by_role("button", name="Subscribe").click()
    expect(visitor.get_by_role("heading", name="Check your inbox")).to_be_visible()
    (confirm,) = server.links(r"/subscribe/confirm/")
    visitor.goto(confirm)
    visitor.get_by_role("button", name="Confirm my subscription").click()
    expect(visitor.get_by_text("your subscription is confirmed")).to_be_visible()

    member = new_page()
    sign_in(member, server, "amina.haddad@gcm.unu.example", DEMO_PASSWORD)
    member.goto(server.url + "/portal/outputs/new/")
    member.get_by_label("Type").select_option("policy_brief")
    member.get_by_label("Title").fill("Remittance fees after the new rules")
    member.get_by_label("Date of publication").fill("2026-11-30")
    member.get_by_label("Abstract").fill("Fees fell by a third where rules changed.")
    member.get_by_label("Recommendations").fill("Publish the full cost\nLet mobile money in")
    member.get_by_label("Authors").fill("amina.haddad@gcm.unu.example\nOutside Author")
    member.get_by_label("Remittances (financial and social)").check()
    member.get_by_role("button", name="Send for review").click()
    expect(member.get_by_text("Sent to the moderators for review.")).to_be_visible()

    moderator = new_page()
    sign_in(moderator, server, MODERATOR, DEMO_PASSWORD)
    moderator.goto(server.url + "/moderation/portal/")
    moderator.get_by_role("link", name="Remittance fees after the new rules", exact=True).click()
    moderator.get_by_label("Publish").check()
    moderator.get_by_role("button", name="Save the review").click()
    expect(moderator.get_by_text("Review saved.")).to_be_visible()

    visitor.goto(server.url + "/")
    expect(visitor.get_by_role("link", name="Remittance fees after the new rules")).to_be_visible()
    assert server.links(r"/subscribe/stop/"), "the announcement carries an unsubscribe link"
    assert "New on the Migration Network: Remittance fees after the new rules" in server.output()


def test_a_visitor_searches_writes_to_the_network_and_frees_a_place(server, new_page):
    page = new_page()
    page.goto(server.url + "/")
    public = page.get_by_role("navigation", name="Public site")
    public.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Words to look for").fill("remittances")
    page.get_by_role("main").get_by_role("button", name="Search", exact=True).click()
    assert page.locator(".search-results .search-output").count() >= 1

    public.get_by_role("link", name="Contact").click()
    page.get_by_label("Your name").fill("Agency Analyst")
    page.get_by_label("Your email address").fill("analyst@agency.example")
    page.get_by_label("Subject").fill("A briefing request")
    page.get_by_label("Message").fill("Could an expert brief us on climate mobility?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("your message was sent to the coordinators")).to_be_visible()

    public.get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Seminar on migrant health in South-East Asia").click()
    page.get_by_label("Your name").fill("Place Holder")
    page.get_by_label("Email address").fill("holder@agency.example")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Your place is booked.")).to_be_visible()
    cancel = server.links(r"/events/registrations/")[-1]
    page.goto(cancel)
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text("is cancelled")).to_be_visible()
