"""Images re-encoded so nothing of the upload stays: profile photos and attached images.

Only real JPEG, PNG or WebP images are opened. Re-encoding drops metadata (EXIF with GPS
positions) and any payload hidden in the file. The pixel limit is checked from the header, before
any decoding, so a decompression bomb costs nothing; a file that cannot be read, or is too large
to open, is a ``ValidationError`` with a message for the member.
"""

import io
import warnings
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


def upright(
    data: bytes,
    *,
    min_side: int = 1,
    prepare: Callable[[Image.Image], None] | None = None,
) -> Image.Image:
    """The decoded image of ``data``, turned as its EXIF orientation says. ``prepare`` runs on
    the opened image before it is decoded (``image.draft(...)`` to decode a JPEG smaller)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=sorted(ACCEPTED_FORMATS))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The image has too many pixels."), code="too_many_pixels")
            if min(width, height) < min_side:
                raise ValidationError(
                    _("The image is too small; use at least %(side)d pixels per side."),
                    params={"side": min_side},
                    code="too_small",
                )
            source_format = image.format
            if prepare is not None:
                prepare(image)
            turned = ImageOps.exif_transpose(image)
            turned.load()
            turned.format = source_format
            return turned
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image, or it is too large to open."),
            code="not_image",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This image is damaged and cannot be read."), code="damaged"
        ) from None


def encode(image: Image.Image, image_format: str) -> bytes:
    """``image`` written anew as ``image_format`` (JPEG, PNG or WEBP), without metadata."""
    if image_format == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    elif image.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
        image = image.convert("RGBA")
    output = io.BytesIO()
    if image_format == "WEBP":
        image.save(output, format="WEBP", quality=82, method=4)
    elif image_format == "JPEG":
        image.save(output, format="JPEG", quality=85, optimize=True)
    else:
        image.save(output, format="PNG", optimize=True)
    return output.getvalue()
