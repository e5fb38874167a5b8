"""Profile photos: only real JPEG, PNG or WebP images, re-encoded so nothing of the upload stays.

Re-encoding drops metadata (EXIF with GPS positions) and any payload hidden in the file. The pixel
limit is checked from the header, before any decoding, so a decompression bomb costs nothing.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_SIDE = 64
SIZE = 400
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


def process_photo(upload) -> ContentFile:
    """A square WebP of at most SIZE pixels, or ValidationError with a message for the member."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The photo is larger than %(limit)d MB."), params={"limit": MAX_UPLOAD_BYTES >> 20}
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=sorted(ACCEPTED_FORMATS))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."))
            if min(width, height) < MIN_SIDE:
                raise ValidationError(
                    _("The photo is too small; use at least %(side)d pixels per side."),
                    params={"side": MIN_SIDE},
                )
            image.draft("RGB", (SIZE * 2, SIZE * 2))
            image = ImageOps.exif_transpose(image)
            image = ImageOps.fit(image.convert("RGB"), (SIZE, SIZE), Image.Resampling.LANCZOS)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image, or it is too large to open.")
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("This image is damaged and cannot be read.")) from None
    output = io.BytesIO()
    image.save(output, format="WEBP", quality=82, method=4)
    return ContentFile(output.getvalue(), name="photo.webp")
