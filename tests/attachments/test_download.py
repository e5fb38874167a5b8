"""A file downloads for whoever may see what it is attached to, and is 404 for everyone else."""

import pytest
from django.db import transaction

from attachments.actions import attach
from attachments.forms import prepare
from attachments.models import Attachment
from conversations import actions as conversations
from forum import actions as forum
from forum.models import Category
from tests.conftest import make_user

from .samples import ALLOWED, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(member):
    category = Category.objects.create(name="General discussion", slug="general", order=1)
    return forum.create_thread(member, category=category, title="Sources", body="Which?")


@pytest.fixture
def post_file(thread, member, attach_files):
    (attachment,) = attach_files(thread.posts.get(), member, "report.pdf")
    return attachment


@pytest.fixture
def outsider(institutes):
    return make_user("olga@ehs.unu.example", "Olga Petrova")


def fetch(client, user, attachment):
    if user is not None:
        client.force_login(user)
    return client.get(attachment.get_absolute_url())


def test_a_reader_of_the_thread_downloads_the_file_as_an_attachment(
    client, other_member, post_file
):
    response = fetch(client, other_member, post_file)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == ALLOWED["report.pdf"]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_file_name_outside_ascii_is_sent_encoded(client, member, thread):
    with transaction.atomic():
        (attachment,) = attach(
            member,
            thread.posts.get(),
            [prepare(upload("Rapport d'été.pdf", ALLOWED["report.pdf"]))],
        )
    response = fetch(client, member, attachment)
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Rapport%20d%27%C3%A9t%C3%A9.pdf"
    )


def test_the_signed_out_are_sent_to_sign_in_and_non_members_to_their_status(
    client, newcomer, post_file
):
    assert fetch(client, None, post_file)["Location"].startswith("/accounts/login/")
    assert fetch(client, newcomer, post_file)["Location"] == "/accounts/status/"


def test_an_unknown_key_is_404(client, member, post_file):
    client.force_login(member)
    assert client.get("/files/not-a-key/").status_code == 404


def test_a_hidden_post_s_files_are_for_moderators_and_its_author_only(
    client, member, other_member, moderator, thread, attach_files
):
    reply = forum.reply(other_member, thread, "Here is the data")
    (attachment,) = attach_files(reply, other_member, "table.csv")
    forum.hide_post(moderator, reply, reason="Off topic")
    assert fetch(client, member, attachment).status_code == 404
    assert fetch(client, other_member, attachment).status_code == 200
    assert fetch(client, moderator, attachment).status_code == 200


def test_a_deleted_post_s_files_are_for_nobody(client, member, moderator, thread, attach_files):
    reply = forum.reply(member, thread, "Oops, wrong file")
    (attachment,) = attach_files(reply, member, "report.pdf")
    forum.delete_post(member, reply)
    assert fetch(client, member, attachment).status_code == 404
    assert fetch(client, moderator, attachment).status_code == 404


def test_a_deleted_thread_s_files_are_for_moderators_only(
    client, member, other_member, moderator, thread, post_file
):
    forum.moderate_thread(moderator, thread, "delete_thread", reason="Spam")
    assert fetch(client, other_member, post_file).status_code == 404
    assert fetch(client, moderator, post_file).status_code == 200


@pytest.fixture
def conversation(member, other_member):
    return conversations.start(member, [other_member], subject="Data", body="Here it is")


def test_a_message_s_files_are_for_its_participants_only(
    client, member, other_member, outsider, moderator, conversation, attach_files
):
    message = conversation.messages.get()
    (attachment,) = attach_files(message, member, "figures.xlsx")
    assert fetch(client, member, attachment).status_code == 200
    assert fetch(client, other_member, attachment).status_code == 200
    assert fetch(client, outsider, attachment).status_code == 404
    assert fetch(client, moderator, attachment).status_code == 404


def test_who_left_keeps_the_files_sent_before_not_those_after(
    client, member, other_member, institutes, attach_files
):
    carol = make_user("carol@ehs.unu.example", "Carol Nguyen")
    conversation = conversations.start(member, [other_member, carol], subject="Data", body="Hi")
    (before,) = attach_files(conversation.messages.get(), member, "report.pdf")
    conversations.leave(carol, conversation)
    later = conversations.send(member, conversation, "After Carol left")
    (after,) = attach_files(later, member, "report.pdf")
    assert fetch(client, carol, before).status_code == 200
    assert fetch(client, carol, after).status_code == 404
    assert fetch(client, other_member, after).status_code == 200


def test_a_file_whose_owner_shares_nothing_is_404(client, member, attach_files):
    # A model without files_visible_to (here: a category) never shares its files.
    category = Category.objects.create(name="Other", slug="other", order=2)
    (attachment,) = attach_files(category, member, "report.pdf")
    assert fetch(client, member, attachment).status_code == 404


def test_a_file_missing_from_the_storage_is_404_not_500(client, member, post_file):
    post_file.file.storage.delete(post_file.file.name)
    assert fetch(client, member, post_file).status_code == 404


def test_files_are_stored_privately_under_random_names(settings, post_file):
    path = settings.ATTACHMENTS_ROOT / post_file.file.name
    assert path.is_file()
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert "report" not in post_file.file.name
    assert Attachment.objects.get().name == "report.pdf"
    with pytest.raises(ValueError):
        post_file.file.url  # noqa: B018
