"""An email reply becomes a post or a message by the member it was sent to, or a bounce that
says why not.

``receive(mail_from, rcpt_to, data)`` is what the SMTP receiver (``inbound.smtp``) calls for
each accepted recipient. The address is checked first (``notifications.replies.read``: forged,
expired, unknown), then the sender (the From address must be one of the member's verified
addresses), then the member (active), then the target and the member's right to answer it: the
forum's and conversations' own actions decide (``forum.actions.posts.reply``,
``conversations.actions.send``), with their permissions, rate limits and cleaning. A refusal
becomes a polite bounce to the sender with the reason and their text, so nothing they wrote is
lost; automatic messages (bounces, out-of-office) get none, and bounces to one address are
limited (``inbound.bounce``).
"""

import hashlib
import logging
from dataclasses import dataclass
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from conversations import actions as conversation_actions
from conversations.models import Conversation
from core.ratelimit import RateLimited, consume
from forum.actions import posts as post_actions
from forum.models import Post
from notifications import replies

from . import mail
from .tasks import send_bounce

logger = logging.getLogger(__name__)

ADDRESS_REASONS = {
    "unknown": lambda: _("This address does not lead to a post or a conversation."),
    "forged": lambda: _(
        "This reply address is not one we made: reply to the notification email itself."
    ),
    "expired": lambda: (
        _(
            "This reply address has expired (%(days)d days after the email was sent): answer on "
            "the site instead."
        )
        % {"days": settings.REPLY_EMAIL_MAX_AGE_DAYS}
    ),
}


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    reason: str = ""
    created: object = None
    bounced: bool = False


class Refused(Exception):
    pass


def _language(rcpt_to: str) -> str:
    """The answering member's language for the bounce, when the address is genuine."""
    try:
        reply = replies.read(rcpt_to)
    except replies.BadAddress:
        return settings.LANGUAGE_CODE
    user = User.objects.filter(pk=reply.user_id).first()
    return user.email_language if user else settings.LANGUAGE_CODE


def receive(mail_from: str, rcpt_to: str, data: bytes) -> Outcome:
    with translation.override(_language(rcpt_to)):
        message = mail.parse(data)
        text = mail.reply_text(mail.text_of(message))
        try:
            created = _answer(message, rcpt_to, text)
        except Refused as refusal:
            reason = str(refusal)
        except RateLimited:
            reason = _("You have sent many replies in a short time: try again later.")
        else:
            return Outcome(accepted=True, created=created)
        bounced = _bounce(message, mail_from, reason, text)
        logger.info("Inbound reply to %s refused: %s", rcpt_to, reason)
        return Outcome(accepted=False, reason=reason, bounced=bounced)


def _answer(message, rcpt_to: str, text: str):
    try:
        reply = replies.read(rcpt_to)
    except replies.BadAddress as bad:
        raise Refused(ADDRESS_REASONS[bad.reason]()) from None
    user = User.objects.filter(pk=reply.user_id).first()
    sender = mail.sender(message)
    if user is None or not sender or not _is_address_of(user, sender):
        raise Refused(
            _(
                "This reply came from an address other than the one the notification was sent "
                "to: send it from that address."
            )
        )
    if not user.is_member:
        raise Refused(_("Your account is not an active member's: replies by email are off."))
    if not text:
        raise Refused(_("We found no text above the quoted message: write your answer there."))
    try:
        if reply.label == "forum.post":
            return _answer_post(user, reply.target_id, text)
        if reply.label == "conversations.conversation":
            return _answer_conversation(user, reply.target_id, text)
    except PermissionDenied as denied:
        raise Refused(str(denied) or _("You may not answer this.")) from None
    except ValidationError as invalid:
        raise Refused(" ".join(invalid.messages)) from None
    raise Refused(ADDRESS_REASONS["unknown"]())


def _is_address_of(user, sender: str) -> bool:
    if user.email.lower() == sender:
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=sender, verified=True).exists()


def _answer_post(user, post_id: int, text: str):
    post = Post.objects.visible_to(user).select_related("thread").filter(pk=post_id).first()
    if post is None:
        raise Refused(_("You can no longer read this thread, or the post is gone."))
    reply_to = post if post.is_readable else None
    return post_actions.reply(user, post.thread, text, reply_to=reply_to)


def _answer_conversation(user, conversation_id: int, text: str):
    conversation = Conversation.objects.for_member(user).filter(pk=conversation_id).first()
    if conversation is None:
        raise Refused(_("You are not in this conversation."))
    return conversation_actions.send(user, conversation, text, by_email=True)


def _bounce(message, mail_from: str, reason: str, text: str) -> bool:
    to = (mail_from or "").strip().strip("<>").lower()
    if mail.is_automatic(message, mail_from) or "@" not in to:
        return False
    # At most a few bounces an hour to one address, whoever forges it.
    counter = SimpleNamespace(pk=hashlib.sha256(to.encode()).hexdigest()[:32])
    try:
        consume(counter, "inbound.bounce")
    except RateLimited:
        return False
    subject = " ".join(str(message.get("Subject", "")).split())[:150]
    body = render_to_string(
        "inbound/bounce.txt", {"reason": reason, "text": text, "site_url": settings.SITE_URL}
    )
    send_bounce.enqueue(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        + (_("Not posted: %(subject)s") % {"subject": subject} if subject else _("Not posted")),
        body,
        to,
        str(message.get("Message-ID", ""))[:250],
    )
    return True
