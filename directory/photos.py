"""Profile photos: a square WebP re-encoded by ``core.images``, so nothing of the upload stays."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from core.images import encode, upright

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MIN_SIDE = 64
SIZE = 400


def process_photo(upload) -> ContentFile:
    """A square WebP of at most SIZE pixels, or ValidationError with a message for the member."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The photo is larger than %(limit)d MB."), params={"limit": MAX_UPLOAD_BYTES >> 20}
        )
    image = upright(
        upload.read(MAX_UPLOAD_BYTES + 1),
        min_side=MIN_SIDE,
        prepare=lambda opened: opened.draft("RGB", (SIZE * 2, SIZE * 2)),
    )
    image = ImageOps.fit(image.convert("RGB"), (SIZE, SIZE), Image.Resampling.LANCZOS)
    return ContentFile(encode(image, "WEBP"), name="photo.webp")
