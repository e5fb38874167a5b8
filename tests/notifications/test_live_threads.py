"""Live threads: readers see new posts in place; nothing reaches someone who may not see it.

No test waits for silence: to show that something did not arrive, a marker is sent after it on
the same group (a group delivers in order) and the marker must be the next message."""

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.test import Client
from django.urls import reverse

from forum import actions
from forum.models import Category, Thread

from .conftest import communicator, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def thread(member):
    category = Category.objects.create(name="General", slug="general", order=1)
    return actions.create_thread(
        member, category=category, title="Remittances", body="What do you know?"
    )


def path(thread) -> str:
    return f"/ws/threads/{thread.pk}/"


# Generous: a loaded CI machine may take seconds; a passing test never waits this long.
WAIT = 10


async def opened(thread, key):
    """A connected socket that has joined its groups: the socket answers a hello only once it
    has (the accept comes first), so nothing sent to the thread afterwards can miss it."""
    socket = communicator(path(thread), key)
    assert (await socket.connect())[0]
    await socket.send_json_to({"type": "hello", "after_position": 10**6})
    assert (await socket.receive_json_from(timeout=WAIT))["type"] == "synced"
    return socket


async def send_marker(thread, event: dict | None = None):
    """Something every socket of the thread hears (each is told of a deletion, whoever reads)."""
    await get_channel_layer().group_send(
        f"thread.{thread.pk}", event or {"type": "thread.deleted", "thread_id": thread.pk}
    )


async def until_marker(socket, marker: dict | None = None) -> list[dict]:
    """What the socket received before the marker (``{"type": "thread.deleted"}`` unless said)."""
    marker = marker or {"type": "thread.deleted"}
    received = []
    while (message := await socket.receive_json_from(timeout=WAIT)) != marker:
        received.append(message)
    return received


async def until_synced(socket) -> list[dict]:
    """A hello's whole answer: everything up to and with the closing ``synced``."""
    received = [await socket.receive_json_from(timeout=WAIT)]
    while received[-1]["type"] != "synced":
        received.append(await socket.receive_json_from(timeout=WAIT))
    return received


def test_a_reader_receives_a_new_reply_rendered_for_them(run, thread, member, other_member):
    key = session_cookie(member)
    opening = thread.posts.get(position=1)

    async def scenario():
        socket = await opened(thread, key)
        post = await sync_to_async(actions.reply)(
            other_member, thread, "Remittances rose in **2025**.", reply_to=opening
        )
        message = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return post, message

    post, message = run(scenario)
    assert message["type"] == "post" and message["id"] == post.pk
    assert message["reply_to"] == opening.pk and message["depth"] == 1
    assert f'id="post-{post.pk}"' in message["html"]
    assert "<strong>2025</strong>" in message["html"]
    assert "Bob Mensah" in message["announce"]
    # Rendered for Alice: she may report Bob's post, and cannot edit it.
    assert f"/forum/p/{post.pk}/report/" in message["html"]
    assert f"/forum/p/{post.pk}/edit/" not in message["html"]


def test_hidden_and_deleted_posts_are_never_broadcast(thread, other_member, pushed):
    from forum import live

    hidden = actions.reply(other_member, thread, "Hidden")
    hidden.is_hidden = True
    deleted = actions.reply(other_member, thread, "Deleted")
    deleted.is_deleted = True
    pushed.clear()
    live.post_created(hidden)
    live.post_created(deleted)
    assert pushed == []


def test_the_hint_for_a_hidden_post_is_dropped(run, thread, member, other_member, admin_user):
    key = session_cookie(member)
    post = actions.reply(other_member, thread, "Hidden before anyone saw it")
    actions.hide_post(admin_user, post, reason="Spam")

    async def scenario():
        socket = await opened(thread, key)
        await get_channel_layer().group_send(
            f"thread.{thread.pk}", {"type": "post.created", "post_id": post.pk}
        )
        await send_marker(thread)
        return await until_marker(socket)

    assert run(scenario) == []


