"""An invitation in the invitee's language: the moderator chooses French, the link's page and the
sign-up it leads to open in French for a browser that asks for English, and the researcher joins.
The invitations page (with its language field) and the French pages are looked at, at 1366 and
390 px, light and dark."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.look import look_at

pytestmark = pytest.mark.browser
MODERATOR = ("moderator@merit.unu.example", "network-demo-2026")
PASSWORD = "a-long-unusual-passphrase-42"


def test_a_moderator_invites_in_french_and_the_researcher_signs_up_in_french(
    server, browser, new_page
):
    moderator = new_page()
    sign_in(moderator, server, *MODERATOR)
    moderator.wait_for_url(re.compile(r"/home/$"))
    moderator.goto(server.url + "/moderation/invitations/")
    expect(moderator.get_by_label("Language of the invitation")).to_have_value("en")
    moderator.get_by_label("Email addresses").fill("Léa Martin <lea.martin@university.example>")
    moderator.get_by_label("Language of the invitation").select_option(label="French")
    moderator.get_by_role("button", name="Send the invitations").click()
    expect(moderator.get_by_text("1 invitation sent.")).to_be_visible()
    row = moderator.get_by_role("row", name=re.compile("lea.martin@university.example"))
    expect(row.get_by_text("French")).to_be_visible()
    look_at(moderator, "invitation-language-invitations")

    link = next(url for url in reversed(server.links(r"/invitations/")) if "/invitations/" in url)
    context = browser.new_context(locale="en-GB")
    try:
        researcher = context.new_page()
        researcher.goto(link)
        expect(researcher.locator("html")).to_have_attribute("lang", "fr")
        expect(researcher.get_by_role("heading", level=1)).not_to_have_text(
            "You are invited to join the network"
        )
        look_at(researcher, "invitation-language-accept")
        researcher.get_by_role("button", name="Accepter et créer mon compte").click()
        researcher.wait_for_url(re.compile(r"/accounts/signup/$"))
        expect(researcher.locator("html")).to_have_attribute("lang", "fr")
        look_at(researcher, "invitation-language-signup")
        researcher.get_by_label("Nom affiché").fill("Léa Martin")
        researcher.locator("main input[type=email]").fill("lea.martin@university.example")
        researcher.locator("main input[type=password]").nth(0).fill(PASSWORD)
        researcher.locator("main input[type=password]").nth(1).fill(PASSWORD)
        researcher.locator("main form button[type=submit]").first.click()
        researcher.wait_for_url(re.compile(r"/home/$"))
        expect(researcher.get_by_role("heading", name="Bienvenue, Léa Martin")).to_be_visible()
    finally:
        context.close()
