"""The notification socket: who may connect, catching up, live pushes, bad input, session end."""

import json

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings

from accounts.signals import sessions_ended
from notifications.actions import notify
from notifications.consumers import CLOSE_BINARY, CLOSE_TOO_BIG, MAX_FRAME
from notifications.models import Notification
from tests.conftest import make_user

from .conftest import communicator, session_cookie

WAIT = 30  # seconds: generous, CI shares two loaded cores; an answer that comes returns at once

pytestmark = pytest.mark.django_db(transaction=True)
PATH = "/ws/notifications/"


async def closed_with(socket) -> int:
    message = await socket.receive_output(timeout=WAIT)
    assert message["type"] == "websocket.close", message
    return message.get("code")


def refused_code(run, session_key) -> int:
    async def scenario():
        socket = communicator(PATH, session_key)
        connected, _ = await socket.connect(timeout=WAIT)
        assert connected  # accepted, then closed with a code the client understands
        code = await closed_with(socket)
        await socket.wait()
        return code

    return run(scenario)


def test_it_refuses_anonymous_sockets(run, db):
    assert refused_code(run, None) == 4401


def test_it_refuses_pending_applicants(run, applicant):
    assert refused_code(run, session_cookie(applicant)) == 4401


def test_it_refuses_deactivated_members(run, member):
    key = session_cookie(member)
    member.status = member.Status.DEACTIVATED
    member.save()
    assert refused_code(run, key) == 4401


def test_it_refuses_a_foreign_origin(run, member):
    from config.asgi import application

    key = session_cookie(member)

    async def scenario():
        socket = WebsocketCommunicator(
            application,
            PATH,
            headers=[
                (b"origin", b"https://evil.example"),
                (b"cookie", f"{settings.SESSION_COOKIE_NAME}={key}".encode()),
            ],
        )
        connected, _ = await socket.connect(timeout=WAIT)
        assert not connected

    run(scenario)


def test_hello_returns_everything_newer_and_the_unread_count(run, member, other_member):
    old = notify([member, other_member], "mention", summary="old")[0]
    seen = notify([member], "reply", summary="seen")[0]
    newer = notify([member], "reply", summary="newer")[0]
    Notification.objects.filter(pk=old.pk).update(read_at=newer.created)
    key = session_cookie(member)

    async def scenario():
        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        await socket.send_json_to({"type": "hello", "last_id": seen.pk})
        answer = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return answer

    answer = run(scenario)
    assert answer["type"] == "sync"
    assert [item["id"] for item in answer["items"]] == [newer.pk]
    assert answer["unread"] == 2 and answer["more"] is False
    assert answer["items"][0]["summary"] == "newer" and answer["strings"]["title"]
    # A reconnecting client announces a catch-up once, not item by item.
    assert answer["announce"] == "1 new notification"


def test_it_pushes_a_committed_notification_to_the_recipient_only(run, member, other_member):
    keys = session_cookie(member), session_cookie(other_member)

    async def scenario():
        from channels.db import database_sync_to_async

        alice, bob = communicator(PATH, keys[0]), communicator(PATH, keys[1])
        for socket in (alice, bob):
            assert (await socket.connect(timeout=WAIT))[0]
            await socket.send_json_to({"type": "hello", "last_id": 0})
            await socket.receive_json_from(timeout=WAIT)
        (created,) = await database_sync_to_async(notify)(
            [member], "reply", actor=other_member, summary="Bob replied"
        )
        pushed = await alice.receive_json_from(timeout=WAIT)
        assert await bob.receive_nothing(timeout=0.3)
        await alice.disconnect()
        await bob.disconnect()
        return created, pushed

    created, pushed = run(scenario)
    assert pushed == {"type": "notification", "item": created.as_message()}