def test_a_deleted_thread_refuses_members_and_stops_sending(
    run, thread, member, other_member, admin_user
):
    key, admin_key = session_cookie(member), session_cookie(admin_user)
    post = actions.reply(other_member, thread, "Posted just before the thread was deleted")

    async def scenario():
        socket = await opened(thread, key)
        moderator = await opened(thread, admin_key)
        await sync_to_async(Thread.objects.filter(pk=thread.pk).update)(is_deleted=True)
        await get_channel_layer().group_send(
            f"thread.{thread.pk}", {"type": "post.created", "post_id": post.pk}
        )
        for_moderator = await moderator.receive_json_from(timeout=WAIT)
        await send_marker(thread)
        nothing = await until_marker(socket)
        refused = communicator(path(thread), key)
        await refused.connect()
        return nothing, await refused.receive_output(timeout=WAIT), for_moderator

    nothing, closed, for_moderator = run(scenario)
    assert nothing == []
    assert closed == {"type": "websocket.close", "code": 4403}
    assert for_moderator["type"] == "post" and for_moderator["id"] == post.pk


def test_anonymous_readers_are_refused(run, thread):
    async def scenario():
        socket = communicator(path(thread))
        await socket.connect()
        return await socket.receive_output(timeout=WAIT)

    assert run(scenario) == {"type": "websocket.close", "code": 4401}


def test_a_missing_thread_is_refused(run, member):
    key = session_cookie(member)

    async def scenario():
        socket = communicator("/ws/threads/999999/", key)
        await socket.connect()
        return await socket.receive_output(timeout=WAIT)

    assert run(scenario) == {"type": "websocket.close", "code": 4403}


def test_hello_returns_the_posts_after_a_position_readable_ones_only(
    run, thread, member, other_member, admin_user
):
    key = session_cookie(member)
    seen = actions.reply(other_member, thread, "Already on the page")
    missed = actions.reply(other_member, thread, "Posted while the socket was down")
    hidden = actions.reply(other_member, thread, "Hidden meanwhile")
    actions.hide_post(admin_user, hidden, reason="Spam")

    async def scenario():
        socket = await opened(thread, key)
        await socket.send_json_to({"type": "hello", "after_position": seen.position})
        return await until_synced(socket)

    first, synced = run(scenario)
    assert first["id"] == missed.pk and "while the socket was down" in first["html"]
    assert synced["type"] == "synced"


def test_a_bad_thread_hello_closes_the_socket(run, thread, member):
    key = session_cookie(member)

    async def scenario():
        socket = await opened(thread, key)
        await socket.send_json_to({"type": "hello", "after_position": "all"})
        return await socket.receive_output(timeout=WAIT)

    assert run(scenario) == {"type": "websocket.close", "code": 4400}


def changes_seen(run, thread, keys, change):
    """Open one socket per session key, make ``change`` and announce it; what each received."""
    from forum import live

    async def scenario():
        sockets = [await opened(thread, key) for key in keys]
        post = await sync_to_async(change)()
        await sync_to_async(live.post_changed)(post)
        await send_marker(thread)
        received = []
        for socket in sockets:
            # The action may announce the change itself too: the same update, once more.
            before_marker = await until_marker(socket)
            assert len({m["id"] for m in before_marker}) <= 1, before_marker
            received.append(before_marker[-1] if before_marker else None)
            await socket.disconnect()
        return received

    return run(scenario)


def test_a_hidden_post_becomes_a_tombstone_without_its_text(
    run, thread, member, other_member, admin_user
):
    post = actions.reply(other_member, thread, "Something that breaks the rules")
    keys = session_cookie(member), session_cookie(admin_user)

    reader, moderator = changes_seen(
        run, thread, keys, lambda: actions.hide_post(admin_user, post, reason="Spam")
    )
    assert reader["type"] == "post.update" and reader["id"] == post.pk
    assert "hidden by a moderator" in reader["html"]
    assert "breaks the rules" not in reader["html"] and "Spam" not in reader["html"]
    # Moderators keep reading hidden text on the page, live as on reload.
    assert "breaks the rules" in moderator["html"]


def test_a_deleted_post_becomes_a_tombstone(run, thread, member, other_member):
    post = actions.reply(other_member, thread, "Withdrawn soon")

    (update,) = changes_seen(
        run, thread, [session_cookie(member)], lambda: actions.delete_post(other_member, post)
    )
    assert "deleted by its author" in update["html"] and "Withdrawn soon" not in update["html"]


