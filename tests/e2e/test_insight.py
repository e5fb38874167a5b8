"""Network insight, done when: a member opens Bridges, picks environmental migration x
remittances and finds the three people and the initiative that join them; the institute matrix
shows which institutes co-author; the public versions show only public content. Every page at
1366 and 390 px, light and dark: axe, the contrast of the matrices, and the matrix scrolling
inside its own region on a phone."""

import pytest
from playwright.sync_api import expect

from tests.e2e import look
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "network-demo-2026"
# Generous: the machine running the suite may be busy; nothing here waits on a timing window.
TIMEOUT_MS = 60_000
PAGES = [
    ("bridges", "/insight/bridges/?a=environmental-migration&b=remittances"),
    ("collaboration", "/insight/collaboration/"),
    ("sdgs", "/insight/sdgs/"),
    ("regions", "/insight/regions/"),
    ("region", "/insight/regions/002/"),
    ("regions-compared", "/insight/regions/compare/?a=002&b=142"),
    ("home", "/home/"),
    ("public-bridges", "/network/bridges/?a=environmental-migration&b=remittances"),
    ("public-collaboration", "/network/collaboration/"),
    ("public-sdgs", "/network/sdgs/"),
    ("public-regions", "/network/regions/"),
    ("public-region", "/network/regions/150/"),
]


def test_a_member_finds_who_bridges_two_themes(server, new_page):
    page = new_page()
    page.set_default_timeout(TIMEOUT_MS)
    sign_in(page, server, "amina.haddad@gcm.unu.example", DEMO_PASSWORD)
    page.goto(server.url + "/home/")
    page.get_by_role("region", name="Colleagues who bridge your themes with others").get_by_role(
        "link", name="Bridges between themes"
    ).click()
    page.get_by_label("First theme").select_option("environmental-migration")
    page.get_by_label("Second theme").select_option("remittances")
    page.get_by_role("button", name="Show who joins them").click()
    pair = page.locator("#pair")
    expect(pair.get_by_role("heading", name="3 people work on both")).to_be_visible()
    for name in ("Amina Haddad", "Tomás Okonkwo", "Ingrid Castillo"):
        expect(pair.get_by_role("link", name=name)).to_be_visible()
    assert pair.get_by_role(
        "link", name="Climate shocks, displacement and remittance flows"
    ).is_visible()
    pair.get_by_role("link", name="See them in the directory").click()
    expect(page.get_by_role("heading", name="3 profiles")).to_be_visible()

    page.goto(server.url + "/insight/collaboration/")
    matrix = page.get_by_role("region", name="Institute by institute")
    expect(matrix.get_by_role("rowheader", name="UNU-EHS").first).to_be_visible()
    table = page.get_by_role("region", name="Institutes that worked together")
    expect(table.get_by_role("cell", name="UNU-WIDER").first).to_be_visible()


@pytest.mark.parametrize("width", look.WIDTHS)
def test_africa_and_asia_compare_side_by_side(server, new_page, width):
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    sign_in(page, server, "amina.haddad@gcm.unu.example", DEMO_PASSWORD)
    page.goto(server.url + "/insight/bridges/")
    page.get_by_role("navigation", name="Network insight").get_by_role(
        "link", name="Regions"
    ).click()
    page.get_by_label("First region").select_option(label="Africa")
    page.get_by_label("Second region").select_option(label="Asia")
    page.get_by_role("button", name="Compare side by side").click()
    assert page.get_by_role("heading", name="Africa and Asia", level=1).is_visible()
    africa = page.get_by_role("region", name="Africa").bounding_box()
    asia = page.get_by_role("region", name="Asia").bounding_box()
    if width >= 1280:
        assert africa["y"] == asia["y"] and africa["x"] < asia["x"]  # side by side
    else:
        assert africa["y"] + africa["height"] <= asia["y"]  # one under the other on a phone
    section = page.get_by_role("region", name="Asia")
    expect(section.get_by_role("heading", name="Themes studied there")).to_be_visible()
    assert section.get_by_role(
        "link", name="Everyone working on Asia in the directory"
    ).is_visible()


def test_the_public_versions_show_public_content_only(server, new_page):
    page = new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server.url + "/network/bridges/?a=environmental-migration&b=remittances")
    expect(page.get_by_role("heading", name="Bridges between themes")).to_be_visible()
    assert page.get_by_text("Climate shocks, displacement and remittance flows").count() == 0
    assert page.locator('a[href^="/directory/?"]').count() == 0
    page.goto(server.url + "/network/collaboration/")
    assert page.get_by_text("Joint initiatives").count() == 0


@pytest.mark.parametrize("scheme", look.SCHEMES)
@pytest.mark.parametrize("width", look.WIDTHS)
def test_every_insight_page_reads_well(server, browser, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        sign_in(page, server, "amina.haddad@gcm.unu.example", DEMO_PASSWORD)
        for name, path in PAGES:
            if name.startswith("public"):
                page.context.clear_cookies()
            page.goto(server.url + path)
            assert look.serious_violations(page) == [], name
            for region in page.locator(".insight-matrix").all():
                assert look.low_contrast_text(region) == [], name
                # The matrix scrolls inside its region; the page itself never does sideways.
                assert look.outside_viewport(page, region) is None, name
            width_of_page = page.evaluate("document.documentElement.scrollWidth")
            assert width_of_page <= width + 1, (name, width_of_page)
            look.screenshot(page, f"insight-{name}-{width}-{scheme}")
    finally:
        context.close()
