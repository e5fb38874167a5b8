"""Content in its own language, as a visitor sees it: the demo's French policy brief and its
English translation link to each other ("Also in"), and a visitor whose browser prefers French
finds the French version in the list, not the English one."""

import pytest

from tests.e2e.look import serious_violations

pytestmark = pytest.mark.browser
FRENCH = "Les villes sahéliennes face aux départs saisonniers"
ENGLISH = "Sahelian cities and seasonal departures"


@pytest.fixture
def visitor(browser):
    contexts = []

    def _open(locale: str):
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale=locale)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def test_the_french_brief_and_its_english_translation_link_to_each_other(server, visitor):
    page = visitor("en-GB")
    page.goto(server.url + "/outputs/?kind=policy_brief")
    assert page.get_by_role("link", name=FRENCH).count() == 0  # the work once, in English
    page.get_by_role("link", name=ENGLISH).click()
    title = page.get_by_role("heading", level=1)
    assert title.inner_text() == ENGLISH and title.locator("[lang=en]").count() == 1
    french = page.locator(".portal-versions a[hreflang=fr]")
    assert french.inner_text() == "Français" and french.get_attribute("lang") == "fr"
    french.click()
    assert page.get_by_role("heading", level=1).inner_text() == FRENCH
    assert page.locator("h1 bdi").get_attribute("lang") == "fr"
    assert page.locator(".prose [lang=fr]").count() >= 1
    english = page.locator(".portal-versions a[hreflang=en]")
    assert english.inner_text() == "English"
    assert serious_violations(page) == []
    english.click()
    assert page.get_by_role("heading", level=1).inner_text() == ENGLISH


def test_a_french_visitor_sees_the_french_version_in_the_list(server, visitor):
    page = visitor("fr-FR")
    page.goto(server.url + "/outputs/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name=FRENCH).count() == 1
    assert page.get_by_role("link", name=ENGLISH).count() == 0
    # Among the briefs too, and its page is in French.
    page.goto(server.url + "/outputs/?kind=policy_brief")
    page.get_by_role("link", name=FRENCH).click()
    assert page.get_by_role("heading", level=1).inner_text() == FRENCH
    assert serious_violations(page) == []
