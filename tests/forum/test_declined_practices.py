"""A declined practice is shown to its author (with the reason) and to moderators, nobody else:
not on pages, in counts, search, feeds, notifications or live updates."""

import pytest
from django.urls import reverse

from forum import actions, permissions, recipients
from forum.consumers import ThreadConsumer
from forum.models import Category, Thread
from tests.conftest import make_user


@pytest.fixture
def carol(institutes):
    return make_user("carol@gcm.unu.example", "Carol Diaz")


@pytest.fixture
def declined(member, moderator, carol, db):
    category = Category.objects.create(name="Good practices", slug="practices")
    practice = actions.submit_practice(
        member,
        category=category,
        title="Lanterns for night buses",
        summary="Lanterns help commuters.",
        what_worked="Volunteers at every stop.",
    )
    actions.set_subscription(carol, "watching", thread=practice.thread)
    return actions.review_practice(
        moderator, practice, "declined", reason="Not a migration practice"
    )


def test_only_the_author_and_moderators_see_a_declined_practice(
    declined, member, other_member, moderator
):
    thread = declined.thread
    assert list(Thread.objects.visible_to(other_member)) == []
    assert list(Thread.objects.visible_to(member)) == [thread]
    assert list(Thread.objects.visible_to(moderator)) == [thread]
    assert not permissions.can_view_thread(other_member, thread)
    assert permissions.can_view_thread(member, thread)
    assert permissions.can_view_thread(moderator, thread)


def test_a_practice_under_review_stays_open_to_members(member, other_member, db):
    category = Category.objects.create(name="Good practices", slug="practices")
    practice = actions.submit_practice(
        member, category=category, title="Buddies", summary="Pairs.", what_worked="Pairs."
    )
    assert permissions.can_view_thread(other_member, practice.thread)
    assert list(Thread.objects.visible_to(other_member)) == [practice.thread]


def test_the_author_sees_the_reason_and_others_get_a_404(declined, member, other_member, login):
    url = declined.thread.get_absolute_url()
    page = login(member).get(url)
    assert page.status_code == 200
    assert "Not a migration practice" in page.content.decode()
    assert "only its author and the moderators can see it" in page.content.decode()
    assert login(other_member).get(url).status_code == 404
    opening = declined.thread.posts.get(position=1)
    assert login(other_member).get(reverse("forum:post", args=[opening.pk])).status_code == 404


def test_category_pages_and_counts_leave_it_out_for_other_members(
    declined, member, other_member, login
):
    client = login(other_member)
    category_page = client.get(reverse("forum:category", args=["practices"])).content.decode()
    assert "Lanterns for night buses" not in category_page
    index = client.get(reverse("forum:index"))
    counts = {c.slug: (c.thread_count, c.unread_count) for c in index.context["categories"]}
    assert counts["practices"] == (0, 0)
    mine = login(member).get(reverse("forum:index"))
    assert {c.slug: c.thread_count for c in mine.context["categories"]}["practices"] == 1


def test_search_and_feeds_leave_it_out_for_other_members(declined, member, other_member, login):
    found = login(other_member).get(reverse("forum:search"), {"q": "lanterns"})
    assert found.context["page"].paginator.count == 0
    assert (
        login(member)
        .get(reverse("forum:search"), {"q": "lanterns"})
        .context["page"]
        .paginator.count
        == 1
    )
    token = actions.feed_token_for(other_member)
    feed = login(other_member).get(reverse("forum:feed_category", args=[token, "practices"]))
    assert "Lanterns" not in feed.content.decode()


def test_replies_notify_only_the_author_and_moderators(
    declined, member, moderator, carol, notified
):
    actions.set_subscription(moderator, "watching", thread=declined.thread)
    post = actions.reply(member, declined.thread, "Could I resubmit with evidence?")
    assert sorted(notified("thread_post")) == [("thread_post", "mona@gcm.unu.example")]
    assert recipients.for_new_post(post, [carol]) == {"thread_post": [moderator]}


def test_live_updates_refuse_other_members(declined, member, other_member):
    def socket_for(user):
        consumer = ThreadConsumer()
        consumer.user, consumer.thread_id = user, declined.thread_id
        return consumer

    assert socket_for(member)._can_see_thread()
    assert not socket_for(other_member)._can_see_thread()
    # A socket opened before the decline stops receiving the thread's posts.
    actions.reply(member, declined.thread, "More evidence: the 2025 commuter survey.")
    assert len(socket_for(member)._rendered(position__gt=0)) == 2
    assert socket_for(other_member)._rendered(position__gt=0) == []
