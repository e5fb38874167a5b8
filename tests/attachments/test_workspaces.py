"""A workspace's files: those on its threads' posts, listed on the workspace page; they download
for its people and moderators and are 404 for everyone else, until it is made public."""

import pytest
from django.urls import reverse

from forum import actions
from forum.models import Category
from tests.conftest import make_user

from .samples import ALLOWED, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(member):
    category = Category.objects.create(name="Initiatives", slug="initiatives", order=1)
    return actions.propose_initiative(
        member, category=category, title="Heat and mobility", summary="Pool.", objectives="Agree."
    )


@pytest.fixture
def workspace(initiative, member):
    return actions.open_workspace(member, initiative)


@pytest.fixture
def outsider(institutes):
    return make_user("olga@ehs.unu.example", "Olga Petrova")


def page_of(client, user, initiative) -> str:
    client.force_login(user)
    return client.get(reverse("forum:workspace", args=[initiative.pk])).content.decode()


def status(client, user, attachment) -> int:
    client.force_login(user)
    return client.get(attachment.get_absolute_url()).status_code


def test_a_file_of_a_workspace_thread_is_listed_and_for_its_people_only(
    client, member, other_member, moderator, outsider, initiative, workspace
):
    client.force_login(member)
    response = client.post(
        reverse("forum:workspace_new_thread", args=[initiative.pk]),
        {
            "title": "Draft proposal",
            "body": "Under embargo until the call opens.",
            "files": [upload("proposal-draft.docx", ALLOWED["draft.docx"])],
        },
    )
    assert response.status_code == 302
    thread = workspace.threads.get()
    (attachment,) = thread.posts.get().attachments.all()
    page = page_of(client, member, initiative)
    assert "proposal-draft.docx" in page and attachment.get_absolute_url() in page
    assert status(client, member, attachment) == 200
    assert status(client, moderator, attachment) == 200
    assert status(client, outsider, attachment) == 404

    # Invited, Bob gets nothing until he accepts; then he has the file.
    invitation = actions.invite(member, workspace, other_member)
    assert status(client, other_member, attachment) == 404
    actions.answer_invitation(other_member, invitation, accept=True)
    assert status(client, other_member, attachment) == 200
    assert "proposal-draft.docx" in page_of(client, other_member, initiative)

    # Made public, every member has it.
    actions.make_workspace_public(member, workspace)
    assert status(client, outsider, attachment) == 200


def test_a_reply_s_file_in_a_workspace_thread_is_listed_too(
    client, member, initiative, workspace, attach_files
):
    thread = actions.start_workspace_thread(member, workspace, title="Budget", body="Figures.")
    reply = actions.reply(member, thread, "The sheet")
    attach_files(reply, member, "figures.xlsx")
    page = page_of(client, member, initiative)
    assert "figures.xlsx" in page and "Budget" in page


def test_the_workspace_page_makes_as_many_queries_whatever_the_number_of_files(
    client, member, initiative, workspace, attach_files, assert_stable_queries
):
    thread = actions.start_workspace_thread(member, workspace, title="Budget", body="Figures.")
    attach_files(thread.posts.get(), member, "report.pdf")

    def grow():
        for i in range(3):
            reply = actions.reply(member, thread, f"Sheet {i}")
            attach_files(reply, member, "figures.xlsx", "map.png")

    client.force_login(member)
    url = reverse("forum:workspace", args=[initiative.pk])
    assert assert_stable_queries(client, url, grow) == 15