def test_an_edited_post_is_updated_in_place_with_the_readers_reactions(
    run, thread, member, other_member
):
    post = actions.reply(other_member, thread, "First wording")
    actions.toggle_reaction(member, post, "useful")

    def edit():
        return actions.edit_post(other_member, post, "Second wording", expected_version=1)

    (update,) = changes_seen(run, thread, [session_cookie(member)], edit)
    assert update["type"] == "post.update"
    assert "Second wording" in update["html"] and "First wording" not in update["html"]
    assert 'class="badge new-marker"' not in update["html"]
    assert 'aria-pressed="true"' in update["html"]


def test_a_change_reaches_nobody_who_may_not_see_the_thread(
    run, thread, member, other_member, admin_user
):
    post = actions.reply(other_member, thread, "Before the thread went")
    key = session_cookie(member)

    def delete_thread_then_edit():
        Thread.objects.filter(pk=thread.pk).update(is_deleted=True)
        return actions.edit_post(other_member, post, "After", expected_version=1)

    assert changes_seen(run, thread, [key], delete_thread_then_edit) == [None]


def test_a_post_rendered_live_in_a_locked_thread_offers_its_author_no_edit(
    run, thread, member, admin_user
):
    opening = thread.posts.get(position=1)

    def lock():
        actions.moderate_thread(admin_user, thread, "lock", reason="Settled")
        return opening

    (update,) = changes_seen(run, thread, [session_cookie(member)], lock)
    assert update["type"] == "post.update" and update["id"] == opening.pk
    assert f"/forum/p/{opening.pk}/edit/" not in update["html"]
    assert f"/forum/p/{opening.pk}/delete/" in update["html"]


def delete_through_the_page(moderator, thread, action="delete_thread"):
    client = Client()
    client.force_login(moderator)
    response = client.post(
        reverse("forum:moderate_thread", args=[thread.pk]),
        {"action": action, "reason": "Duplicate of another thread"},
    )
    assert response.status_code == 302


def restore_through_the_page(moderator, thread):
    delete_through_the_page(moderator, thread, action="restore_thread")


def test_readers_are_told_when_a_moderator_deletes_the_thread(
    run, thread, member, admin_user, pushed
):
    key, moderator_key = session_cookie(member), session_cookie(admin_user)

    async def scenario():
        reader = await opened(thread, key)
        watching_moderator = await opened(thread, moderator_key)
        await sync_to_async(delete_through_the_page)(admin_user, thread)
        told = await reader.receive_json_from(timeout=WAIT)
        let_go = await reader.receive_output(timeout=WAIT)
        moderator_told = await watching_moderator.receive_json_from(timeout=WAIT)
        expected = list(pushed)
        # The moderator's socket stays open: it still hears the thread.
        await send_marker(thread, {"type": "thread.restored", "thread_id": thread.pk})
        moderator_stays = await until_marker(watching_moderator, {"type": "thread.restored"})
        await watching_moderator.disconnect()
        return told, let_go, moderator_told, moderator_stays == [], expected

    told, let_go, moderator_told, moderator_stays, expected = run(scenario)
    assert expected == [(f"thread.{thread.pk}", {"type": "thread.deleted", "thread_id": thread.pk})]
    assert told == {"type": "thread.deleted"}
    # The member may no longer read the thread: closed for good, so the page does not retry.
    assert let_go == {"type": "websocket.close", "code": 4403}
    assert moderator_told == {"type": "thread.deleted"}
    assert moderator_stays


def test_other_thread_moderation_is_not_announced(run, thread, member, admin_user, pushed):
    for action in ("lock", "pin", "unpin", "unlock"):
        actions.moderate_thread(admin_user, thread, action, reason="Housekeeping")
    assert pushed == []


