"""Files, done when: a member attaches a PDF to a reply, sees it listed under the post, and it
downloads; whoever may not read the post (once a moderator hid it) or the conversation gets 404."""

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from accounts.demo import invented_people
from tests.e2e.conftest import sign_in
from tests.e2e.look import serious_violations

pytestmark = pytest.mark.browser
PASSWORD = "network-demo-2026"
AMINA = "amina.haddad@gcm.unu.example"
TOMAS = "tomas.okonkwo@ehs.unu.example"
MODERATOR = "moderator@merit.unu.example"
# The demo's fourth invented member, in no workspace.
KWAME = invented_people()[3][0]
PDF = (
    b"%PDF-1.4\n1 0 obj<< /Type /Catalog /Pages 2 0 R >>endobj\n"
    b"2 0 obj<< /Type /Pages /Kids [] /Count 0 >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"
)


def _xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


XLSX = _xlsx()


def status_of(page, url: str) -> int:
    return page.request.get(url, max_redirects=0).status


def test_a_pdf_attached_to_a_reply_is_listed_downloads_and_is_404_for_outsiders(
    server, new_page, tmp_path
):
    amina = new_page()
    sign_in(amina, server, AMINA, PASSWORD)
    amina.goto(server.url + "/forum/")
    amina.get_by_role("link", name="Data sources on climate mobility in the Sahel").click()
    amina.get_by_label("Your reply").fill("My fieldwork report, as promised.")
    report = tmp_path / "Fieldwork report (Niger).pdf"
    report.write_bytes(PDF)
    amina.get_by_label("Attach files").set_input_files(report)
    amina.get_by_role("button", name="Post reply").click()

    post = amina.locator("article.post", has_text="My fieldwork report, as promised.")
    link = post.get_by_role("link", name="Fieldwork report (Niger).pdf")
    link.wait_for()
    expect(post.get_by_text("Attached files")).to_be_visible()
    assert serious_violations(amina) == []
    with amina.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "Fieldwork report (Niger).pdf"
    assert download.value.path().read_bytes() == PDF
    url = server.url + link.get_attribute("href")

    tomas = new_page()
    sign_in(tomas, server, TOMAS, PASSWORD)
    response = tomas.request.get(url)
    assert response.status == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"

    # A moderator hides the reply: Tomas may no longer read it, nor have its file.
    moderator = new_page()
    sign_in(moderator, server, MODERATOR, PASSWORD)
    moderator.goto(amina.url)
    hidden = moderator.locator("article.post", has_text="My fieldwork report, as promised.")
    hidden.get_by_role("link", name="Hide").click()
    moderator.get_by_label("Reason").fill("Posted in the wrong thread")
    moderator.get_by_role("button", name="Hide a post").click()
    moderator.get_by_text("The post is hidden.").wait_for()
    assert status_of(tomas, url) == 404
    assert status_of(amina, url) == 200  # its author still reads it
    assert status_of(moderator, url) == 200


def test_a_file_sent_in_a_conversation_is_404_for_who_is_not_in_it(server, new_page, tmp_path):
    amina = new_page()
    sign_in(amina, server, AMINA, PASSWORD)
    amina.goto(server.url + "/messages/new/")
    amina.get_by_role("checkbox", name=re.compile("Tomás Okonkwo")).check()
    amina.get_by_label("Subject").fill("The questionnaire")
    amina.get_by_role("textbox", name=re.compile("^Message")).fill("Here is the draft.")
    table = tmp_path / "rounds.csv"
    table.write_text("country,rounds\nNiger,4\n")
    amina.get_by_label("Attach files").set_input_files(table)
    amina.get_by_role("button", name="Send").click()
    link = amina.get_by_role("link", name="rounds.csv")
    link.wait_for()
    url = server.url + link.get_attribute("href")

    tomas = new_page()
    sign_in(tomas, server, TOMAS, PASSWORD)
    assert status_of(tomas, url) == 200
    moderator = new_page()
    sign_in(moderator, server, MODERATOR, PASSWORD)
    assert status_of(moderator, url) == 404


def test_a_file_in_the_workspace_is_listed_there_and_404_for_members_outside(
    server, new_page, tmp_path
):
    amina = new_page()
    sign_in(amina, server, AMINA, PASSWORD)
    amina.goto(server.url + "/forum/")
    amina.get_by_role("link", name="Joint survey on remittances and climate adaptation").click()
    amina.get_by_role("link", name="Open the private workspace").click()
    workspace_url = amina.url
    amina.get_by_role("link", name="Start a thread in the workspace").click()
    amina.get_by_label("Title").fill("Budget sheet")
    amina.get_by_label("Text").fill("The figures, under embargo.")
    sheet = tmp_path / "budget.xlsx"
    sheet.write_bytes(XLSX)
    amina.get_by_label("Attach files").set_input_files(sheet)
    amina.get_by_role("button", name="Start the thread").click()
    amina.get_by_role("heading", name="Budget sheet").wait_for()
    amina.goto(workspace_url)
    files = amina.locator("#files")
    link = files.get_by_role("link", name="budget.xlsx")
    assert link.is_visible() and files.get_by_role("link", name="Budget sheet").is_visible()
    assert serious_violations(amina) == []
    url = server.url + link.get_attribute("href")

    tomas = new_page()  # a participant of the initiative
    sign_in(tomas, server, TOMAS, PASSWORD)
    assert status_of(tomas, url) == 200
    kwame = new_page()
    sign_in(kwame, server, KWAME, PASSWORD)
    assert status_of(kwame, url) == 404
