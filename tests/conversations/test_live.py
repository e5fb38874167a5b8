"""Live delivery: a message hints the participants' notification sockets (ids only), never
anyone else's; other sockets of the member (a thread page) are not disturbed by it."""

import json

import pytest

from conversations import actions
from forum.actions.threads import create_thread
from forum.models import Category
from tests.notifications.conftest import communicator, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


async def hello(socket):
    await socket.send_to(text_data=json.dumps({"type": "hello", "last_id": 0}))
    answer = json.loads(await socket.receive_from(timeout=10))
    assert answer["type"] == "sync"


async def next_of_type(socket, kind):
    while True:
        message = json.loads(await socket.receive_from(timeout=10))
        if message["type"] == kind:
            return message


def test_a_message_hints_the_participants_sockets_only(run, member, other_member, carol):
    conversation = actions.start(member, [other_member], subject="Live", body="first")
    keys = {user.pk: session_cookie(user) for user in (member, other_member, carol)}
    category = Category.objects.create(name="General", slug="general")
    thread = create_thread(carol, category=category, title="A thread", body="Opening")

    async def scenario():
        bob = communicator("/ws/notifications/", keys[other_member.pk])
        outsider = communicator("/ws/notifications/", keys[carol.pk])
        bob_thread = communicator(f"/ws/threads/{thread.pk}/", keys[other_member.pk])
        for socket in (bob, outsider):
            assert (await socket.connect())[0]
            await hello(socket)
        assert (await bob_thread.connect())[0]
        await bob_thread.send_to(text_data=json.dumps({"type": "hello", "after_position": 1}))
        assert json.loads(await bob_thread.receive_from(timeout=10))["type"] == "synced"

        from asgiref.sync import sync_to_async
        from django.db import transaction

        def write():
            with transaction.atomic():
                return actions.send(member, conversation, "second")

        message = await sync_to_async(write)()
        hint = await next_of_type(bob, "hint")
        assert hint == {
            "type": "hint",
            "name": "conversation",
            "conversation": conversation.pk,
            "message": message.pk,
        }
        # The outsider's socket gets nothing of it: a marker sent after the hint arrives first.
        from notifications.delivery import hint as send_hint

        await sync_to_async(send_hint)([carol.pk], "marker", {})
        marker = json.loads(await outsider.receive_from(timeout=10))
        assert marker["name"] == "marker"
        # The thread socket of the same member is still open and answers.
        await bob_thread.send_to(text_data=json.dumps({"type": "hello", "after_position": 1}))
        assert json.loads(await bob_thread.receive_from(timeout=10))["type"] == "synced"
        for socket in (bob, outsider, bob_thread):
            await socket.disconnect()

    run(scenario)
