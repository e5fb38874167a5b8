"""Cleaning short user-supplied text (names, titles) of invisible and reordering characters."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Bidirectional overrides and isolates, zero-width characters, and other format (Cf) characters
# can make text read differently from what it is ("Trojan Source"). Short text never needs them.


def strip_invisible(value: str) -> str:
    return "".join(
        ch for ch in value if unicodedata.category(ch) not in {"Cf", "Cc"} or ch in "\n\t"
    )


def clean_display_text(value: str) -> str:
    """Normalise, drop control and format characters, and collapse runs of white space."""
    value = unicodedata.normalize("NFC", value or "")
    return " ".join(strip_invisible(value).split())


def validate_display_text(value: str, *, max_length: int) -> str:
    cleaned = clean_display_text(value)
    if not cleaned:
        raise ValidationError(_("Enter some visible text."), code="blank")
    if len(cleaned) > max_length:
        raise ValidationError(
            _("Keep it to %(max)d characters (it has %(length)d).")
            % {"max": max_length, "length": len(cleaned)},
            code="max_length",
        )
    return cleaned
