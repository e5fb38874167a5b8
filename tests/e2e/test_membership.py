"""Foundation, done when: an applicant applies and a moderator approves them, in a browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "network-demo-2026"


def test_applicant_signs_up_applies_and_is_approved_by_a_moderator(server, new_page):
    applicant = new_page()
    applicant.goto(server.url + "/accounts/signup/")
    applicant.get_by_label("Display name").fill("Lucía Fernández-Okafor")
    applicant.get_by_label("Email").fill("lucia@institute.example")
    applicant.get_by_label("Password:", exact=True).fill("seasonal-workers-2026!")
    applicant.get_by_label("Password (again)").fill("seasonal-workers-2026!")
    applicant.get_by_role("button", name="Sign Up").click()

    # The verification email is printed by the console backend in the server's log.
    applicant.wait_for_timeout(300)
    link = server.links(r"/accounts/confirm-email/")[-1]
    applicant.goto(link)
    applicant.get_by_role("button", name="Confirm").click()

    applicant.wait_for_url(re.compile(r"/accounts/status/$"))
    applicant.get_by_label("Affiliation").fill("Institute for Labour Mobility, Lagos")
    applicant.get_by_label("Why you would like to join").fill("I study seasonal labour migration.")
    applicant.get_by_role("button", name="Send application").click()
    expect(applicant.get_by_text("Application awaiting review")).to_be_visible()
    # Until approved, member pages lead back to the status page.
    applicant.goto(server.url + "/directory/")
    assert applicant.url.endswith("/accounts/status/")

    moderator = new_page()
    sign_in(moderator, server, "moderator@merit.unu.example", DEMO_PASSWORD)
    moderator.get_by_role("link", name="Moderation").click()
    moderator.get_by_role("link", name="Applications", exact=True).click()
    moderator.get_by_role("link", name=re.compile("Review Lucía Fernández-Okafor")).click()
    moderator.get_by_label("Approve").check()
    moderator.get_by_role("button", name="Record decision").click()
    expect(moderator.get_by_text("Lucía Fernández-Okafor is now a member.")).to_be_visible()

    applicant.goto(server.url + "/home/")
    assert applicant.url.endswith("/home/")
    expect(applicant.get_by_role("heading", name="Welcome, Lucía Fernández-Okafor")).to_be_visible()
    assert "Welcome: your membership is approved" in server.output()


def test_pages_have_landmarks_skip_link_and_labelled_navigation(server, new_page):
    page = new_page()
    sign_in(page, server, "amina.haddad@gcm.unu.example", DEMO_PASSWORD)
    page.goto(server.url + "/home/")
    assert page.locator("main#main").count() == 1
    assert page.locator("header").count() == 1
    assert page.locator("nav[aria-label='Main']").count() == 1
    assert page.locator("[aria-live]").count() >= 1
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
