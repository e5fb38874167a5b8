"""Initiative workspaces, as pages: each with an allowed and a refused persona, bad input kept
and answered 4xx, and a query budget that does not grow with the data."""

import pytest
from django.urls import reverse

from forum import actions
from forum.models import Category, Participation, Workspace, WorkspaceInvitation
from notifications.models import Notification
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def url(name, initiative):
    return reverse(f"forum:{name}", args=[initiative.pk])


def test_the_proposer_starts_the_workspace_from_the_initiative(login, member, initiative):
    client = login(member)
    page = client.get(initiative.thread.get_absolute_url()).content.decode()
    assert "Start a private workspace" in page
    response = client.post(url("workspace_open", initiative))
    assert response.status_code == 302 and response["Location"] == url("workspace", initiative)
    assert Workspace.objects.get(initiative=initiative).private
    page = client.get(initiative.thread.get_absolute_url()).content.decode()
    assert "Open the private workspace" in page


def test_an_outsider_cannot_start_it_nor_sees_the_button(login, other_member, initiative):
    client = login(other_member)
    page = client.get(initiative.thread.get_absolute_url()).content.decode()
    assert "Start a private workspace" not in page
    assert client.post(url("workspace_open", initiative)).status_code == 403
    assert not Workspace.objects.exists()


def test_the_workspace_page_is_for_its_people_and_moderators(
    login, client, member, other_member, moderator, workspace, initiative
):
    thread = actions.start_workspace_thread(member, workspace, title="Budget", body="Embargo.")
    for person, status in [(member, 200), (moderator, 200), (other_member, 404)]:
        client.force_login(person)
        response = client.get(url("workspace", initiative))
        assert response.status_code == status, person
        if status == 200:
            assert "Budget" in response.content.decode()
        assert client.get(thread.get_absolute_url()).status_code == status, person
    client.force_login(other_member)
    page = client.get(initiative.thread.get_absolute_url()).content.decode()
    assert "workspace" not in page.lower()  # no link, no button: they do not know of it
    client.logout()
    assert client.get(url("workspace", initiative)).status_code == 302  # to sign-in


def test_a_moderator_reads_but_does_not_act(login, moderator, other_member, workspace, initiative):
    client = login(moderator)
    page = client.get(url("workspace", initiative)).content.decode()
    assert "Invite a member" not in page and "Make the workspace public" not in page
    assert client.post(url("workspace_invite", initiative), {"who": "Bob Mensah"}).status_code == (
        403
    )
    assert client.get(url("workspace_public", initiative)).status_code == 403
    assert client.get(url("workspace_new_thread", initiative)).status_code == 403


