"""Several processes: two ASGI servers share Redis and one database; a member connected to one
hears within a second of a request made to the other. And Redis going away loses nothing.

Starting a server (migrate, demo) is most of the time these tests take, so the servers are
started once for the module and share one database: every test reads only what it causes.
"""

import json
import subprocess
import sys
import time
import uuid

import pytest
from websockets.exceptions import ConnectionClosed

from notifications.consumers import CLOSE_UNAVAILABLE
from tests import services
from tests.e2e.conftest import ROOT, start_server
from tests.notifications.live_servers import (
    AMINA,
    TOMAS,
    OwnRedis,
    demo_thread_ids,
    hello,
    open_socket,
    reply,
    signed_in,
)

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("processes") / "var"


@pytest.fixture(scope="module")
def two_servers(var_dir):
    """Two ASGI servers on the shared Redis and one database."""
    env = {"REDIS_URL": services.redis_url(), "CHANNEL_PREFIX": f"mp{uuid.uuid4().hex[:8]}"}
    one = start_server(var_dir, env_extra=env)
    two = start_server(var_dir, env_extra=env, load_demo=False)
    yield one, two
    one.stop()
    two.stop()


@pytest.fixture(scope="module")
def own_redis():
    redis = OwnRedis()
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture(scope="module")
def server_on_own_redis(own_redis, var_dir, two_servers):
    """A server whose Redis the tests may stop (the database is already migrated and loaded)."""
    server = start_server(var_dir, env_extra={"REDIS_URL": own_redis.url}, load_demo=False)
    yield server
    server.stop()


@pytest.fixture
def redis_running(own_redis):
    """Each outage test starts with Redis up, whatever the previous one left."""
    if own_redis.process is None:
        own_redis.start()
    return own_redis


def test_a_member_on_server_one_hears_of_a_reply_made_on_server_two(two_servers):
    one, two = two_servers
    thread_id, opening_id = demo_thread_ids(one)
    amina, tomas = signed_in(one.url, AMINA), signed_in(two.url, TOMAS)
    with (
        open_socket(one.url, amina, "/ws/notifications/") as notes,
        open_socket(one.url, amina, f"/ws/threads/{thread_id}/") as live_thread,
    ):
        before = hello(notes)
        started = time.monotonic()
        response = reply(two.url, tomas, thread_id, opening_id, "Seen from the other server")
        assert response.status_code == 302, response.text[:500]
        pushed = json.loads(notes.recv(timeout=30))
        elapsed = time.monotonic() - started
        post = json.loads(live_thread.recv(timeout=30))
    assert pushed["type"] == "notification" and pushed["item"]["kind"] == "reply"
    assert "Tomás" in pushed["item"]["summary"] or "Tomas" in pushed["item"]["summary"]
    assert pushed["item"]["id"] > max([0] + [i["id"] for i in before["items"]])
    assert elapsed < 1.0
    assert post["type"] == "post" and "Seen from the other server" in post["html"]


def test_an_idle_socket_outlives_the_redis_read_timeout(two_servers):
    one, _two = two_servers
    amina = signed_in(one.url, AMINA)
    with open_socket(one.url, amina, "/ws/notifications/") as ws:
        hello(ws)
        time.sleep(12)  # members leave tabs open for hours
        assert hello(ws, 10**9)["items"] == []


def notify_in_another_process(server, summary: str) -> subprocess.CompletedProcess:
    code = (
        "from accounts.models import User; from notifications.actions import notify; "
        f"notify([User.objects.get(email={AMINA!r})], 'reply', summary={summary!r}); "
        "from notifications.models import Notification; "
        f"print(Notification.objects.filter(summary={summary!r}).count())"
    )
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        text=True,
        check=True,
    )


def catch_up(server, session, last_id: int) -> dict | None:
    """Reconnect as live.js does (with retries) and return the server's answer to hello."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with open_socket(server.url, session, "/ws/notifications/") as ws:
                return hello(ws, last_id)
        except (ConnectionClosed, OSError, TimeoutError):
            time.sleep(0.3)
    return None


def test_with_redis_down_a_notification_is_stored_and_caught_up_after(
    server_on_own_redis, redis_running
):
    server, own_redis = server_on_own_redis, redis_running
    amina = signed_in(server.url, AMINA)
    with open_socket(server.url, amina, "/ws/notifications/") as ws:
        last_id = max([0] + [i["id"] for i in hello(ws)["items"]])
        own_redis.stop()
        made = notify_in_another_process(server, "Told while Redis slept")
        assert made.stdout.split()[-1] == "1"  # stored
        assert "Live push of 1 message(s) failed" in made.stderr  # the warning
        with pytest.raises((ConnectionClosed, TimeoutError)):
            ws.recv(timeout=2)  # nothing arrives live: Redis is gone
    with (
        open_socket(server.url, amina, "/ws/notifications/") as ws,
        pytest.raises(ConnectionClosed) as down,
    ):
        hello(ws, last_id)
    assert down.value.rcvd.code == CLOSE_UNAVAILABLE  # "try again later": live.js retries
    own_redis.start()
    caught_up = catch_up(server, amina, last_id)
    assert caught_up is not None, server.output()[-3000:]
    assert [item["summary"] for item in caught_up["items"]] == ["Told while Redis slept"]
    assert caught_up["unread"] >= 1


def test_with_redis_down_replying_over_http_still_succeeds(server_on_own_redis, redis_running):
    server, own_redis = server_on_own_redis, redis_running
    thread_id, opening_id = demo_thread_ids(server)
    amina, tomas = signed_in(server.url, AMINA), signed_in(server.url, TOMAS)
    last_id = max([0] + [i["id"] for i in catch_up(server, amina, 0)["items"]])
    logged_before = len(server.output())
    own_redis.stop()
    response = reply(server.url, tomas, thread_id, opening_id, "Posted while Redis slept")
    assert response.status_code == 302
    # Logged at WARNING by this request, not by an earlier test on the same server.
    assert "Live push of" in server.output()[logged_before:]
    own_redis.start()
    caught_up = catch_up(server, amina, last_id)
    assert [item["kind"] for item in caught_up["items"]] == ["reply"]
