"""A page that reconnects after missing more than one answer holds gets everything it missed,
page by page (``more``), oldest first, so that asking again from the last one leaves no gap."""

import pytest
from asgiref.sync import async_to_sync

from notifications import consumers
from notifications.models import Notification
from tests.notifications.conftest import communicator, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def run():
    return lambda scenario: async_to_sync(scenario)()


def make(member, count: int) -> list[int]:
    Notification.objects.bulk_create(
        Notification(recipient=member, kind="reply", summary=f"Number {n}") for n in range(count)
    )
    return list(
        Notification.objects.filter(recipient=member).order_by("id").values_list("pk", flat=True)
    )


def answers(run, member, last_ids: list[int]) -> list[dict]:
    key = session_cookie(member)

    async def scenario():
        socket = communicator("/ws/notifications/", key)
        assert (await socket.connect())[0]
        received = []
        for last_id in last_ids:
            await socket.send_json_to({"type": "hello", "last_id": last_id})
            received.append(await socket.receive_json_from(timeout=10))
        await socket.disconnect()
        return received

    return run(scenario)


def test_a_reconnect_gets_the_oldest_missed_first_and_follows_more(run, member, monkeypatch):
    monkeypatch.setattr(consumers, "SYNC_LIMIT", 3)
    ids = make(member, 8)
    seen = ids[0]
    first, second, last = answers(run, member, [seen, ids[3], ids[6]])
    assert [i["id"] for i in first["items"]] == ids[1:4] and first["more"] is True
    # Said once for the whole catch-up: the count of everything missed.
    assert first["announce"] == "7 new notifications"
    assert [i["id"] for i in second["items"]] == ids[4:7] and second["more"] is True
    assert [i["id"] for i in last["items"]] == ids[7:] and last["more"] is False


def test_a_new_page_gets_the_newest(run, member, monkeypatch):
    monkeypatch.setattr(consumers, "SYNC_LIMIT", 3)
    ids = make(member, 5)
    (answer,) = answers(run, member, [0])
    assert [i["id"] for i in answer["items"]] == ids[:-4:-1]
    assert answer["more"] is True and answer["announce"] == "5 new notifications"
