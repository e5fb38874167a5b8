"""Signed reply addresses: a notification email about something a member can answer (a forum
post, a conversation) carries ``Reply-To: reply+<token>@<REPLY_EMAIL_DOMAIN>``; the SMTP receiver
(``inbound``) reads the token back to know who answers what.

The token is ``<user id>.<kind><target id>.<day issued>.<signature>``: lowercase letters, digits
and dots only (mail systems may change the case of an address's local part, and a local part
holds at most 64 characters), signed with ``salted_hmac`` under the site's ``SECRET_KEY``, so it
cannot be forged or moved to another member or target, and it expires
``REPLY_EMAIL_MAX_AGE_DAYS`` after it was issued.

Which targets can be answered is registered by the app that answers them
(``register("p", "forum.post")`` in ``inbound.apps``): without it, emails carry no reply address.
"""

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "notifications.replies"
PREFIX = "reply+"
SIGNATURE_LENGTH = 20  # hex digits: 80 bits
DAY = 86400
TOKEN = re.compile(r"^(\d{1,12})\.([a-z])(\d{1,15})\.([0-9a-z]{1,8})\.([0-9a-f]{20})$")

# kind code -> model label ("app_label.model_name"), and back
_KINDS: dict[str, str] = {}


def register(code: str, label: str) -> None:
    if len(code) != 1 or not code.islower():
        raise ValueError("A reply kind is one lowercase letter")
    _KINDS[code] = label.lower()


def registered() -> dict[str, str]:
    return dict(_KINDS)


class BadAddress(Exception):
    """Why an address cannot be answered: ``reason`` is ``"unknown"``, ``"forged"`` or
    ``"expired"``."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Reply:
    user_id: int
    kind: str
    target_id: int
    label: str


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def _signature(payload: str) -> str:
    return salted_hmac(SALT, payload, algorithm="sha256").hexdigest()[:SIGNATURE_LENGTH]


def token(user_id: int, kind: str, target_id: int, *, now: float | None = None) -> str:
    day = int((time.time() if now is None else now) // DAY)
    payload = f"{user_id}.{kind}{target_id}.{_base36(day)}"
    return f"{payload}.{_signature(payload)}"


def address(user_id: int, kind: str, target_id: int, *, now: float | None = None) -> str:
    return f"{PREFIX}{token(user_id, kind, target_id, now=now)}@{settings.REPLY_EMAIL_DOMAIN}"


def address_for(notification) -> str:
    """The reply address of an email about ``notification``, or "" when its target cannot be
    answered by email (or replies by email are off: no ``REPLY_EMAIL_DOMAIN``)."""
    if not settings.REPLY_EMAIL_DOMAIN or notification.target_type_id is None:
        return ""
    target_type = ContentType.objects.get_for_id(notification.target_type_id)  # cached
    label = f"{target_type.app_label}.{target_type.model}"
    code = next((c for c, known in _KINDS.items() if known == label), None)
    if code is None:
        return ""
    return address(notification.recipient_id, code, notification.target_id)


def is_reply_address(value: str) -> bool:
    """Shaped like one of ours, at our domain (the signature is not checked here)."""
    local, _at, domain = value.strip().rpartition("@")
    return (
        bool(settings.REPLY_EMAIL_DOMAIN)
        and domain.lower() == settings.REPLY_EMAIL_DOMAIN.lower()
        and local.lower().startswith(PREFIX)
        and len(local) <= 64
    )


def read(value: str, *, now: float | None = None) -> Reply:
    """The reply an address stands for; raises ``BadAddress``."""
    if not is_reply_address(value):
        raise BadAddress("unknown")
    local = value.strip().rpartition("@")[0].lower()
    found = TOKEN.match(local[len(PREFIX) :])
    if found is None:
        raise BadAddress("unknown")
    user_id, kind, target_id, day, signature = found.groups()
    payload = f"{user_id}.{kind}{target_id}.{day}"
    if not constant_time_compare(signature, _signature(payload)) or kind not in _KINDS:
        raise BadAddress("forged")
    today = int((time.time() if now is None else now) // DAY)
    if today - int(day, 36) > settings.REPLY_EMAIL_MAX_AGE_DAYS:
        raise BadAddress("expired")
    return Reply(int(user_id), kind, int(target_id), _KINDS[kind])
