"""Passkeys, done when: a member adds a passkey in their account settings, signs out and signs in
with it; the same key serves as the second factor after a password; a recovery code passes the
second factor too. Chromium's virtual authenticator (DevTools protocol) plays the passkey.

WebAuthn needs a secure context: the pages are opened on ``http://localhost`` (the relying party
is the host asked), which browsers and python-fido2 accept without HTTPS."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in, start_server
from tests.e2e.look import look_at

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "network-demo-2026"
EMAIL = "tomas.okonkwo@ehs.unu.example"


@pytest.fixture(scope="module")
def site(chromium, tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("passkeys-var"))
    server.url = server.url.replace("127.0.0.1", "localhost")
    yield server
    server.stop()


def with_authenticator(page):
    """A platform passkey (resident key, user verification) for this page's browser context:
    the DevTools session and the virtual authenticator's id."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def sign_out(page, site):
    page.locator("form[action='/accounts/logout/']").first.evaluate("form => form.submit()")
    page.wait_for_url(site.url + "/")
    expect(page.locator("form[action='/accounts/logout/']")).to_have_count(0)


def test_a_member_adds_a_passkey_signs_in_with_it_and_uses_a_recovery_code(site, new_page):
    page = new_page()
    cdp, authenticator = with_authenticator(page)
    sign_in(page, site, EMAIL, DEMO_PASSWORD)
    page.wait_for_url(re.compile(r"/home/$"))

    # Account settings, Two-factor authentication, Passkeys and security keys: Add.
    page.goto(site.url + "/accounts/settings/")
    page.get_by_role("link", name="Two-factor authentication").first.click()
    look_at(page, "passkeys-index-empty")
    page.locator("main").get_by_role("link", name="Add a passkey").click()
    # Changing how one signs in asks for the password again, however recent the sign-in.
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/webauthn/add/$"))
    look_at(page, "passkeys-add")
    page.get_by_label("Name").fill("Laptop")
    expect(page.get_by_label("Sign in with this passkey, without a password")).to_be_checked()
    page.get_by_role("button", name="Add the passkey").click()
    # The first key also makes recovery codes: shown at once.
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    codes = re.findall(r"\b[0-9a-f]{8}\b", page.locator("main").inner_text())
    assert len(codes) >= 2, page.locator("main").inner_text()
    look_at(page, "passkeys-recovery-codes")
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    assert credentials["credentials"][0]["isResidentCredential"] is True
    page.goto(site.url + "/accounts/2fa/webauthn/")
    expect(page.get_by_role("heading", name="Laptop", exact=True)).to_be_visible()
    look_at(page, "passkeys-list")

    # Signed out, back with the passkey alone: no email, no password.
    sign_out(page, site)
    page.goto(site.url + "/accounts/login/")
    look_at(page, "passkeys-login")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(re.compile(r"/home/$"))
    expect(page.get_by_role("heading", name=re.compile("Tomás Okonkwo"))).to_be_visible()

    # A password now asks for the second factor: the passkey answers it.
    sign_out(page, site)
    sign_in(page, site, EMAIL, DEMO_PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/$"))
    look_at(page, "passkeys-second-factor")
    page.get_by_role("button", name="Use a passkey or security key").click()
    page.wait_for_url(re.compile(r"/home/$"))

    # Without the key (another browser), a recovery code passes the second factor, once.
    other = new_page()
    sign_in(other, site, EMAIL, DEMO_PASSWORD)
    other.wait_for_url(re.compile(r"/accounts/2fa/authenticate/$"))
    other.get_by_label("Code").fill(codes[0])
    other.get_by_role("button", name="Sign in", exact=True).click()
    other.wait_for_url(re.compile(r"/home/$"))
    sign_out(other, site)
    sign_in(other, site, EMAIL, DEMO_PASSWORD)
    other.wait_for_url(re.compile(r"/accounts/2fa/authenticate/$"))
    other.get_by_label("Code").fill(codes[0])
    other.get_by_role("button", name="Sign in", exact=True).click()
    expect(other.get_by_text("Incorrect code.")).to_be_visible()
    assert other.url.endswith("/accounts/2fa/authenticate/")

    # A deactivated member's passkey opens nothing.
    site.manage(
        "shell",
        "-c",
        "from accounts.actions import deactivate_member; from accounts.models import User; "
        "deactivate_member(User.objects.get(email='moderator@merit.unu.example'), "
        f"User.objects.get(email='{EMAIL}'), reason='Left the network')",
    )
    page.goto(site.url + "/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(re.compile(r"/accounts/inactive/$"))
    page.goto(site.url + "/home/")
    assert "/accounts/login/" in page.url
