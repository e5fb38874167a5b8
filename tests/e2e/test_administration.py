"""Issue 12, done when: on a fresh deployment an admin, only through the product, adds an
institute and its domain, appoints a moderator, and that moderator invites a researcher who
joins; every moderation act of the path appears once in the audit log. Every page of the path is
kept as a screenshot at 1366 and 390 px."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in, start_server
from tests.e2e.look import screenshot, serious_violations

pytestmark = pytest.mark.browser
ADMIN = ("root@network.example", "first-admin-passphrase-2026")
PASSWORD = "a-long-unusual-passphrase-42"


@pytest.fixture(scope="module")
def fresh_server(chromium, tmp_path_factory):
    """A deployment with nothing in it but the first admin (``createsuperuser``)."""
    srv = start_server(tmp_path_factory.mktemp("fresh-var"), load_demo=False)
    srv.env["DJANGO_SUPERUSER_PASSWORD"] = ADMIN[1]
    srv.manage("createsuperuser", "--noinput", "--email", ADMIN[0], "--display_name", "Root Admin")
    yield srv
    srv.stop()


def look(page, name: str, findings: list) -> None:
    """Screenshots at both widths, and axe's serious findings at each."""
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"admin-path-{name}-{width}")
        findings += [f"{name} at {width}: {finding}" for finding in serious_violations(page)]
        wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if wider > 0:
            findings.append(f"{name} at {width}: {wider} px wider than the viewport")
    page.set_viewport_size({"width": 1366, "height": 900})


def sign_up(page, server, name, email, *, confirm=True):
    page.goto(server.url + "/accounts/signup/")
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()


def wait_for_link(server, pattern, page, count=1) -> str:
    for _ in range(100):
        links = server.links(pattern)
        if len(links) >= count:
            return links[-1]
        page.wait_for_timeout(100)
    raise AssertionError(f"no email with a link matching {pattern}")


