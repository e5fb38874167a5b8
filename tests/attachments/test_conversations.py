"""Files on conversation messages: sent with a message or a new conversation, listed under it,
downloaded by its participants only; a refused file keeps the text."""

import pytest
from django.urls import reverse

from attachments.models import Attachment
from conversations import actions
from conversations.models import Conversation, Message
from tests.conftest import make_user

from .samples import ALLOWED, FORGED, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(member, other_member):
    return actions.start(member, [other_member], subject="Data", body="Hello")


def send_url(conversation):
    return reverse("conversations:send", args=[conversation.pk])


def test_a_message_with_a_file_is_listed_and_downloads_for_the_participants_only(
    client, member, other_member, institutes, conversation
):
    client.force_login(member)
    response = client.post(
        send_url(conversation),
        {"body": "The questionnaire", "files": [upload("questionnaire.odt", ALLOWED["draft.odt"])]},
    )
    assert response.status_code == 302
    (attachment,) = Message.objects.get(body="The questionnaire").attachments.all()
    client.force_login(other_member)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "questionnaire.odt" in page and attachment.get_absolute_url() in page
    assert client.get(attachment.get_absolute_url()).status_code == 200
    client.force_login(make_user("olga@ehs.unu.example", "Olga Petrova"))
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_the_conversation_page_s_composer_sends_files(client, member, conversation):
    client.force_login(member)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="files"' in page


def test_a_new_conversation_carries_files(client, member, other_member):
    client.force_login(member)
    response = client.post(
        reverse("conversations:start"),
        {
            "recipients": [other_member.pk],
            "subject": "Figures",
            "body": "See the sheet",
            "files": [upload("figures.xlsx", ALLOWED["figures.xlsx"])],
        },
    )
    assert response.status_code == 302
    message = Conversation.objects.get(subject="Figures").messages.get()
    assert [a.name for a in message.attachments.all()] == ["figures.xlsx"]


def test_a_forged_file_refuses_the_message_and_keeps_its_text(client, member, conversation):
    client.force_login(member)
    response = client.post(
        send_url(conversation),
        {"body": "My long message", "files": [upload("minutes.docx", FORGED["draft.docx"])]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "does not hold what its name says" in page and "My long message" in page
    assert not Message.objects.filter(body="My long message").exists()
    assert not Attachment.objects.exists()


def test_files_over_the_quota_refuse_a_new_conversation_and_keep_its_text(
    client, settings, member, other_member
):
    settings.ATTACHMENTS_QUOTA_BYTES = 10
    client.force_login(member)
    response = client.post(
        reverse("conversations:start"),
        {
            "recipients": [other_member.pk],
            "subject": "Figures",
            "body": "See the sheet",
            "files": [upload("report.pdf", ALLOWED["report.pdf"])],
        },
    )
    assert response.status_code == 400
    assert "would take you over your storage" in response.content.decode()
    assert "See the sheet" in response.content.decode()
    assert not Conversation.objects.filter(subject="Figures").exists()


def test_the_conversation_page_makes_as_many_queries_whatever_the_number_of_files(
    client, member, other_member, conversation, attach_files, assert_stable_queries
):
    messages = [conversation.messages.get()]
    messages += [actions.send(other_member, conversation, f"More {i}") for i in range(3)]
    attach_files(messages[0], member, "report.pdf")

    def grow():
        for message in messages:
            attach_files(message, message.author, "report.pdf", "map.png")

    client.force_login(member)
    assert assert_stable_queries(client, conversation.get_absolute_url(), grow) == 10
