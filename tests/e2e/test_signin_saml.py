"""Institutional sign-in through SAML 2.0 in a browser: a researcher signs in through their
institute's identity provider (pysaml2's IdP in a second process, tests/saml_idp/), which posts
its signed assertion back to the product; an address the institute does not vouch for and an
IdP's error are refused on a page that says why. The pages looked at, at 1366 and 390 px, light
and dark."""

import json
import re

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.conftest import start_server
from tests.e2e.look import look_at
from tests.ops.processes import free_port
from tests.saml_idp import server as idp_server

pytestmark = pytest.mark.browser
IDP_PASSWORD = "institute-password-2026"


def look(page, name):
    look_at(page, f"signin-saml-{name}", axe_in_each_scheme=True)


@pytest.fixture(scope="module")
def saml_site(chromium, tmp_path_factory):
    """The product with UNU-GCM's SAML identity provider in SAML_INSTITUTES (the IdP started
    first: the product must know its certificate), then the product's metadata registered
    with the IdP, as the institute's administrator does."""
    idp = idp_server.start(tmp_path_factory.mktemp("saml-idp"))
    idp.add_person("carla.ruiz@staff.gcm.example", IDP_PASSWORD, "Carla", "Ruiz")
    idp.add_person("dan.ode@mail.example", IDP_PASSWORD, "Dan", "Ode")
    idp.add_person("lea.berg@staff.gcm.example", IDP_PASSWORD, "Lea", "Berg", answer="error")
    institutes = [
        {
            "institute": "UNU-GCM",
            "id": "gcm",
            "name": "UNU-GCM",
            "entity_id": idp.entity_id,
            "sso_url": idp.sso_url,
            "x509cert": idp.certificate,
            "verified_email": ["staff.gcm.example"],
        }
    ]
    try:
        site = start_server(
            tmp_path_factory.mktemp("saml-var"),
            port=free_port(),
            env_extra={"SAML_INSTITUTES": json.dumps(institutes)},
        )
        try:
            metadata = requests.get(site.url + "/accounts/saml/gcm/metadata/", timeout=30)
            assert metadata.status_code == 200, metadata.text
            idp.register("gcm", metadata.content)
            yield site, idp
        finally:
            site.stop()
    finally:
        idp.stop()


def sign_in_at_the_institute(page, site, idp, email, *, looked_at=None):
    page.goto(site.url + "/accounts/login/")
    if looked_at:
        look(page, "login")
    page.locator("main").get_by_role("link", name="UNU-GCM").click()
    if looked_at:
        look(page, "confirm")
    page.get_by_role("button", name="Continue").click()
    # At the institute's own IdP, another origin: its sign-in page.
    page.wait_for_url(re.compile(re.escape(idp.sso_url)))
    page.get_by_label("Username").fill(email)
    page.get_by_label("Password").fill(IDP_PASSWORD)
    page.get_by_role("button", name="Sign in at the institute").click()


def test_a_researcher_signs_in_through_their_institutes_saml_idp(saml_site, new_page):
    site, idp = saml_site
    page = new_page()
    sign_in_at_the_institute(page, site, idp, "carla.ruiz@staff.gcm.example", looked_at=True)
    # The IdP's page posts the assertion to the ACS by itself; the product signs her in.
    page.wait_for_url(re.compile(re.escape(site.url) + "/home/$"))
    expect(page.get_by_role("heading", name=re.compile("Carla Ruiz"))).to_be_visible()
    page.goto(site.url + "/accounts/settings/")
    expect(page.get_by_text("UNU-GCM").first).to_be_visible()


def test_an_address_the_institute_does_not_vouch_for_is_refused(saml_site, new_page):
    site, idp = saml_site
    page = new_page()
    sign_in_at_the_institute(page, site, idp, "dan.ode@mail.example")
    page.wait_for_url(re.compile(re.escape(site.url) + "/accounts/saml/gcm/acs/finish/$"))
    expect(page.get_by_role("heading", name="Sign-in refused")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="did not confirm your email")).to_be_visible()
    look(page, "unverified")
    page.get_by_role("link", name="Back to sign in").click()
    page.wait_for_url(site.url + "/accounts/login/")


def test_an_error_from_the_idp_is_refused_and_says_so(saml_site, new_page):
    site, idp = saml_site
    page = new_page()
    sign_in_at_the_institute(page, site, idp, "lea.berg@staff.gcm.example")
    page.wait_for_url(re.compile(re.escape(site.url) + "/accounts/saml/gcm/acs/finish/$"))
    expect(page.get_by_role("alert").filter(has_text="answered with an error")).to_be_visible()
    look(page, "error")
    page.goto(site.url + "/home/")
    assert "/accounts/login/" in page.url  # not signed in
