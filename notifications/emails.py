"""Notification emails: one at once, or a daily digest. Each carries a signed one-click
unsubscribe link (RFC 8058: ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers) and a
``Message-ID`` made from what it is about, the same on every attempt: the task sending it may run
again after a crash, and mail clients show a message whose ID they already hold once."""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import kinds, replies

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
ALL_KINDS = "*"


def unsubscribe_token(user, kind: str = ALL_KINDS) -> str:
    return signing.dumps([user.pk, kind], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """``(user_id, kind)``; raises ``signing.BadSignature`` for anything not signed by us."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not (value[1] == ALL_KINDS or value[1] in kinds.KINDS)
    ):
        raise signing.BadSignature("Unexpected unsubscribe payload")
    return value[0], value[1]


def unsubscribe_url(user, kind: str = ALL_KINDS) -> str:
    return settings.SITE_URL + reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(user, kind)]
    )


def _open_url(notification) -> str:
    """Through the notification centre, so following the link marks the notification read."""
    if not notification.url:
        return ""
    return settings.SITE_URL + reverse("notifications:open", args=[notification.pk])


def message_id(*parts) -> str:
    """A ``Message-ID`` that names what the email is about (RFC 5322 section 3.6.4)."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return "<{}@{}>".format(".".join(str(part) for part in parts), domain)


def _message(
    user, subject: str, template: str, context: dict, kind: str, key: str, reply_to: str = ""
) -> EmailMultiAlternatives:
    link = unsubscribe_url(user, kind)
    context = {
        **context,
        "reply_by_email": bool(reply_to),
        "user": user,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": link,
        "preferences_url": settings.SITE_URL + reverse("notifications:preferences"),
    }
    message = EmailMultiAlternatives(
        # One line: a moderator's reason may hold line breaks, which a header cannot.
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=render_to_string(f"notifications/email/{template}.txt", context),
        to=[user.email],
        # A signed address (``replies``): answering the email answers what it is about.
        reply_to=[reply_to] if reply_to else None,
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Message-ID": key,
        },
    )
    message.attach_alternative(
        render_to_string(f"notifications/email/{template}.html", context), "text/html"
    )
    return message


def immediate(notification) -> EmailMultiAlternatives:
    with translation.override(notification.recipient.email_language):
        return _message(
            notification.recipient,
            notification.summary,
            "immediate",
            {
                "notification": notification,
                "link": _open_url(notification),
            },
            notification.kind,
            message_id("notification", notification.pk),
            reply_to=replies.address_for(notification),
        )


def digest(user, notifications) -> EmailMultiAlternatives:
    with translation.override(user.email_language):
        items = [{"notification": n, "link": _open_url(n)} for n in notifications]
        subject = _("Your daily digest: %(count)d new") % {"count": len(items)}
        ids = ",".join(str(n.pk) for n in notifications)
        key = message_id("digest", user.pk, hashlib.sha256(ids.encode()).hexdigest()[:16])
        return _message(user, subject, "digest", {"items": items}, ALL_KINDS, key)