def test_moderators_still_reading_are_told_when_the_thread_is_restored(
    run, thread, member, admin_user, pushed
):
    moderator_key = session_cookie(admin_user)

    async def scenario():
        watching_moderator = await opened(thread, moderator_key)
        await sync_to_async(delete_through_the_page)(admin_user, thread)
        deleted = await watching_moderator.receive_json_from(timeout=WAIT)
        await sync_to_async(restore_through_the_page)(admin_user, thread)
        restored = await watching_moderator.receive_json_from(timeout=WAIT)
        expected = list(pushed)
        await send_marker(thread)
        stays = await until_marker(watching_moderator)
        await watching_moderator.disconnect()
        return deleted, restored, stays, expected

    deleted, restored, stays, expected = run(scenario)
    assert (deleted, restored) == ({"type": "thread.deleted"}, {"type": "thread.restored"})
    assert stays == []
    group = f"thread.{thread.pk}"
    assert [(g, m) for g, m in expected if g == group] == [
        (group, {"type": "thread.deleted", "thread_id": thread.pk}),
        (group, {"type": "thread.restored", "thread_id": thread.pk}),
    ]


def test_a_restoration_reaches_nobody_who_may_not_see_the_thread(
    run, thread, member, other_member, admin_user
):
    """Deleted again meanwhile: a member's socket hears nothing of the earlier restoration."""
    key = session_cookie(member)

    async def scenario():
        reader = await opened(thread, key)
        await sync_to_async(Thread.objects.filter(pk=thread.pk).update)(is_deleted=True)
        await get_channel_layer().group_send(
            f"thread.{thread.pk}", {"type": "thread.restored", "thread_id": thread.pk}
        )
        await send_marker(thread)
        return await until_marker(reader)

    assert run(scenario) == []


def test_a_reader_reconnecting_to_a_deleted_thread_is_refused_for_good(
    run, thread, member, admin_user
):
    """The page shows its removed notice on this close code (live-thread.js)."""
    key = session_cookie(member)
    delete_through_the_page(admin_user, thread)  # while the reader's socket is down

    async def scenario():
        socket = communicator(path(thread), key)
        assert (await socket.connect())[0]
        return await socket.receive_output(timeout=WAIT)

    assert run(scenario) == {"type": "websocket.close", "code": 4403}


def catch_up_messages(run, thread, key, after: int, **hello) -> list[dict]:
    async def scenario():
        socket = await opened(thread, key)
        await socket.send_json_to({"type": "hello", "after_position": after, **hello})
        received = await until_synced(socket)
        await socket.disconnect()
        return received

    received = run(scenario)
    assert received[-1]["type"] == "synced"
    return received[:-1]


def test_a_long_catch_up_comes_whole_in_batches_with_one_announcement(
    run, thread, member, other_member, monkeypatch
):
    from forum import consumers

    monkeypatch.setattr(consumers, "CATCH_UP_LIMIT", 2)
    missed = [actions.reply(other_member, thread, f"Missed number {n}") for n in range(3)]

    received = catch_up_messages(run, thread, session_cookie(member), after=1)
    assert [m["id"] for m in received[:-1]] == [post.pk for post in missed]
    assert all(m["announce"] == "" for m in received[:-1])
    assert received[-1] == {"type": "announce", "announce": "3 new posts"}


def test_a_catch_up_too_long_for_the_page_asks_for_a_reload(
    run, thread, member, other_member, monkeypatch
):
    from forum import consumers

    monkeypatch.setattr(consumers, "CATCH_UP_LIMIT", 2)
    monkeypatch.setattr(consumers, "CATCH_UP_MAX", 4)
    for n in range(5):
        actions.reply(other_member, thread, f"Missed number {n}")

    received = catch_up_messages(run, thread, session_cookie(member), after=1)
    assert [m["type"] for m in received] == ["post"] * 4 + ["stale"]
    assert "reload" in received[-1]["announce"]


def test_a_single_missed_post_is_announced_by_its_author(run, thread, member, other_member):
    actions.reply(other_member, thread, "Just one")

    (only,) = catch_up_messages(run, thread, session_cookie(member), after=1)
    assert only["announce"] == "New post by Bob Mensah"


