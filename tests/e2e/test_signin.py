"""Sign-in, done when: a researcher signs in through their institute's identity provider (a real
OpenID Connect provider in a second process, tests/oidc_provider/) and a member connects ORCID
(a local ORCID in a thread of this process, tests/accounts/orcid_oauth.py) from their account
settings and then signs in with it, in a browser; the sign-in, connected-accounts and profile
pages looked at, at 1366 and 390 px."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.accounts import orcid_oauth
from tests.accounts.orcid_oauth import Person
from tests.e2e.conftest import sign_in, start_server
from tests.e2e.look import WIDTHS, outside_viewport, screenshot, serious_violations
from tests.oidc_provider import server as idp_server
from tests.ops.processes import free_port

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "network-demo-2026"
AMINA_ORCID = "0000-0002-1825-0097"
IDP_PASSWORD = "institute-password-2026"


def look(page, name):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"signin-{name}-{width}")
        assert outside_viewport(page, page.locator("main")) is None, (name, width)
    page.set_viewport_size({"width": 1366, "height": 900})
    assert serious_violations(page) == [], name


@pytest.fixture(scope="module")
def signin_site(chromium, tmp_path_factory):
    """The product with ORCID keys pointing at the local ORCID, and UNU-GCM's identity
    provider (started first: it must know the product's callback address)."""
    port = free_port()
    callback = f"http://127.0.0.1:{port}/accounts/oidc/gcm-idp/login/callback/"
    idp = idp_server.start(tmp_path_factory.mktemp("idp"), [callback])
    idp.add_person("carla.ruiz@staff.gcm.example", IDP_PASSWORD, "Carla", "Ruiz")
    institutes = [
        {
            "institute": "UNU-GCM",
            "id": "gcm-idp",
            "name": "UNU-GCM",
            "server_url": idp.server_url,
            "client_id": idp_server.CLIENT_ID,
            "secret": idp_server.CLIENT_SECRET,
        }
    ]
    try:
        with orcid_oauth.running() as orcid:
            site = start_server(
                tmp_path_factory.mktemp("signin-var"),
                port=port,
                env_extra={
                    "ORCID_CLIENT_ID": orcid_oauth.CLIENT_ID,
                    "ORCID_CLIENT_SECRET": orcid_oauth.CLIENT_SECRET,
                    "ORCID_OAUTH_URL": orcid.url,
                    "ORCID_API_URL": orcid.url,
                    "OIDC_INSTITUTES": json.dumps(institutes),
                },
            )
            yield site, orcid, idp
            site.stop()
    finally:
        idp.stop()


def test_a_researcher_signs_in_through_their_institute(signin_site, new_page):
    site, _orcid, idp = signin_site
    page = new_page()
    page.goto(site.url + "/accounts/login/")
    page.locator("main").get_by_role("link", name="UNU-GCM").click()
    look(page, "institute-confirm")
    page.get_by_role("button", name="Continue").click()
    # At the institute's own provider, another origin: its sign-in page.
    page.wait_for_url(re.compile(re.escape(idp.url) + "/login/"))
    page.get_by_label("Username").fill("carla.ruiz@staff.gcm.example")
    page.get_by_label("Password").fill(IDP_PASSWORD)
    page.get_by_role("button", name="Sign in at the institute").click()
    page.wait_for_url(re.compile(re.escape(site.url) + "/home/$"))
    expect(page.get_by_role("heading", name=re.compile("Carla Ruiz"))).to_be_visible()
    page.goto(site.url + "/accounts/settings/")
    expect(page.get_by_text("UNU-GCM").first).to_be_visible()
    look(page, "institute-member")


def test_a_member_connects_orcid_then_signs_in_with_it(signin_site, new_page):
    site, orcid, _idp = signin_site
    orcid.signed_in = Person(AMINA_ORCID, "Amina", "Haddad")
    page = new_page()
    sign_in(page, site, "amina.haddad@gcm.unu.example", DEMO_PASSWORD)
    page.goto(site.url + "/accounts/settings/")
    page.get_by_role("link", name="Connected accounts").click()
    look(page, "connections")
    page.locator("main").get_by_role("link", name=re.compile("orcid", re.I)).click()
    page.get_by_role("button", name="Continue").click()
    try:
        page.wait_for_url(re.compile(r"/accounts/3rdparty/$"))
    except Exception:
        screenshot(page, "signin-debug")
        raise AssertionError(page.url + "\n" + page.locator("main").inner_text()) from None
    expect(page.get_by_text("The third-party account has been connected.")).to_be_visible()
    look(page, "connected")
    pk = site.manage(
        "shell",
        "-c",
        "from directory.models import Profile; "
        "print(Profile.objects.get(user__email='amina.haddad@gcm.unu.example').pk)",
    ).split()[-1]  # after what the shell says it imported
    page.goto(f"{site.url}/directory/people/{pk}/")
    expect(page.get_by_text(f"ORCID {AMINA_ORCID}")).to_be_visible()
    expect(page.get_by_text("verified", exact=True)).to_be_visible()
    look(page, "profile-verified")

    # The header's sign-out form, submitted as its button would (the button sits in the menu).
    # The profile's own address ends in "/" too: wait for the home page itself, signed out.
    page.locator("form[action='/accounts/logout/']").first.evaluate("form => form.submit()")
    page.wait_for_url(site.url + "/")
    expect(page.locator("form[action='/accounts/logout/']")).to_have_count(0)
    page.goto(site.url + "/accounts/login/")
    look(page, "login")
    page.locator("main").get_by_role("link", name=re.compile("orcid", re.I)).click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/home/$"))
    expect(page.get_by_role("heading", name=re.compile("Amina Haddad"))).to_be_visible()
    assert ("POST", "/oauth/token") in orcid.log