@pytest.mark.parametrize(
    "frame, code",
    [
        ("not json", 4400),
        ("[1, 2]", 4400),
        ('{"no": "type"}', 4400),
        ('{"type": "hello", "last_id": "1; drop table"}', 4400),
        ('{"type": "hello", "last_id": -1}', 4400),
        (json.dumps({"type": "hello", "pad": "x" * MAX_FRAME}), CLOSE_TOO_BIG),
        # The cap is on bytes: fewer characters than MAX_FRAME, but more bytes.
        (
            json.dumps({"type": "hello", "pad": "€" * (MAX_FRAME // 2)}, ensure_ascii=False),
            CLOSE_TOO_BIG,
        ),
    ],
)
def test_bad_messages_close_the_socket_with_a_code(run, member, frame, code):
    key = session_cookie(member)

    async def scenario():
        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        await socket.send_to(text_data=frame)
        return await closed_with(socket)

    assert run(scenario) == code


def test_binary_frames_and_floods_close_unknown_types_are_ignored(run, member):
    key = session_cookie(member)

    async def scenario():
        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        await socket.send_json_to({"type": "dance"})
        assert await socket.receive_nothing(timeout=0.2)
        await socket.send_to(bytes_data=b"\x00")
        binary = await closed_with(socket)
        flood = communicator(PATH, key)
        assert (await flood.connect(timeout=WAIT))[0]
        for _ in range(11):
            await flood.send_json_to({"type": "dance"})
        return binary, await closed_with(flood)

    assert run(scenario) == (CLOSE_BINARY, 4429)


def test_ending_a_session_closes_its_sockets_only(run, member):
    first, second = session_cookie(member), session_cookie(member)

    async def scenario():
        from channels.db import database_sync_to_async

        one, two = communicator(PATH, first), communicator(PATH, second)
        for socket in (one, two):
            assert (await socket.connect(timeout=WAIT))[0]
        await database_sync_to_async(sessions_ended.send)(
            sender=type(member), user=member, session_keys=[first]
        )
        code = await closed_with(one)
        assert await two.receive_nothing(timeout=0.3)
        await database_sync_to_async(sessions_ended.send)(
            sender=type(member), user=member, session_keys=[]
        )
        return code, await closed_with(two)

    assert run(scenario) == (4001, 4001)


def test_deactivation_closes_the_members_sockets(run, member, admin_user):
    key = session_cookie(member)

    async def scenario():
        from channels.db import database_sync_to_async

        from accounts.actions import deactivate_member

        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        await database_sync_to_async(deactivate_member)(admin_user, member, reason="Spam")
        return await closed_with(socket)

    assert run(scenario) == 4001


def test_one_bad_client_does_not_disturb_others(run, member, other_member, institutes):
    carol = make_user("carol@gcm.unu.example", "Carol Diaz")
    keys = session_cookie(member), session_cookie(carol)

    async def scenario():
        from channels.db import database_sync_to_async

        bad, good = communicator(PATH, keys[0]), communicator(PATH, keys[1])
        for socket in (bad, good):
            assert (await socket.connect(timeout=WAIT))[0]
        await bad.send_to(text_data="{")
        assert await closed_with(bad) == 4400
        await database_sync_to_async(notify)([carol], "mention", summary="Still here")
        return await good.receive_json_from(timeout=WAIT)

    assert run(scenario)["item"]["summary"] == "Still here"


def test_a_shared_message_reaches_each_recipient_with_their_own_id(run, member, other_member):
    keys = session_cookie(member), session_cookie(other_member)

    async def scenario():
        from channels.layers import get_channel_layer

        alice, bob = communicator(PATH, keys[0]), communicator(PATH, keys[1])
        for socket in (alice, bob):
            assert (await socket.connect(timeout=WAIT))[0]
        await get_channel_layer().group_send(
            "members",
            {
                "type": "notification.many",
                "item": {"kind": "initiative_status", "summary": "Moved", "read": False},
                "ids": {str(member.pk): 41},
            },
        )
        return await alice.receive_json_from(timeout=WAIT), await bob.receive_nothing(timeout=0.3)

    pushed, bob_got_nothing = run(scenario)
    assert pushed["item"]["id"] == 41 and pushed["item"]["summary"] == "Moved"
    assert bob_got_nothing


def test_hello_from_a_socket_whose_member_was_deactivated_meanwhile_closes_it(run, member):
    key = session_cookie(member)

    async def scenario():
        from channels.db import database_sync_to_async

        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        await database_sync_to_async(type(member).objects.filter(pk=member.pk).update)(
            status=member.Status.DEACTIVATED
        )
        await socket.send_json_to({"type": "hello", "last_id": 0})
        return await closed_with(socket)

    assert run(scenario) == 4401


def test_a_long_lived_socket_rejoins_its_groups_before_the_layer_forgets_them(
    run, member, monkeypatch
):
    """channels_redis drops group memberships ``group_expiry`` after they were added."""
    from channels.layers import get_channel_layer

    from notifications import consumers

    layer = get_channel_layer()
    monkeypatch.setattr(layer, "group_expiry", 1)
    monkeypatch.setattr(consumers, "REJOIN_EVERY", 0.2)
    key = session_cookie(member)

    async def scenario():
        from channels.db import database_sync_to_async

        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        # Twice the expiry, measured in whole seconds by both layers.
        assert await socket.receive_nothing(timeout=2.5)
        await database_sync_to_async(notify)([member], "mention", summary="A day later")
        received = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return received

    assert run(scenario)["item"]["summary"] == "A day later"


def test_a_socket_whose_session_ended_unheard_closes_at_the_next_check(run, member, monkeypatch):
    """The session.ended message can be lost (Redis down): the periodic check finds out."""
    from django.contrib.sessions.models import Session

    from notifications import consumers

    monkeypatch.setattr(consumers, "REJOIN_EVERY", 0.1)
    key = session_cookie(member)

    async def scenario():
        from channels.db import database_sync_to_async

        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        assert await socket.receive_nothing(timeout=0.3)
        await database_sync_to_async(Session.objects.filter(session_key=key).delete)()
        return await closed_with(socket)

    assert run(scenario) == 4001


def test_the_rejoining_stops_with_a_socket_that_died_of_a_layer_error(run, member, monkeypatch):
    """Redis going away ends the consumer without ``disconnect``; nothing may keep running."""
    import asyncio

    from channels.layers import get_channel_layer

    from notifications import consumers

    layer = get_channel_layer()
    monkeypatch.setattr(consumers, "REJOIN_EVERY", 0.1)
    redis_gone = asyncio.Event()
    rejoined = []

    async def failing_receive(channel):
        await redis_gone.wait()
        raise ConnectionError("Connection closed by server.")

    async def counting_group_add(group, channel):
        rejoined.append(group)

    monkeypatch.setattr(layer, "receive", failing_receive)
    monkeypatch.setattr(layer, "group_add", counting_group_add)
    key = session_cookie(member)

    async def scenario():
        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        redis_gone.set()
        with pytest.raises(ConnectionError):
            await socket.receive_output(timeout=WAIT)
        rejoined.clear()
        await asyncio.sleep(0.5)
        return list(rejoined)

    assert run(scenario) == []


def test_a_mark_read_elsewhere_reaches_the_members_sockets_with_the_ids(run, member):
    from notifications.delivery import push_unread_count

    key = session_cookie(member)

    async def scenario():
        from channels.db import database_sync_to_async

        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        await database_sync_to_async(push_unread_count)(member.pk, 3, [41])
        received = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return received

    assert run(scenario) == {"type": "unread", "unread": 3, "read": [41]}


def test_notifications_taken_back_reach_the_members_sockets_with_the_count(run, member):
    from channels.db import database_sync_to_async

    from notifications.delivery import push_withdrawn

    key = session_cookie(member)

    async def scenario():
        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        await database_sync_to_async(push_withdrawn)({member.pk: [7, 9]}, {member.pk: 2})
        received = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return received

    assert run(scenario) == {"type": "unread", "unread": 2, "read": [], "removed": [7, 9]}


def test_a_thread_socket_ignores_notifications_taken_back(run, member):
    from channels.db import database_sync_to_async

    from forum import actions
    from forum.models import Category
    from notifications.delivery import push_withdrawn

    key = session_cookie(member)
    category = Category.objects.create(name="General", slug="general")
    thread = actions.create_thread(member, category=category, title="Data", body="Sources?")

    async def scenario():
        socket = communicator(f"/ws/threads/{thread.pk}/", key)
        assert (await socket.connect(timeout=WAIT))[0]
        await database_sync_to_async(push_withdrawn)({member.pk: [7]}, {})
        quiet = await socket.receive_nothing(timeout=0.3)
        await socket.disconnect()
        return quiet

    assert run(scenario)


def test_a_failed_session_check_does_not_stop_the_rejoining(run, member, monkeypatch):
    from channels.layers import get_channel_layer

    from notifications import consumers

    layer = get_channel_layer()
    monkeypatch.setattr(consumers, "REJOIN_EVERY", 0.1)
    checks, rejoined = [], []

    def database_down(socket):
        checks.append(socket)
        raise ConnectionError("the database is restarting")

    original_add = layer.group_add

    async def counting_group_add(group, channel):
        rejoined.append(group)
        await original_add(group, channel)

    monkeypatch.setattr(consumers.MemberSocket, "_session_is_alive", database_down)
    monkeypatch.setattr(layer, "group_add", counting_group_add)
    key = session_cookie(member)

    async def scenario():
        socket = communicator(PATH, key)
        assert (await socket.connect(timeout=WAIT))[0]
        rejoined.clear()
        await socket.receive_nothing(timeout=0.5)
        await socket.disconnect()

    run(scenario)
    assert len(checks) >= 2 and len(rejoined) >= 2
