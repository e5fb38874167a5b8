"""Bad input answers a clear 4xx (or is taken in stride), never a server error."""

import json
import re
from xml.dom import minidom

import pytest
from asgiref.sync import async_to_sync
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from forum import actions
from forum.models import Category
from notifications.actions import notify

HUGE = str(2**70)  # past 64 bits: SQLite cannot bind it


@pytest.fixture
def category(db):
    return Category.objects.create(name="General", slug="general", order=1)


@pytest.fixture
def thread(member, category):
    return actions.create_thread(member, category=category, title="Remittances", body="Sources?")


@pytest.mark.parametrize("junk", ["junk", "notifications:index:", "https://evil.example/", ""])
def test_junk_next_on_mark_read_goes_back_to_the_notification_centre(
    member, other_member, login, junk
):
    client = login(member)
    notification = notify([member], "reply", actor=other_member, summary="A reply")[0]
    for url in (
        reverse("notifications:mark_read", args=[notification.pk]),
        reverse("notifications:mark_all_read"),
    ):
        response = client.post(url, {"next": junk})
        assert response.status_code == 302
        assert response["Location"] == reverse("notifications:index")


def test_mark_read_still_goes_back_to_a_page_of_the_site(member, other_member, login):
    notification = notify([member], "reply", actor=other_member, summary="A reply")[0]
    response = login(member).post(
        reverse("notifications:mark_read", args=[notification.pk]), {"next": "/forum/?page=2"}
    )
    assert response["Location"] == "/forum/?page=2"


def test_integers_past_64_bits_in_a_profile_form_are_a_form_error(member, login):
    response = login(member).post(
        reverse("directory:edit"),
        {"position": "Researcher", "visibility": "members", "themes": [HUGE]},
    )
    assert response.status_code == 400
    assert "themes" in response.context["form"].errors


def test_integers_past_64_bits_in_an_initiative_form_are_a_form_error(member, category, login):
    response = login(member).post(
        reverse("forum:new_initiative"),
        {
            "category": category.pk,
            "title": "Survey",
            "summary": "A survey",
            "objectives": "Data",
            "institutes": [HUGE, "-" + HUGE],
        },
    )
    assert response.status_code == 400
    assert "institutes" in response.context["form"].errors


def test_integers_past_64_bits_in_an_in_lookup_match_nothing(member):
    from accounts.models import User

    assert list(User.objects.filter(pk__in=[int(HUGE), member.pk])) == [member]
    assert not User.objects.filter(pk__in=[int(HUGE)]).exists()


def _hello(thread, user, message) -> list:
    from tests.notifications.conftest import communicator, session_cookie

    key = session_cookie(user)

    async def scenario():
        socket = communicator(f"/ws/threads/{thread.pk}/", key)
        assert (await socket.connect())[0]
        await socket.send_json_to(message)
        received = []
        while True:
            output = await socket.receive_output(timeout=5)
            if output["type"] == "websocket.close":
                received.append(("close", output.get("code")))
                break
            received.append(json.loads(output["text"]))
            if received[-1]["type"] == "synced":
                break
        await socket.disconnect()
        return received

    return async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "message",
    [
        {"type": "hello", "after_position": 2**70},
        {"type": "hello", "after_position": 2**63},
        {"type": "hello", "after_position": 2**70, "changed_since": "2026-01-01T00:00:00+00:00"},
        {"type": "hello", "after_position": 1, "changed_since": "0001-01-01T00:00:00+00:00"},
        {"type": "hello", "after_position": 1, "changed_since": "9999-12-31T23:59:59+00:00"},
        {"type": "hello", "after_position": 1, "changed_since": "2026-01-01T00:00:00+14:00"},
    ],
)
def test_socket_messages_with_out_of_range_numbers_are_answered(member, message):
    category = Category.objects.create(name="Live", slug="live", order=1)
    thread = actions.create_thread(member, category=category, title="Live", body="Hello")
    received = _hello(thread, member, message)
    last = received[-1]
    assert last == ("close", 4400) or last["type"] == "synced", received


def test_a_control_character_in_a_category_description_keeps_its_feed_valid(
    member, category, login
):
    Category.objects.filter(pk=category.pk).update(description="Data\x0b and \x1bsources\x01")
    actions.create_thread(member, category=category, title="Bell\x07", body="Text")
    client = login(member)
    token = actions.feed_token_for(member)
    response = client.get(reverse("forum:feed_category", args=[token, category.slug]))
    assert response.status_code == 200
    feed = minidom.parseString(response.content)  # noqa: S318 (our own answer, checked)
    assert feed.getElementsByTagName("subtitle")[0].firstChild.data == "Data and sources"


def test_a_category_is_cleaned_of_control_characters_in_the_admin(db):
    category = Category(name="Bells\x07", slug="bells", order=2, description="Ring\x07 ring")
    category.full_clean()
    assert (category.name, category.description) == ("Bells", "Ring ring")


def test_a_post_of_unclosed_tags_does_not_break_the_search(thread, member, login):
    actions.reply(member, thread, "climate " + "<a " * 2000)
    response = login(member).get(reverse("forum:search"), {"q": "climate"})
    assert response.status_code == 200
    assert "<mark>climate</mark>" in response.content.decode()


def test_a_reason_with_line_breaks_still_reaches_the_author_by_email(
    thread, member, other_member, moderator
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        post = actions.reply(other_member, thread, "Buy now")
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.hide_post(moderator, post, reason="Advertising.\r\nSee the rules:\nno sales.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [other_member.email]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Advertising. See the rules: no sales." in message.subject


def _socket_close_codes() -> dict[str, int]:
    import notifications.consumers

    return {
        name: value
        for name, value in vars(notifications.consumers).items()
        if name.startswith("CLOSE_")
    }


def test_every_close_code_the_sockets_use_is_one_daphne_sends():
    """Daphne (``make run``) sends close frames through autobahn, which refuses codes other than
    1000 and 3000-4999: the client then saw 1011 instead of the reason."""
    from autobahn.websocket.protocol import WebSocketProtocol

    class Connection:
        def sendCloseFrame(self, code, **kwargs):
            self.sent = code

    for name, code in _socket_close_codes().items():
        connection = Connection()
        WebSocketProtocol.sendClose(connection, code)
        assert connection.sent == code, name


def test_the_client_stops_for_good_on_exactly_the_final_codes():
    from django.conf import settings

    from notifications import consumers

    script = (settings.BASE_DIR / "static/js/live-socket.js").read_text()
    final = re.search(r"FINAL_CODES = new Set\(\[([\d, ]+)\]\)", script).group(1)
    assert {int(code) for code in final.split(",")} == {
        consumers.CLOSE_SESSION_ENDED,
        consumers.CLOSE_UNAUTHORIZED,
        consumers.CLOSE_FORBIDDEN,
        consumers.CLOSE_TOO_BIG,
        consumers.CLOSE_BINARY,
    }
