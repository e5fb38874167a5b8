"""Who may see a thread, asked of every place that answers it: the QuerySet
(``Thread.objects.visible_to``), the predicate (``permissions.can_view_thread``), the audience of
notifications (``recipients.audience``), the live socket (``ThreadConsumer``) and the page
itself. For every persona and every thread state they must give the answer in ``EXPECTED``.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts import actions as account_actions
from forum import actions, permissions, recipients
from forum.consumers import ThreadConsumer
from forum.models import Category, Reach, Thread
from tests.conftest import make_user

PERSONAS = [
    "anonymous",
    "applicant",
    "author",
    "member",
    "other_institute",
    "moderator",
    "admin",
    "deactivated",
]
EVERY_MEMBER = {"author", "member", "other_institute", "moderator", "admin"}
AUTHOR_AND_MODERATORS = {"author", "moderator", "admin"}
MODERATORS = {"moderator", "admin"}

# state -> (who may see a thread in it, its reach)
EXPECTED = {
    "discussion": (EVERY_MEMBER, Reach.MEMBERS),
    "locked": (EVERY_MEMBER, Reach.MEMBERS),
    "pinned": (EVERY_MEMBER, Reach.MEMBERS),
    "with a hidden post": (EVERY_MEMBER, Reach.MEMBERS),
    "with a withdrawn post": (EVERY_MEMBER, Reach.MEMBERS),
    "restored after deletion": (EVERY_MEMBER, Reach.MEMBERS),
    "initiative": (EVERY_MEMBER, Reach.MEMBERS),
    "submitted practice": (EVERY_MEMBER, Reach.MEMBERS),
    "practice in review": (EVERY_MEMBER, Reach.MEMBERS),
    "curated practice": (EVERY_MEMBER, Reach.MEMBERS),
    "declined practice": (AUTHOR_AND_MODERATORS, Reach.AUTHOR),
    "declined practice taken back into review": (EVERY_MEMBER, Reach.MEMBERS),
    "deleted": (MODERATORS, Reach.MODERATORS),
    "deleted initiative": (MODERATORS, Reach.MODERATORS),
    "deleted declined practice": (MODERATORS, Reach.MODERATORS),
}


@pytest.fixture
def people(institutes, member, other_member, moderator, admin_user, applicant):
    deactivated = make_user("dan@gcm.unu.example", "Dan Roe")
    account_actions.deactivate_member(moderator, deactivated, reason="Left the network")
    return {
        "anonymous": AnonymousUser(),
        "applicant": applicant,
        "author": member,
        "member": make_user("carol@gcm.unu.example", "Carol Diaz"),
        "other_institute": other_member,
        "moderator": moderator,
        "admin": admin_user,
        "deactivated": type(deactivated).objects.get(pk=deactivated.pk),
    }


def make_thread(state: str, author, moderator) -> Thread:
    category = Category.objects.create(name="General", slug="general")
    if "practice" in state:
        practice = actions.submit_practice(
            author, category=category, title="Welcome desks", summary="Desks.", what_worked="Yes."
        )
        thread = practice.thread
        review = {
            "practice in review": ["in_review"],
            "curated practice": ["curated"],
            "declined practice": ["declined"],
            "deleted declined practice": ["declined"],
            "declined practice taken back into review": ["declined", "in_review"],
        }
        for status in review.get(state, []):
            actions.review_practice(moderator, practice, status, reason="Out of scope")
    elif "initiative" in state:
        thread = actions.propose_initiative(
            author, category=category, title="Data lab", summary="Pool.", objectives="Agree."
        ).thread
    else:
        thread = actions.create_thread(author, category=category, title="Hello", body="Hi.")
    flags = {
        "locked": ["lock"],
        "pinned": ["pin"],
        "deleted": ["delete_thread"],
        "deleted initiative": ["delete_thread"],
        "deleted declined practice": ["delete_thread"],
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
def test_every_place_agrees_on_who_sees_a_thread(state, people, client):
    thread = make_thread(state, people["author"], people["moderator"])
    readers, reach = EXPECTED[state]
    assert thread.reach is reach
    audience = set(recipients.audience(thread))
    for persona in PERSONAS:
        user = people[persona]
        expected = persona in readers
        answers = {
            "QuerySet": Thread.objects.visible_to(user).filter(pk=thread.pk).exists(),
            "predicate": permissions.can_view_thread(user, thread),
            "socket": socket_sees(user, thread),
            "audience": user in audience,
        }
        assert answers == dict.fromkeys(answers, expected), (state, persona)


@pytest.mark.parametrize("state", ["discussion", "declined practice", "deleted"])
def test_the_page_gives_the_same_answer(state, people, client):
    """The thread page itself: 200 for a reader, 404 for a member who may not read it, and the
    sign-in page for anyone who is not a member."""
    thread = make_thread(state, people["author"], people["moderator"])
    readers, _reach = EXPECTED[state]
    url = reverse("forum:thread", args=[thread.pk])
    for persona in PERSONAS:
        client.logout()
        user = people[persona]
        if persona not in ("anonymous", "deactivated"):  # the deactivated cannot sign in
            client.force_login(user)
        status = client.get(url).status_code
        if persona in readers:
            assert status == 200, persona
        elif persona in ("anonymous", "deactivated", "applicant"):
            assert status == 302, persona
        else:
            assert status == 404, persona
