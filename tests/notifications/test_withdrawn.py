"""Notifications about a thread its recipients may no longer open (a moderator deleted it, or
declined the practice) are taken back: gone from the list, the count, the live badge and the
digest; the author of a declined practice and the moderators keep theirs."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import actions
from forum.models import Category, Practice
from notifications.models import Notification
from tests.conftest import make_user

TITLE = "Climate mobility data"


@pytest.fixture
def carol(institutes):
    return make_user("carol@gcm.unu.example", "Carol Diaz")


@pytest.fixture
def category(db):
    return Category.objects.create(name="General discussion", slug="general", order=1)


@pytest.fixture
def thread(member, other_member, moderator, carol, category):
    """Alice's thread, watched by Bob and Mona; Carol answers Alice, Alice answers Carol."""
    thread = actions.create_thread(member, category=category, title=TITLE, body="Which sources?")
    for watcher in (other_member, moderator):
        actions.set_subscription(watcher, "watching", thread=thread)
    carols = actions.reply(carol, thread, "Eurostat.", reply_to=thread.posts.get(position=1))
    actions.reply(member, thread, "Thanks, @[Carol Diaz]!", reply_to=carols)
    return thread


@pytest.fixture
def elsewhere(member, other_member, carol, category):
    """A notification Bob keeps: about another thread."""
    other = actions.create_thread(carol, category=category, title="Remittances", body="Data?")
    actions.set_subscription(other_member, "watching", thread=other)
    actions.reply(member, other, "World Bank.")
    return Notification.objects.get(recipient=other_member, summary__contains="Remittances")


def held(user) -> list[tuple[str, str]]:
    return list(Notification.objects.for_user(user).order_by("pk").values_list("kind", "summary"))


def delete_through_the_page(client, moderator, thread):
    client.force_login(moderator)
    response = client.post(
        reverse("forum:moderate_thread", args=[thread.pk]),
        {"action": "delete_thread", "reason": "Duplicate"},
    )
    assert response.status_code == 302


def test_a_deleted_thread_leaves_only_the_moderators_notifications_about_it(
    client, thread, elsewhere, member, other_member, moderator, carol, on_commit
):
    kept_by_moderator = held(moderator)
    assert kept_by_moderator and all(TITLE in summary for _kind, summary in kept_by_moderator)
    assert TITLE in str(held(other_member)) and TITLE in str(held(carol))
    with on_commit(execute=True):
        delete_through_the_page(client, moderator, thread)
    assert held(moderator) == kept_by_moderator
    assert held(other_member) == [("thread_post", elsewhere.summary)]
    # The author may not open her deleted thread either; Carol was mentioned and answered.
    assert held(member) == []
    assert held(carol) == [("thread_post", "Alice Moreau posted in “Remittances”")]


def test_the_list_and_the_badge_no_longer_show_it(
    client, thread, elsewhere, other_member, moderator, on_commit
):
    client.force_login(other_member)
    before = client.get(reverse("notifications:index"))
    assert TITLE in before.content.decode() and before.context["unread"] == 3
    with on_commit(execute=True):
        delete_through_the_page(client, moderator, thread)
    client.force_login(other_member)
    page = client.get(reverse("notifications:index"))
    assert TITLE not in page.content.decode()
    assert page.context["unread"] == 1
    assert [n.pk for n in page.context["page"].object_list] == [elsewhere.pk]


def test_open_pages_hear_the_new_count_and_which_ones_went(
    client, thread, elsewhere, other_member, moderator, carol, member, pushed, on_commit
):
    bobs = set(
        Notification.objects.for_user(other_member)
        .exclude(pk=elsewhere.pk)
        .values_list("pk", flat=True)
    )
    carols = set(
        Notification.objects.for_user(carol)
        .filter(summary__contains=TITLE)
        .values_list("pk", flat=True)
    )
    Notification.objects.filter(pk__in=carols).mark_read()
    with on_commit(execute=True):
        delete_through_the_page(client, moderator, thread)
    removals = {
        group: message for group, message in pushed if message["type"] == "notification.removed"
    }
    assert set(removals) == {f"user.{p.pk}" for p in (member, other_member, carol)}
    bob = removals[f"user.{other_member.pk}"]
    assert bob["unread"] == 1 and set(bob["removed"]) == bobs
    assert removals[f"user.{carol.pk}"]["unread"] == 1  # Remittances; the others were read
    assert set(removals[f"user.{carol.pk}"]["removed"]) == carols


