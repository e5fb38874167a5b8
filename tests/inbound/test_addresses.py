"""Signed reply addresses: made for a member and a target, read back, refused when forged,
moved to another member or target, or expired; carried by notification emails about posts and
conversations only."""

import pytest
from django.core import mail

from conversations import actions as conversation_actions
from notifications import emails, replies
from notifications.actions import notify
from notifications.replies import DAY, BadAddress

from .conftest import DOMAIN

pytestmark = pytest.mark.django_db


def test_an_address_is_read_back_whatever_its_case():
    address = replies.address(42, "p", 7)
    local = address.partition("@")[0]
    assert address.endswith(f"@{DOMAIN}")
    assert len(local) <= 64
    assert replies.read(address) == replies.Reply(42, "p", 7, "forum.post")
    assert replies.read(address.upper()).target_id == 7


def flip_last_signature_digit(address: str) -> str:
    local, _at, domain = address.partition("@")
    return f"{local[:-1]}{'0' if local[-1] != '0' else '1'}@{domain}"


@pytest.mark.parametrize(
    "change",
    [
        lambda a: a.replace("reply+42.", "reply+43."),  # another member
        lambda a: a.replace(".p7.", ".p8."),  # another target
        lambda a: a.replace(".p7.", ".c7."),  # another kind
        lambda a: flip_last_signature_digit(a),
    ],
)
def test_a_changed_address_is_forged(change):
    with pytest.raises(BadAddress) as refused:
        replies.read(change(replies.address(42, "p", 7)))
    assert refused.value.reason == "forged"


def test_an_old_address_has_expired(settings):
    settings.REPLY_EMAIL_MAX_AGE_DAYS = 30
    now = 2_000_000_000
    address = replies.address(1, "c", 2, now=now)
    assert replies.read(address, now=now + 30 * DAY).target_id == 2
    with pytest.raises(BadAddress) as refused:
        replies.read(address, now=now + 31 * DAY)
    assert refused.value.reason == "expired"


@pytest.mark.parametrize(
    "address",
    ["someone@reply.network.test", "reply+junk@reply.network.test", "reply+1.p2.x.y@other.test"],
)
def test_other_addresses_are_unknown(address):
    with pytest.raises(BadAddress) as refused:
        replies.read(address)
    assert refused.value.reason == "unknown"


def test_emails_about_posts_and_conversations_carry_a_reply_address(member, other_member, opening):
    [about_post] = notify([other_member], "reply", actor=member, target=opening, summary="s")
    message = emails.immediate(about_post)
    [reply_to] = message.reply_to
    assert replies.read(reply_to) == replies.Reply(other_member.pk, "p", opening.pk, "forum.post")
    assert "Reply to this email to answer" in message.body
    conversation = conversation_actions.start(member, [other_member], subject="", body="hi")
    [about_conversation] = other_member.notifications.filter(kind="message")
    [reply_to] = emails.immediate(about_conversation).reply_to
    assert replies.read(reply_to).target_id == conversation.pk
    [plain] = notify([other_member], "membership_approved", summary="Welcome")
    assert not emails.immediate(plain).reply_to
    assert "Reply to this email" not in emails.immediate(plain).body
    assert not mail.outbox


def test_no_reply_address_when_replies_by_email_are_off(settings, member, other_member, opening):
    settings.REPLY_EMAIL_DOMAIN = ""
    [about_post] = notify([other_member], "reply", actor=member, target=opening, summary="s")
    assert not emails.immediate(about_post).reply_to