def test_rendering_for_a_reader_takes_the_same_queries_for_more_posts(thread, member, other_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from forum.consumers import ThreadConsumer

    socket = ThreadConsumer()
    socket.user, socket.thread_id = member, thread.pk

    def queries_for(count: int) -> int:
        for n in range(count):
            actions.reply(other_member, thread, f"Reply {count}-{n}")
        with CaptureQueriesContext(connection) as queries:
            assert len(socket._rendered(position__gt=1)) >= count
        return len(queries)

    # The member's permissions (own and groups', in one query) are kept in the cache after the
    # first; then the member, the posts with authors and thread, their files, and the member's
    # reactions.
    queries_for(2)
    assert queries_for(1) == queries_for(6) == 4


def test_a_reconnecting_page_gets_the_posts_it_shows_that_changed_meanwhile(
    run, thread, member, other_member, admin_user
):
    key = session_cookie(member)
    edited = actions.reply(other_member, thread, "Wording before the outage")
    hidden = actions.reply(other_member, thread, "Text a moderator will hide")
    untouched = actions.reply(other_member, thread, "Nobody touches this")
    last = untouched.position

    async def hello(changed_since=None):
        socket = await opened(thread, key)
        message = {"type": "hello", "after_position": last}
        if changed_since:
            message["changed_since"] = changed_since
        await socket.send_json_to(message)
        received = await until_synced(socket)
        await socket.disconnect()
        return received

    (synced,) = run(hello)
    assert synced["type"] == "synced"
    # The socket is down while one post is edited and another hidden.
    actions.edit_post(other_member, edited, "Wording after the outage", expected_version=1)
    actions.hide_post(admin_user, hidden, reason="Spam")

    async def reconnect():
        return await hello(synced["at"])

    received = run(reconnect)
    updates = {m["id"]: m["html"] for m in received if m["type"] == "post.update"}
    assert set(updates) == {edited.pk, hidden.pk}
    assert "Wording after the outage" in updates[edited.pk]
    assert "will hide" not in updates[hidden.pk] and "hidden by a moderator" in updates[hidden.pk]
    assert received[-1]["type"] == "synced"


@pytest.mark.parametrize("changed_since", ["yesterday", "2026-13-45T10:00:00+00:00", 5])
def test_a_bad_changed_since_closes_the_socket(run, thread, member, changed_since):
    key = session_cookie(member)

    async def scenario():
        socket = await opened(thread, key)
        await socket.send_json_to(
            {"type": "hello", "after_position": 1, "changed_since": changed_since}
        )
        return await socket.receive_output(timeout=WAIT)

    assert run(scenario) == {"type": "websocket.close", "code": 4400}


async def hello_and_listen(thread, key, changed_since=None) -> list:
    """Connect, say hello (as after a reconnection when ``changed_since``), collect what comes."""
    socket = await opened(thread, key)
    message = {"type": "hello", "after_position": 1}
    if changed_since:
        message["changed_since"] = changed_since
    await socket.send_json_to(message)
    received = await until_synced(socket)
    await socket.disconnect()
    return received


def test_a_moderator_reconnecting_after_the_deletion_is_told(run, thread, member, admin_user):
    key = session_cookie(admin_user)

    async def hello(changed_since=None):
        return await hello_and_listen(thread, key, changed_since)

    (synced,) = run(hello)

    async def reconnect():
        return await hello(synced["at"])

    (still_synced,) = run(reconnect)
    assert still_synced["type"] == "synced"  # nothing happened: no deletion is announced
    delete_through_the_page(admin_user, thread)  # while the moderator's socket is down
    received = run(reconnect)
    assert [m["type"] for m in received] == ["thread.deleted", "synced"]


def test_a_moderator_reconnecting_after_the_restoration_is_told(run, thread, member, admin_user):
    key = session_cookie(admin_user)
    delete_through_the_page(admin_user, thread)

    async def hello(changed_since=None):
        return await hello_and_listen(thread, key, changed_since)

    (synced,) = run(hello)

    async def reconnect():
        return await hello(synced["at"])

    assert [m["type"] for m in run(reconnect)] == ["thread.deleted", "synced"]
    restore_through_the_page(admin_user, thread)  # while the moderator's socket is down
    assert [m["type"] for m in run(reconnect)] == ["thread.restored", "synced"]