def test_the_digest_leaves_them_out(client, thread, elsewhere, other_member, moderator):
    delete_through_the_page(client, moderator, thread)
    call_command("send_digests")
    bobs = [m for m in mail.outbox if m.to == [other_member.email]]
    assert len(bobs) == 1
    assert "Remittances" in bobs[0].body and TITLE not in bobs[0].body


def test_taking_them_back_costs_the_same_queries_for_more_notifications(
    thread, member, other_member, moderator, carol, category, django_assert_num_queries
):
    small = actions.create_thread(carol, category=category, title="Small", body="One.")
    actions.set_subscription(other_member, "watching", thread=small)
    actions.reply(member, small, "One reply.")
    for number in range(5):
        actions.reply(carol, thread, f"Reply {number}")

    def deleting_queries(doomed) -> int:
        ContentType.objects.clear_cache()  # each run looks its content type up, whatever ran before
        with CaptureQueriesContext(connection) as captured:
            actions.moderate_thread(moderator, doomed, "delete_thread", reason="Duplicate")
        return len(captured)

    assert Notification.objects.filter(summary__contains=TITLE).count() > 10
    # Savepoint, thread, the audit entry and its target's content type, the notifications'
    # content type and ids, one delete, release.
    assert deleting_queries(small) == deleting_queries(thread) == 8
    assert Notification.objects.filter(summary__contains="Small").count() == 0


def test_a_restored_thread_notifies_as_before(client, thread, other_member, moderator, carol):
    delete_through_the_page(client, moderator, thread)
    response = client.post(
        reverse("forum:moderate_thread", args=[thread.pk]),
        {"action": "restore_thread", "reason": "Not a duplicate"},
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    actions.reply(carol, thread, "Back again.")
    assert held(other_member) == [("thread_post", f"Carol Diaz posted in “{TITLE}”")]
    client.force_login(other_member)
    assert TITLE in client.get(reverse("notifications:index")).content.decode()


@pytest.fixture
def practice(member, other_member, moderator, carol, db):
    category = Category.objects.create(name="Good practices", slug="practices")
    practice = actions.submit_practice(
        member,
        category=category,
        title="Lanterns for night buses",
        summary="Lanterns help commuters.",
        what_worked="Volunteers at every stop.",
    )
    for watcher in (other_member, moderator):
        actions.set_subscription(watcher, "watching", thread=practice.thread)
    carols = actions.reply(carol, practice.thread, "Which city?")
    actions.reply(member, practice.thread, "Accra, @[Bob Mensah] knows.", reply_to=carols)
    return practice


def review_through_the_page(client, moderator, practice, status, reason=""):
    client.force_login(moderator)
    response = client.post(
        reverse("forum:practice_review", args=[practice.pk]), {"status": status, "reason": reason}
    )
    assert response.status_code == 302, response.content.decode()


def test_a_declined_practice_is_taken_back_from_all_but_its_author_and_moderators(
    client, practice, member, other_member, moderator, carol, pushed, on_commit
):
    authors = held(member)
    moderators = held(moderator)
    assert ("mention", "Alice Moreau mentioned you in “Lanterns for night buses”") in held(
        other_member
    )
    with on_commit(execute=True):
        review_through_the_page(client, moderator, practice, "declined", "Not a practice")
    assert held(other_member) == [] and held(carol) == []
    assert held(moderator) == moderators
    declined = "Your practice “Lanterns for night buses” was declined: Not a practice"
    assert held(member) == [*authors, ("practice_declined", declined)]
    removed_for = {g for g, m in pushed if m["type"] == "notification.removed"}
    assert removed_for == {f"user.{other_member.pk}", f"user.{carol.pk}"}


def test_a_practice_reviewed_again_after_declining_notifies_as_before(
    client, practice, member, other_member, moderator, carol
):
    review_through_the_page(client, moderator, practice, "declined", "Not a practice")
    review_through_the_page(client, moderator, practice, "in_review")
    practice.refresh_from_db()
    assert practice.status == Practice.Status.IN_REVIEW
    actions.reply(carol, practice.thread, "Still interested.")
    assert [kind for kind, _summary in held(other_member)] == ["thread_post"]
