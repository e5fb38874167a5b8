"""Who may see a thread, asked of every place that answers it.

The rule is written once (``forum.models.threads``: ``THREAD_STATES`` and ``reading_condition``).
It is read as a QuerySet (``Thread.objects.visible_to``), as a predicate on a loaded thread
(``Thread.is_visible_to``, ``permissions.can_view_thread``), as people (``Thread.readers``,
``recipients.audience``), by the live socket (``ThreadConsumer``), by search and by the thread
page itself. For every persona and every thread state each must give the answer in ``EXPECTED``;
the portal shows a practice to visitors only in the one state ``ON_PORTAL`` names.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts import actions as account_actions
from forum import actions, permissions, recipients
from forum.consumers import ThreadConsumer
from forum.models import Category, Reach, Thread
from portal import actions as portal_actions
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "newcomer",
    "applicant",
    "deactivated",
    "author",
    "member",
    "other_member",
    "moderator",
    "admin_user",
]
NOT_MEMBERS = {"anonymous", "newcomer", "applicant", "deactivated"}
EVERY_MEMBER = {"author", "member", "other_member", "moderator", "admin_user"}
AUTHOR_AND_MODERATORS = {"author", "moderator", "admin_user"}
MODERATORS = {"moderator", "admin_user"}
# A workspace's people: the proposer ("author") and "member", who accepted an invitation.
WORKSPACE_AND_MODERATORS = {"author", "member", "moderator", "admin_user"}

# state -> (who may see a thread in it, its reach)
EXPECTED = {
    "discussion (members only)": (EVERY_MEMBER, Reach.MEMBERS),
    "locked": (EVERY_MEMBER, Reach.MEMBERS),
    "pinned": (EVERY_MEMBER, Reach.MEMBERS),
    "with a hidden post": (EVERY_MEMBER, Reach.MEMBERS),
    "with a withdrawn post": (EVERY_MEMBER, Reach.MEMBERS),
    "restored after deletion": (EVERY_MEMBER, Reach.MEMBERS),
    "initiative": (EVERY_MEMBER, Reach.MEMBERS),
    "submitted practice": (EVERY_MEMBER, Reach.MEMBERS),
    "practice in review": (EVERY_MEMBER, Reach.MEMBERS),
    "curated practice": (EVERY_MEMBER, Reach.MEMBERS),
    "public practice": (EVERY_MEMBER, Reach.MEMBERS),
    "declined practice": (AUTHOR_AND_MODERATORS, Reach.AUTHOR),
    "declined practice taken back into review": (EVERY_MEMBER, Reach.MEMBERS),
    "deleted": (MODERATORS, Reach.MODERATORS),
    "deleted initiative": (MODERATORS, Reach.MODERATORS),
    "deleted declined practice": (MODERATORS, Reach.MODERATORS),
    "deleted public practice": (MODERATORS, Reach.MODERATORS),
    "private workspace": (WORKSPACE_AND_MODERATORS, Reach.PARTICIPANTS),
    "private workspace, invitation declined": (AUTHOR_AND_MODERATORS, Reach.PARTICIPANTS),
    "private workspace the invitee left": (AUTHOR_AND_MODERATORS, Reach.PARTICIPANTS),
    "workspace made public": (EVERY_MEMBER, Reach.MEMBERS),
    "deleted private workspace": (MODERATORS, Reach.MODERATORS),
}
# The thread itself stays for members; the portal shows visitors the practice, in this state only.
ON_PORTAL = {"public practice"}

TITLE_WORD = "Zanzibar"


def test_the_table_says_what_the_rule_means():
    """Spelled out for a few cells, so that the table is not the code read back."""
    assert "member" in EXPECTED["discussion (members only)"][0]
    assert "member" not in EXPECTED["declined practice"][0]
    assert "author" in EXPECTED["declined practice"][0]
    assert "author" not in EXPECTED["deleted"][0]
    assert "member" in EXPECTED["private workspace"][0]
    assert "other_member" not in EXPECTED["private workspace"][0]
    assert "other_member" in EXPECTED["workspace made public"][0]
    assert not any(NOT_MEMBERS & readers for readers, _reach in EXPECTED.values())


@pytest.fixture
def people(institutes, member, other_member, moderator, admin_user, applicant, newcomer):
    deactivated = make_user("dan@gcm.unu.example", "Dan Roe")
    account_actions.deactivate_member(moderator, deactivated, reason="Left the network")
    return {
        "anonymous": AnonymousUser(),
        "newcomer": newcomer,
        "applicant": applicant,
        "deactivated": type(deactivated).objects.get(pk=deactivated.pk),
        "author": make_user("carol@gcm.unu.example", "Carol Diaz"),
        "member": member,
        "other_member": other_member,
        "moderator": moderator,
        "admin_user": admin_user,
    }


def make_workspace_thread(state: str, author, invitee) -> Thread:
    """A thread in the workspace of ``author``'s initiative, which ``invitee`` was invited to."""
    category = Category.objects.get(slug="general")
    initiative = actions.propose_initiative(
        author, category=category, title="Data lab", summary="Pool.", objectives="Agree."
    )
    workspace = actions.open_workspace(author, initiative)
    invitation = actions.invite(author, workspace, invitee)
    actions.answer_invitation(invitee, invitation, accept="declined" not in state)
    if "left" in state:
        actions.leave_initiative(invitee, initiative)
    thread = actions.start_workspace_thread(
        author, workspace, title=f"{TITLE_WORD} budget", body="Under embargo."
    )
    if "public" in state:
        actions.make_workspace_public(invitee, workspace)
    return thread


