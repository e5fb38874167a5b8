"""Who is notified of a new post: nobody extra, nobody missing, never the actor."""

import pytest
from django.urls import reverse

from forum import actions, recipients
from forum.models import Subscription
from tests.conftest import make_user


@pytest.fixture
def carol(institutes):
    return make_user("carol@gcm.unu.example", "Carol Diaz")


@pytest.fixture
def dan(institutes):
    return make_user("dan@ehs.unu.example", "Dan Iwu")


def emails(grouped):
    return {kind: sorted(u.email for u in people) for kind, people in grouped.items()}


def test_a_reply_notifies_the_answered_author_and_the_watchers(
    thread, opening, member, other_member, carol, dan, notified
):
    actions.set_subscription(carol, "watching", thread=thread)
    actions.set_subscription(dan, "watching", category=thread.category)
    actions.reply(other_member, thread, "An answer", reply_to=opening)
    assert sorted(notified()) == [
        ("reply", "alice@gcm.unu.example"),
        ("thread_post", "carol@gcm.unu.example"),
        ("thread_post", "dan@ehs.unu.example"),
    ]


def test_each_person_gets_one_notification_of_the_strongest_kind(
    thread, opening, member, other_member, carol, notified
):
    actions.set_subscription(carol, "watching", thread=thread)
    # Alice (author of the answered post, watching) is also mentioned: one "mention".
    actions.reply(other_member, thread, "@[Alice Moreau] @[Carol Diaz] see this", reply_to=opening)
    assert sorted(notified()) == [
        ("mention", "alice@gcm.unu.example"),
        ("mention", "carol@gcm.unu.example"),
    ]


def test_the_actor_is_never_notified(thread, opening, member, notified):
    actions.reply(member, thread, "Replying to myself, @[Alice Moreau]", reply_to=opening)
    assert notified() == []


def test_muting_silences_replies_and_watching_but_not_mentions(
    thread, opening, member, other_member, carol, notified
):
    actions.set_subscription(member, "muted", thread=thread)
    actions.reply(other_member, thread, "Answer", reply_to=opening)
    assert notified() == []
    actions.reply(other_member, thread, "But @[Alice Moreau], look")
    assert notified() == [("mention", "alice@gcm.unu.example")]


def test_a_category_mute_is_overridden_by_watching_the_thread(
    thread, other_member, carol, notified
):
    actions.set_subscription(carol, "muted", category=thread.category)
    actions.reply(other_member, thread, "One")
    alice = ("thread_post", "alice@gcm.unu.example")  # the author watches her thread
    assert notified() == [alice]
    actions.set_subscription(carol, "watching", thread=thread)
    actions.reply(other_member, thread, "Two")
    assert notified() == [alice, alice, ("thread_post", "carol@gcm.unu.example")]


def test_people_who_cannot_see_the_thread_are_never_notified(
    thread, opening, member, other_member, carol, moderator, newcomer, notified
):
    from accounts import actions as account_actions

    actions.set_subscription(carol, "watching", thread=thread)
    Subscription.objects.create(user=newcomer, thread=thread, level="watching")
    account_actions.deactivate_member(moderator, carol, reason="Left the network")
    actions.reply(other_member, thread, "@[Nell Tan] hello", reply_to=opening)
    assert notified() == [("reply", "alice@gcm.unu.example")]


def test_in_a_deleted_thread_only_moderators_are_told(
    thread, opening, member, other_member, moderator
):
    actions.set_subscription(moderator, "watching", thread=thread)
    post = actions.reply(other_member, thread, "Hi @[Alice Moreau]", reply_to=opening)
    thread.is_deleted = True
    post.thread = thread
    grouped = recipients.for_new_post(post, [member])
    assert emails(grouped) == {"thread_post": ["mona@gcm.unu.example"]}


def test_a_new_thread_tells_category_watchers_and_mentioned_members(
    member, other_member, carol, dan, category, notified
):
    actions.set_subscription(carol, "watching", category=category)
    actions.set_subscription(dan, "muted", category=category)
    actions.create_thread(
        member, category=category, title="New", body="Hello @[Bob Mensah] and @[Dan Iwu]"
    )
    assert sorted(notified()) == [
        ("mention", "bob@ehs.unu.example"),
        ("mention", "dan@ehs.unu.example"),
        ("thread_post", "carol@gcm.unu.example"),
    ]


def test_an_edit_notifies_only_newly_mentioned_members(
    thread, member, other_member, carol, notified
):
    post = actions.reply(member, thread, "cc @[Bob Mensah]")
    actions.edit_post(member, post, "cc @[Bob Mensah] @[Carol Diaz]", expected_version=1)
    assert notified("mention") == [
        ("mention", "bob@ehs.unu.example"),
        ("mention", "carol@gcm.unu.example"),
    ]


def test_the_notification_links_to_the_post(thread, opening, other_member, notified):
    from notifications.models import Notification

    post = actions.reply(other_member, thread, "Link me", reply_to=opening)
    notification = Notification.objects.get()
    assert notification.url == f"/forum/p/{post.pk}/#post-{post.pk}"
    assert notification.summary == "Bob Mensah replied to you in “Climate mobility data”"


def edit_through_the_page(client, post, body):
    post.refresh_from_db()
    url = reverse("forum:edit_post", args=[post.pk])
    response = client.post(url, {"body": body, "version": post.version})
    assert response.status_code == 302
    post.refresh_from_db()


def test_an_edit_forgets_names_taken_out_and_tells_only_those_put_in(
    thread, member, other_member, carol, dan, login, notified
):
    post = actions.reply(member, thread, "cc @[Bob Mensah] @[Carol Diaz]")
    edit_through_the_page(login(member), post, "cc @[Carol Diaz] @[Dan Iwu]")
    assert list(post.mentioned.order_by("pk")) == [carol, dan]
    assert ">@Bob Mensah</a>" not in post.body_html and ">@Dan Iwu</a>" in post.body_html
    assert sorted(notified("mention")) == [
        ("mention", "bob@ehs.unu.example"),
        ("mention", "carol@gcm.unu.example"),
        ("mention", "dan@ehs.unu.example"),
    ]


def test_a_name_taken_out_and_put_back_is_not_told_twice(
    thread, member, other_member, login, notified
):
    post = actions.reply(member, thread, "cc @[Bob Mensah]")
    client = login(member)
    edit_through_the_page(client, post, "cc nobody")
    assert not post.mentioned.exists()
    edit_through_the_page(client, post, "cc @[Bob Mensah] after all")
    assert list(post.mentioned.all()) == [other_member]
    assert notified("mention") == [("mention", "bob@ehs.unu.example")]


def test_editing_an_initiative_recomputes_its_mentions(
    member, other_member, carol, category, login, notified
):
    initiative = actions.propose_initiative(
        member, category=category, title="Survey", summary="With @[Bob Mensah]", objectives="Data"
    )
    opening = initiative.thread.posts.get(position=1)
    assert list(opening.mentioned.all()) == [other_member]
    response = login(member).post(
        reverse("forum:initiative_edit", args=[initiative.pk]),
        {"title": "Survey", "summary": "With @[Carol Diaz]", "objectives": "Data"},
    )
    assert response.status_code == 302
    assert list(opening.mentioned.all()) == [carol]
    assert notified("mention") == [
        ("mention", "bob@ehs.unu.example"),
        ("mention", "carol@gcm.unu.example"),
    ]
