"""Personal data, done when: a member downloads their data and deletes their account, in a
browser; the privacy notice and the data pages looked at, at 1366 and 390 px."""

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.look import WIDTHS, outside_viewport, screenshot, serious_violations

pytestmark = pytest.mark.browser
PASSWORD = "remittance-corridors-2026!"


def look(page, name):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"privacy-{name}-{width}")
        assert outside_viewport(page, page.locator("main")) is None, (name, width)
    page.set_viewport_size({"width": 1366, "height": 900})
    assert serious_violations(page) == [], name


def test_the_privacy_notice_is_linked_from_sign_up_and_the_footer(server, new_page):
    page = new_page()
    page.goto(server.url + "/accounts/signup/")
    look(page, "signup")
    page.locator("main").get_by_role("link", name="privacy notice").click()
    assert page.url.endswith("/privacy/")
    expect(page.get_by_role("heading", name="How long we keep it")).to_be_visible()
    expect(page.get_by_role("cell", name="14 days").first).to_be_visible()
    look(page, "notice")
    page.goto(server.url + "/")
    page.locator("footer").get_by_role("link", name="Privacy notice").click()
    assert page.url.endswith("/privacy/")


def test_a_member_downloads_their_data_and_deletes_their_account(server, new_page):
    page = new_page()
    page.goto(server.url + "/accounts/signup/")
    page.get_by_label("Display name").fill("Samira Benali")
    page.get_by_label("Email").fill("samira.benali@gcm.unu.example")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    link = server.links(r"/accounts/confirm-email/.+")[-1]
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/home/$"))

    page.goto(server.url + "/accounts/settings/")
    page.get_by_role("link", name="Your data").click()
    page.get_by_role("button", name="Prepare a download").click()
    expect(page.get_by_text("We are preparing your data")).to_be_visible()
    emailed = server.links(r"/accounts/data/download/[\w-]+/")
    assert emailed, "the link is emailed"
    page.reload()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download of")).click()
    archive = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
    assert "account.json" in archive.namelist()
    assert b"samira.benali@gcm.unu.example" in archive.read("account.json")
    look(page, "data")

    page.get_by_role("link", name="Delete my account…").click()
    # allauth asks for the password again first.
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    look(page, "reauthenticate")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/accounts/data/delete/"))
    look(page, "delete")
    page.get_by_role("button", name="Delete my account").click()
    assert page.get_by_text("Tick the box to confirm").is_visible()  # nothing scheduled yet
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_url(re.compile(r"/accounts/data/$"))
    expect(page.get_by_role("button", name="Keep my account")).to_be_visible()
    look(page, "scheduled")

    server.manage(
        "shell",
        "-c",
        "from datetime import timedelta; from django.utils import timezone; "
        "from privacy.models import DeletionRequest; "
        "DeletionRequest.objects.update(due_at=timezone.now() - timedelta(minutes=1))",
    )
    assert "accounts: 1" in server.manage("privacy_housekeeping")
    page.goto(server.url + "/home/")
    assert "/accounts/login/" in page.url  # the session went with the account
    page.get_by_label("Email").fill("samira.benali@gcm.unu.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(
        page.get_by_text("The email address and/or password you specified are not correct.")
    ).to_be_visible()