def make_thread(state: str, author, moderator, invitee=None) -> Thread:
    category = Category.objects.create(name="General", slug="general")
    if "workspace" in state:
        thread = make_workspace_thread(state, author, invitee)
    elif "practice" in state:
        practice = actions.submit_practice(
            author,
            category=category,
            title=f"{TITLE_WORD} welcome desks",
            summary="Desks.",
            what_worked="Yes.",
        )
        thread = practice.thread
        review = {
            "practice in review": ["in_review"],
            "curated practice": ["curated"],
            "public practice": ["curated"],
            "deleted public practice": ["curated"],
            "declined practice": ["declined"],
            "deleted declined practice": ["declined"],
            "declined practice taken back into review": ["declined", "in_review"],
        }
        for status in review.get(state, []):
            actions.review_practice(moderator, practice, status, reason="Out of scope")
        if "public" in state:
            portal_actions.set_practice_public(moderator, practice, True)
    elif "initiative" in state:
        thread = actions.propose_initiative(
            author,
            category=category,
            title=f"{TITLE_WORD} data lab",
            summary="Pool.",
            objectives="Agree.",
        ).thread
    else:
        thread = actions.create_thread(
            author, category=category, title=f"{TITLE_WORD} hello", body="Hi."
        )
    flags = {
        "locked": ["lock"],
        "pinned": ["pin"],
        "deleted": ["delete_thread"],
        "deleted initiative": ["delete_thread"],
        "deleted declined practice": ["delete_thread"],
        "deleted public practice": ["delete_thread"],
        "deleted private workspace": ["delete_thread"],
        "restored after deletion": ["delete_thread", "restore_thread"],
    }
    for flag in flags.get(state, []):
        actions.moderate_thread(moderator, Thread.objects.get(pk=thread.pk), flag, reason="Why")
    if state == "with a hidden post":
        post = actions.reply(moderator, thread, "Off topic.")
        actions.hide_post(moderator, post, reason="Off topic")
    if state == "with a withdrawn post":
        actions.delete_post(author, actions.reply(author, thread, "Oops."))
    return Thread.objects.get(pk=thread.pk)


def socket_sees(user, thread) -> bool:
    consumer = ThreadConsumer()
    consumer.user, consumer.thread_id = user, thread.pk
    return consumer._can_see_thread()


@pytest.mark.parametrize("state", EXPECTED)
def test_every_place_agrees_on_who_sees_a_thread(state, people):
    thread = make_thread(state, people["author"], people["moderator"], people["member"])
    readers, reach = EXPECTED[state]
    assert thread.reach is reach
    audience = set(recipients.audience(thread))
    assert audience == set(thread.readers())
    for persona in PERSONAS:
        user = people[persona]
        expected = persona in readers
        fresh = Thread.objects.get(pk=thread.pk)  # nothing cached from another persona's answer
        answers = {
            "QuerySet": Thread.objects.visible_to(user).filter(pk=thread.pk).exists(),
            "predicate": fresh.is_visible_to(user),
            "permission": permissions.can_view_thread(user, fresh),
            "socket": socket_sees(user, thread),
            "audience": user in audience,
        }
        assert answers == dict.fromkeys(answers, expected), (state, persona)


@pytest.mark.parametrize("state", EXPECTED)
def test_the_pages_give_the_same_answer(state, people, client):
    """The thread page: 200 for a reader, 404 for a member who may not read it, a redirect for
    anyone who is not a member; search finds the thread exactly for its readers; the portal
    shows the practice to visitors only while it is public."""
    thread = make_thread(state, people["author"], people["moderator"], people["member"])
    readers, _reach = EXPECTED[state]
    url = reverse("forum:thread", args=[thread.pk])
    opening = reverse("forum:post", args=[thread.posts.get(position=1).pk])
    for persona in PERSONAS:
        client.logout()
        if persona not in ("anonymous", "deactivated"):  # the deactivated cannot sign in
            client.force_login(people[persona])
        status = client.get(url).status_code
        search = client.get(reverse("forum:search"), {"q": TITLE_WORD})
        if persona in NOT_MEMBERS:
            assert (status, search.status_code) == (302, 302), persona
            continue
        assert status == (200 if persona in readers else 404), (state, persona)
        assert search.status_code == 200
        assert (f'href="{opening}"' in search.content.decode()) is (persona in readers), persona
    client.logout()
    practice = getattr(thread, "practice", None)
    if practice is not None:
        on_portal = client.get(reverse("portal:practice", args=[practice.pk])).status_code
        assert on_portal == (200 if state in ON_PORTAL else 404), state


@pytest.mark.parametrize("state", [s for s in EXPECTED if "workspace" in s and "deleted" not in s])
def test_the_workspace_page_agrees_with_its_threads(state, people, client):
    """The workspace's page and its actions answer each persona as its threads do: 200 for a
    reader, 404 for a member who may not read them, a redirect for anyone not a member."""
    thread = make_thread(state, people["author"], people["moderator"], people["member"])
    readers, _reach = EXPECTED[state]
    initiative = thread.workspace.initiative
    page = reverse("forum:workspace", args=[initiative.pk])
    for persona in PERSONAS:
        client.logout()
        if persona not in ("anonymous", "deactivated"):
            client.force_login(people[persona])
        status = client.get(page).status_code
        invite = client.post(reverse("forum:workspace_invite", args=[initiative.pk]), {"who": ""})
        if persona in NOT_MEMBERS:
            assert (status, invite.status_code) == (302, 302), persona
            continue
        assert status == (200 if persona in readers else 404), (state, persona)
        if persona not in readers:
            assert invite.status_code == 404, (state, persona)
