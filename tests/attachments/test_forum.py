"""Files on forum replies and new threads: attached from the composer, listed under the post,
refused with the text kept."""

import pytest
from django.urls import reverse

from attachments.models import Attachment
from forum import actions
from forum.models import Category, Post, Thread

from .samples import ALLOWED, FORGED, NOT_ALLOWED, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(db):
    return Category.objects.create(name="General discussion", slug="general", order=1)


@pytest.fixture
def thread(member, category):
    return actions.create_thread(member, category=category, title="Sources", body="Which?")


def reply_url(thread):
    return reverse("forum:reply", args=[thread.pk])


def test_a_reply_with_files_lists_them_under_the_post_and_they_download(
    client, member, other_member, thread
):
    client.force_login(other_member)
    response = client.post(
        reply_url(thread),
        {
            "body": "The survey and its table",
            "files": [
                upload("Survey 2025.pdf", ALLOWED["report.pdf"]),
                upload("table.csv", ALLOWED["table.csv"]),
            ],
        },
    )
    assert response.status_code == 302
    post = Post.objects.get(body="The survey and its table")
    files = list(post.attachments.all())
    assert [(f.name, f.kind, f.uploader) for f in files] == [
        ("Survey 2025.pdf", "pdf", other_member),
        ("table.csv", "csv", other_member),
    ]
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'href="{files[0].get_absolute_url()}"' in page
    assert "Survey 2025.pdf" in page and "Attached files" in page
    assert client.get(files[0].get_absolute_url()).status_code == 200


def test_the_thread_page_s_composer_sends_files(client, member, thread):
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'enctype="multipart/form-data" id="reply-form"' in page
    assert 'type="file" name="files"' in page and "multiple" in page


def test_a_new_thread_carries_files_on_its_opening_post(client, member, category):
    client.force_login(member)
    page = client.get(reverse("forum:new_thread")).content.decode()
    assert 'enctype="multipart/form-data"' in page
    response = client.post(
        reverse("forum:new_thread"),
        {
            "category": category.pk,
            "title": "Slides of the workshop",
            "body": "Attached.",
            "files": [upload("slides.pptx", ALLOWED["slides.pptx"])],
        },
    )
    assert response.status_code == 302
    opening = Thread.objects.get(title="Slides of the workshop").posts.get()
    assert [f.name for f in opening.attachments.all()] == ["slides.pptx"]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("draft.docx", FORGED["draft.docx"], "does not hold what its name says"),
        ("setup.exe", NOT_ALLOWED["setup.exe"], "files of this type are not allowed"),
        ("big.pdf", ALLOWED["report.pdf"] + b" " * 3000, "a file may be at most"),
    ],
)
def test_a_refused_file_refuses_the_reply_and_keeps_its_text(
    client, settings, other_member, thread, name, content, says
):
    settings.ATTACHMENTS_MAX_BYTES = 2000
    client.force_login(other_member)
    response = client.post(
        reply_url(thread),
        {"body": "My carefully written answer", "files": [upload(name, content)]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert says in page and name in page
    assert "My carefully written answer" in page
    assert not Post.objects.filter(body="My carefully written answer").exists()
    assert not Attachment.objects.exists()


def test_files_over_the_quota_refuse_the_reply_and_keep_its_text(
    client, settings, other_member, thread
):
    settings.ATTACHMENTS_QUOTA_BYTES = len(ALLOWED["report.pdf"]) + 10
    client.force_login(other_member)
    files = [upload("a.pdf", ALLOWED["report.pdf"]), upload("b.pdf", ALLOWED["report.pdf"])]
    response = client.post(reply_url(thread), {"body": "Two reports", "files": files})
    assert response.status_code == 400
    page = response.content.decode()
    assert "would take you over your storage" in page and "Two reports" in page
    assert not Post.objects.filter(body="Two reports").exists()
    assert not Attachment.objects.exists()


def test_a_hidden_post_s_files_are_not_listed_to_other_members(
    client, member, other_member, moderator, thread
):
    client.force_login(other_member)
    client.post(
        reply_url(thread), {"body": "Spam", "files": [upload("x.pdf", ALLOWED["report.pdf"])]}
    )
    actions.hide_post(moderator, Post.objects.get(body="Spam"), reason="Spam")
    client.force_login(member)
    assert "x.pdf" not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(moderator)
    assert "x.pdf" in client.get(thread.get_absolute_url()).content.decode()


def test_the_thread_page_makes_as_many_queries_whatever_the_number_of_files(
    client, member, other_member, thread, attach_files, assert_stable_queries
):
    opening = thread.posts.get()
    attach_files(opening, member, "report.pdf")

    def grow():
        attach_files(opening, member, "table.csv", "figures.xlsx")
        for i in range(4):
            reply = actions.reply(other_member, thread, f"Reply {i}")
            attach_files(reply, other_member, "report.pdf", "map.png")

    client.force_login(member)
    # One query for the files of the page's posts (none when no post has files).
    assert assert_stable_queries(client, thread.get_absolute_url(), grow) == 5


def test_a_file_added_to_a_thread_without_files_shows_at_once(client, member, thread, attach_files):
    opening = thread.posts.get()
    client.force_login(member)
    assert "report.pdf" not in client.get(thread.get_absolute_url()).text
    attach_files(opening, member, "report.pdf")
    assert "report.pdf" in client.get(thread.get_absolute_url()).text