def test_an_admin_sets_up_the_network_and_a_moderator_invites_a_researcher(fresh_server, new_page):
    server, findings = fresh_server, []
    admin = new_page()
    sign_in(admin, server, *ADMIN)
    # The first sign-in of an account made on the command line verifies its address.
    admin.goto(wait_for_link(server, r"/accounts/confirm-email/", admin))
    admin.get_by_role("button", name="Confirm").click()
    admin.goto(server.url + "/home/")
    if "/accounts/login/" in admin.url:
        sign_in(admin, server, *ADMIN)
    admin.wait_for_url(f"{server.url}/home/")

    # The admin adds the first institute and its email domain; a public domain is refused.
    admin.get_by_role("link", name="Moderation", exact=True).click()
    admin.get_by_role("link", name="Institutes", exact=True).click()
    look(admin, "institutes-empty", findings)
    admin.get_by_role("link", name="Add an institute").click()
    admin.get_by_label(re.compile("^Name:?$")).fill("Institute for Water and Migration")
    admin.get_by_label("Acronym").fill("IWM")
    admin.get_by_label("City").fill("Accra")
    admin.get_by_label("Email domain").fill("gmail.com")
    admin.get_by_role("button", name="Add the institute").click()
    expect(admin.get_by_text("gmail.com is a public mail service")).to_be_visible()
    expect(admin.get_by_label(re.compile("^Name:?$"))).to_have_value(
        "Institute for Water and Migration"
    )
    look(admin, "institute-refused-domain", findings)
    admin.get_by_label("Email domain").fill("iwm.example")
    admin.get_by_role("button", name="Add the institute").click()
    expect(admin.get_by_text("IWM is saved.")).to_be_visible()
    expect(admin.get_by_role("cell", name="iwm.example", exact=True)).to_be_visible()
    look(admin, "institute", findings)

    # A colleague at the institute signs up and is a member through the domain.
    colleague = new_page()
    sign_up(colleague, server, "Kofi Mensah", "kofi@iwm.example")
    colleague.goto(wait_for_link(server, r"/accounts/confirm-email/", colleague, count=2))
    colleague.get_by_role("button", name="Confirm").click()
    colleague.wait_for_url(f"{server.url}/home/")

    # The admin appoints them moderator, after a confirmation.
    admin.get_by_role("link", name="People", exact=True).click()
    admin.get_by_label("Name or email").fill("kofi")
    admin.get_by_role("button", name="Filter").click()
    admin.get_by_role("link", name="Kofi Mensah", exact=True).click()
    look(admin, "person", findings)
    admin.get_by_role("link", name="Appoint as moderator").click()
    expect(admin.get_by_role("heading", name="Appoint Kofi Mensah as a moderator")).to_be_visible()
    look(admin, "change-role", findings)
    admin.get_by_label("Reason").fill("Coordinates the IWM researchers")
    admin.get_by_role("button", name="Confirm").click()
    expect(admin.get_by_text("Kofi Mensah's roles are changed.")).to_be_visible()
    expect(admin.get_by_role("link", name="Remove as moderator")).to_be_visible()

    # The new moderator invites a researcher from elsewhere, pre-approved for the institute.
    colleague.goto(server.url + "/home/")
    colleague.get_by_role("link", name="Moderation", exact=True).click()
    look(colleague, "overview", findings)
    colleague.get_by_role("link", name="Invitations", exact=True).click()
    colleague.get_by_label("Email addresses").fill("Ama Owusu <ama@university.example>")
    colleague.get_by_label("Pre-approved for an institute").select_option(label="IWM")
    colleague.get_by_role("button", name="Send the invitations").click()
    expect(colleague.get_by_text("1 invitation sent.")).to_be_visible()
    expect(
        colleague.get_by_role("cell", name=re.compile("^ama@university.example"))
    ).to_be_visible()
    look(colleague, "invitations", findings)

    # The researcher opens the link, accepts, signs up, and is a member of the institute.
    researcher = new_page()
    researcher.goto(wait_for_link(server, r"/invitations/", researcher))
    expect(researcher.get_by_text("ama@university.example")).to_be_visible()
    look(researcher, "invitation", findings)
    researcher.get_by_role("button", name="Accept and create my account").click()
    researcher.wait_for_url(f"{server.url}/accounts/signup/")
    researcher.get_by_label("Display name").fill("Ama Owusu")
    researcher.get_by_label("Email").fill("ama@university.example")
    researcher.get_by_label("Password:", exact=True).fill(PASSWORD)
    researcher.get_by_label("Password (again)").fill(PASSWORD)
    researcher.get_by_role("button", name="Sign Up").click()
    researcher.wait_for_url(f"{server.url}/home/")
    expect(researcher.get_by_role("heading", name="Welcome, Ama Owusu")).to_be_visible()

    # The link cannot be used twice.
    visitor = new_page()
    visitor.goto(server.links(r"/invitations/")[-1])
    expect(visitor.get_by_text("already been used")).to_be_visible()
    look(visitor, "invitation-used", findings)

    # Every act of the path is in the audit log, once.
    admin.get_by_role("link", name="Audit log", exact=True).click()
    look(admin, "audit-log", findings)
    acts = admin.locator("table tbody tr td:nth-child(3)").all_inner_texts()
    assert [act.splitlines()[0] for act in acts] == [
        "Invited someone",
        "Appointed a moderator",
        "Added an email domain",
        "Added an institute",
    ]
    expect(admin.get_by_role("cell", name="Coordinates the IWM researchers")).to_be_visible()
    admin.get_by_label("What:", exact=True).select_option(label="Invited someone")
    admin.get_by_role("button", name="Filter").click()
    expect(admin.locator("table tbody tr")).to_have_count(1)
    with admin.expect_download() as download:
        admin.get_by_role("link", name="Download these entries as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Invited someone" in text and "Appointed a moderator" not in text

    # The import's dry run, seen by the moderator.
    colleague.get_by_role("link", name="Invitations", exact=True).click()
    colleague.get_by_role("link", name="Import a researcher list (CSV)").click()
    look(colleague, "import", findings)
    colleague.get_by_label("Researcher list (CSV)").set_input_files(
        files=[
            {
                "name": "researchers.csv",
                "mimeType": "text/csv",
                "buffer": b"name,email\nEfua Boateng,efua@iwm-partner.example\n"
                b"Ama Owusu,ama@university.example\n",
            }
        ]
    )
    colleague.get_by_role("button", name="Preview (dry run)").click()
    expect(colleague.get_by_text("Dry run: 1 person would be invited.")).to_be_visible()
    look(colleague, "import-preview", findings)
    colleague.get_by_role("button", name="Send 1 invitation").click()
    expect(colleague.get_by_text("1 invitation sent.")).to_be_visible()
    assert findings == []