def test_inviting_by_name_email_or_suggestion(login, member, other_member, workspace, initiative):
    client = login(member)
    response = client.post(url("workspace_invite", initiative), {"who": "bob mensah"})
    assert response.status_code == 302
    invitation = WorkspaceInvitation.objects.get(invitee=other_member)
    told = Notification.objects.get(kind="workspace_invitation")
    assert told.recipient == other_member and told.url == invitation.get_absolute_url()
    carol = make_user("carol@gcm.unu.example", "Carol Diaz")
    assert client.post(url("workspace_invite", initiative), {"who": carol.email}).status_code == 302
    dan = make_user("dan@gcm.unu.example", "Dan Roe")
    assert client.post(url("workspace_invite", initiative), {"member": dan.pk}).status_code == 302
    assert set(WorkspaceInvitation.objects.values_list("invitee__email", flat=True)) == {
        other_member.email,
        carol.email,
        dan.email,
    }
    page = client.get(url("workspace", initiative)).content.decode()
    assert "Invited, not answered yet" in page and "Carol Diaz" in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"who": ""}, "Name the member to invite."),
        ({"who": "Nobody Atall"}, "Nobody in the network is called “Nobody Atall”."),
        ({"who": "Alice Moreau"}, "Alice Moreau already takes part in this initiative."),
        ({"member": "999999"}, "Nobody in the network is called"),
    ],
)
def test_a_bad_invitation_says_why_and_keeps_what_was_typed(
    login, member, workspace, initiative, data, message
):
    response = login(member).post(url("workspace_invite", initiative), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page.replace("&#x27;", "'").replace("&quot;", '"')
    if data.get("who"):
        assert f'value="{data["who"]}"' in page
    assert not WorkspaceInvitation.objects.exists()


def test_two_people_of_one_name_need_the_email(login, member, workspace, initiative):
    make_user("bob1@gcm.unu.example", "Sam Lee")
    make_user("bob2@ehs.unu.example", "Sam Lee")
    response = login(member).post(url("workspace_invite", initiative), {"who": "Sam Lee"})
    assert response.status_code == 400
    assert "give their email address" in response.content.decode()


def test_an_outsider_cannot_invite(login, other_member, workspace, initiative):
    response = login(other_member).post(url("workspace_invite", initiative), {"who": "Bob"})
    assert response.status_code == 404
    assert not WorkspaceInvitation.objects.exists()


def test_the_invitee_accepts_and_enters(login, client, member, other_member, workspace, initiative):
    invitation = actions.invite(member, workspace, other_member)
    page = reverse("forum:workspace_invitation", args=[invitation.pk])
    client.force_login(member)
    assert client.get(page).status_code == 404  # only the invitee sees it
    assert client.post(page, {"answer": "accept"}).status_code == 404
    client.force_login(other_member)
    assert client.get(url("workspace", initiative)).status_code == 404
    shown = client.get(page).content.decode()
    assert "Heat and mobility" in shown and "Accept" in shown
    response = client.post(page, {"answer": "accept"})
    assert response.status_code == 302 and response["Location"] == url("workspace", initiative)
    assert client.get(url("workspace", initiative)).status_code == 200
    assert Participation.objects.filter(user=other_member, kind="participant").exists()
    again = client.post(page, {"answer": "decline"})
    assert again.status_code == 400
    assert "You have already answered this invitation." in again.content.decode()


def test_declining_and_a_bad_answer(login, member, other_member, workspace, initiative):
    invitation = actions.invite(member, workspace, other_member)
    page = reverse("forum:workspace_invitation", args=[invitation.pk])
    client = login(other_member)
    assert client.post(page, {"answer": "maybe"}).status_code == 400
    response = client.post(page, {"answer": "decline"})
    assert response.status_code == 302
    assert response["Location"] == initiative.thread.get_absolute_url()
    assert client.get(url("workspace", initiative)).status_code == 404


def test_a_workspace_thread_is_started_and_a_bad_one_kept(login, member, workspace, initiative):
    client = login(member)
    new = url("workspace_new_thread", initiative)
    assert client.get(new).status_code == 200
    bad = client.post(new, {"title": "", "body": "My careful draft"})
    assert bad.status_code == 400 and "My careful draft" in bad.content.decode()
    response = client.post(new, {"title": "Budget", "body": "Numbers."})
    assert response.status_code == 302
    assert workspace.threads.get().title == "Budget"


def test_an_outsider_cannot_start_a_workspace_thread(login, other_member, workspace, initiative):
    client = login(other_member)
    assert (
        client.post(
            url("workspace_new_thread", initiative), {"title": "X", "body": "Y"}
        ).status_code
        == 404
    )
    assert not workspace.threads.exists()


def test_making_it_public_asks_first(login, member, other_member, workspace, initiative):
    actions.start_workspace_thread(member, workspace, title="Budget", body="Embargo.")
    client = login(member)
    page = url("workspace_public", initiative)
    shown = client.get(page).content.decode()
    assert "1 thread" in shown and "This cannot be undone." in shown
    assert client.post(page, {}).status_code == 400
    assert Workspace.objects.get().private
    assert client.post(page, {"confirm": "yes"}).status_code == 302
    assert not Workspace.objects.get().private
    again = client.post(page, {"confirm": "yes"})
    assert (
        again.status_code == 400 and "This workspace is already public." in again.content.decode()
    )
    client.force_login(other_member)
    assert client.get(url("workspace", initiative)).status_code == 200  # now every member


def test_an_outsider_cannot_make_it_public(login, other_member, workspace, initiative):
    assert (
        login(other_member)
        .post(url("workspace_public", initiative), {"confirm": "yes"})
        .status_code
        == 404
    )
    assert Workspace.objects.get().private


def test_the_workspace_page_keeps_its_query_budget(
    login, member, workspace, initiative, assert_stable_queries, institutes
):
    client = login(member)
    count = iter(range(100))

    def grow():
        for _ in range(3):
            n = next(count)
            person = make_user(f"p{n}@gcm.unu.example", f"Person {n}")
            actions.join_initiative(person, initiative)
            guest = make_user(f"g{n}@gcm.unu.example", f"Guest {n}")
            actions.invite(member, workspace, guest)
            thread = actions.start_workspace_thread(person, workspace, title=f"T{n}", body="Hi.")
            actions.reply(member, thread, "Welcome.")

    grow()
    queries = assert_stable_queries(client, url("workspace", initiative), grow)
    assert queries <= 30


def test_the_invitation_and_public_pages_keep_their_budgets(
    login, member, other_member, workspace, initiative, assert_stable_queries, institutes
):
    invitation = actions.invite(member, workspace, other_member)
    count = iter(range(100))

    def grow():
        n = next(count)
        actions.start_workspace_thread(member, workspace, title=f"T{n}", body="Hi.")
        other = make_user(f"p{n}@gcm.unu.example", f"Person {n}")
        actions.invite(member, workspace, other)

    page = reverse("forum:workspace_invitation", args=[invitation.pk])
    assert assert_stable_queries(login(other_member), page, grow) <= 20
    assert assert_stable_queries(login(member), url("workspace_public", initiative), grow) <= 20


def test_an_empty_category_and_an_empty_workspace_say_so(login, member, workspace):
    client = login(member)
    empty = Category.objects.create(name="Empty", slug="empty")
    assert "No threads here yet." in client.get(empty.get_absolute_url()).content.decode()
    page = client.get(url("workspace", workspace.initiative)).content.decode()
    assert "No threads in the workspace yet." in page
