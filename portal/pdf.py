"""A PDF is checked by what it holds, never by the name or the type the browser claims."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _

HEADER = b"%PDF-"
TRAILER_WINDOW = 2048


def validate_pdf(upload) -> None:
    """Refuse files that are too large, not named .pdf, or do not look like a whole PDF: the
    ``%PDF-`` header first, an ``%%EOF`` marker near the end. Reads at most the two ends."""
    limit = settings.PORTAL_PDF_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; a PDF may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError(_("Choose a file whose name ends in .pdf."), code="not_pdf_name")
    upload.seek(0)
    head = upload.read(len(HEADER))
    if head != HEADER:
        raise ValidationError(
            _("This file is not a PDF, whatever its name says. Export it as PDF and try again."),
            code="not_pdf",
        )
    upload.seek(max(0, upload.size - TRAILER_WINDOW))
    tail = upload.read(TRAILER_WINDOW)
    upload.seek(0)
    if b"%%EOF" not in tail:
        raise ValidationError(
            _("This PDF is damaged or cut short (it has no end marker). Export it again."),
            code="malformed_pdf",
        )


def download_name(title: str) -> str:
    """A file name that is safe in any header and on any system: ASCII letters, digits, dashes."""
    return f"{slugify(title)[:80].strip('-') or 'document'}.pdf"
