"""An email reply becomes a post or a message by that member, quoted text and signature gone;
refused with a bounce that says why (and gives the text back) when the address is forged or
expired, the sender is another, or the member may no longer answer; automatic mail is never
bounced."""

import pytest
from django.core import mail

from conversations import actions as conversation_actions
from conversations.models import Message
from forum import actions as forum_actions
from forum.models import Post
from inbound.actions import receive
from notifications import replies

from .conftest import email_bytes

pytestmark = pytest.mark.django_db

REPLY = """Good point: we use the 2020 census too.

Second paragraph.

--
Bob Mensah
UNU-EHS

On Wed, 2 Dec 2026 at 10:00, Migration Network <noreply@localhost> wrote:
> Alice Moreau replied to you in "Climate mobility data"
> http://127.0.0.1:8000/notifications/1/open/
"""


def test_a_reply_to_a_post_notification_becomes_a_reply_post(other_member, opening, thread):
    to = replies.address(other_member.pk, "p", opening.pk)
    outcome = receive(
        other_member.email, to, email_bytes(sender=f"Bob <{other_member.email}>", to=to, body=REPLY)
    )
    assert outcome.accepted, outcome.reason
    post = Post.objects.get(thread=thread, position=2)
    assert post.author == other_member
    assert post.reply_to == opening
    assert post.body == "Good point: we use the 2020 census too.\n\nSecond paragraph."
    assert not mail.outbox


def test_a_reply_to_a_message_notification_becomes_a_message(member, other_member):
    conversation = conversation_actions.start(member, [other_member], subject="s", body="Hi Bob")
    to = replies.address(other_member.pk, "c", conversation.pk)
    html = (
        "<div>Thanks, <b>Alice</b> &amp; all.</div><div><br></div><blockquote>Hi Bob</blockquote>"
    )
    data = (
        f"From: {other_member.email}\r\nTo: {to}\r\nSubject: Re: s\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n" + html
    ).encode()
    outcome = receive(other_member.email, to, data)
    assert outcome.accepted, outcome.reason
    message = Message.objects.filter(conversation=conversation).last()
    assert message.author == other_member and message.by_email
    assert message.body.startswith("Thanks, Alice & all.")


@pytest.mark.parametrize(
    ("make_address", "sender", "reason"),
    [
        (
            lambda bob, post: (
                replies.address(bob.pk, "p", post.pk)[:-20] + "x" * 0 + "@reply.network.test"
            ),
            None,
            "does not lead",
        ),
        (
            lambda bob, post: replies.address(bob.pk, "p", post.pk + 1000).replace(
                f".p{post.pk + 1000}.", f".p{post.pk}."
            ),
            None,
            "not one we made",
        ),
        (lambda bob, post: replies.address(bob.pk, "p", post.pk, now=0), None, "has expired"),
        (
            lambda bob, post: replies.address(bob.pk, "p", post.pk),
            "mallory@evil.example",
            "address other than",
        ),
    ],
)
def test_bad_addresses_and_senders_are_bounced_with_the_reason(
    other_member, opening, thread, make_address, sender, reason
):
    to = make_address(other_member, opening)
    sender = sender or other_member.email
    outcome = receive(sender, to, email_bytes(sender=sender, to=to, body=REPLY))
    assert not outcome.accepted
    assert reason in outcome.reason
    assert Post.objects.filter(thread=thread).count() == 1
    [bounce] = mail.outbox
    assert bounce.to == [sender]
    assert bounce.subject.endswith("Not posted: Re: A reply")
    assert reason in bounce.body
    assert "Good point: we use the 2020 census too." in bounce.body  # the text comes back
    assert bounce.extra_headers["Auto-Submitted"] == "auto-replied"


def test_a_thread_the_member_may_no_longer_read_is_refused(
    other_member, moderator, opening, thread
):
    forum_actions.moderation.moderate_thread(moderator, thread, "delete_thread", reason="Dup")
    to = replies.address(other_member.pk, "p", opening.pk)
    outcome = receive(
        other_member.email, to, email_bytes(sender=other_member.email, to=to, body=REPLY)
    )
    assert not outcome.accepted
    assert "no longer read this thread" in outcome.reason
    assert Post.objects.filter(thread=thread).count() == 1
    assert len(mail.outbox) == 1


def test_a_conversation_the_member_left_is_refused(member, other_member):
    conversation = conversation_actions.start(member, [other_member], subject="s", body="Hi")
    conversation_actions.leave(other_member, conversation)
    to = replies.address(other_member.pk, "c", conversation.pk)
    outcome = receive(
        other_member.email, to, email_bytes(sender=other_member.email, to=to, body="Back?")
    )
    assert "You left this conversation" in outcome.reason
    assert conversation.messages.count() == 1
    assert "Back?" in mail.outbox[0].body


def test_a_deactivated_member_cannot_reply(other_member, opening):
    other_member.status = other_member.Status.DEACTIVATED
    other_member.save()
    to = replies.address(other_member.pk, "p", opening.pk)
    outcome = receive(
        other_member.email, to, email_bytes(sender=other_member.email, to=to, body=REPLY)
    )
    assert "not an active member" in outcome.reason


def test_a_reply_with_nothing_above_the_quote_is_refused(other_member, opening):
    to = replies.address(other_member.pk, "p", opening.pk)
    body = "On Wed, 2 Dec 2026 at 10:00, Network wrote:\n> the notification\n"
    outcome = receive(
        other_member.email, to, email_bytes(sender=other_member.email, to=to, body=body)
    )
    assert "no text above the quoted message" in outcome.reason


def test_automatic_mail_is_never_bounced(other_member, opening):
    to = replies.address(other_member.pk, "p", opening.pk, now=0)
    for mail_from, headers in [
        ("", {}),
        (other_member.email, {"Auto-Submitted": "auto-replied"}),
        (other_member.email, {"Precedence": "bulk"}),
    ]:
        data = email_bytes(sender=other_member.email, to=to, body="Out of office", headers=headers)
        outcome = receive(mail_from, to, data)
        assert not outcome.accepted and not outcome.bounced
    assert not mail.outbox


def test_bounces_to_one_address_are_limited(settings, other_member, opening):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "inbound.bounce": "2/h"}
    to = replies.address(other_member.pk, "p", opening.pk, now=0)
    for _ in range(4):
        receive(
            "victim@else.example", to, email_bytes(sender="victim@else.example", to=to, body="x")
        )
    assert len(mail.outbox) == 2


def test_replies_are_rate_limited_by_the_forum(settings, other_member, opening, thread):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.reply": "1/h"}
    to = replies.address(other_member.pk, "p", opening.pk)
    first = receive(
        other_member.email, to, email_bytes(sender=other_member.email, to=to, body="one")
    )
    second = receive(
        other_member.email, to, email_bytes(sender=other_member.email, to=to, body="two")
    )
    assert first.accepted and not second.accepted
    assert "try again later" in second.reason
    assert Post.objects.filter(thread=thread).count() == 2
