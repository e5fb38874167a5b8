"""Cleaning user-supplied text of invisible and reordering characters ("Trojan Source").

Bidirectional embeddings, overrides and isolates can make text read differently from what it is,
and zero-width spaces can make two names look alike. They are removed everywhere. The zero-width
(non-)joiners and the left-to-right/right-to-left marks stay: Persian, Arabic, Indic scripts and
emoji need them, and they cannot reorder text.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

REMOVED = re.compile(
    "["
    "\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"  # control characters (keeps \t \n \r)
    "\u061c"  # Arabic letter mark (a bidi control)
    "\u200b\u2060\ufeff"  # zero-width space, word joiner, byte-order mark
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\u00ad"  # soft hyphen
    "]"
)
FORMAT_ONLY = {"Cf", "Zs", "Zl", "Zp", "Cc", "Mn"}


def strip_invisible(value: str) -> str:
    return REMOVED.sub("", unicodedata.normalize("NFC", value or ""))


def clean_display_text(value: str) -> str:
    """One-line text (names, titles): no hidden characters, runs of white space collapsed."""
    return " ".join(strip_invisible(value).split())


def has_visible_text(value: str) -> bool:
    return any(unicodedata.category(ch) not in FORMAT_ONLY for ch in value)


def validate_display_text(value: str, *, max_length: int) -> str:
    cleaned = clean_display_text(value)
    if not has_visible_text(cleaned):
        raise ValidationError(_("Enter some visible text."), code="blank")
    if len(cleaned) > max_length:
        raise ValidationError(
            _("Keep it to %(max)d characters (it has %(length)d).")
            % {"max": max_length, "length": len(cleaned)},
            code="max_length",
        )
    return cleaned


def clean_body(value: str, *, max_length: int, blank: str, too_long: str) -> str:
    """A Markdown body (a post, a message): hidden characters removed, and refused when nothing
    visible is left (``blank``) or when longer than ``max_length`` (``too_long``, a message with
    ``%(max)s`` and ``%(length)s``)."""
    body = strip_invisible(value).strip()
    if not has_visible_text(body):
        raise ValidationError(blank, code="blank")
    if len(body) > max_length:
        raise ValidationError(
            too_long % {"max": f"{max_length:,}", "length": f"{len(body):,}"},
            code="max_length",
        )
    return body
