"""The file field of a composer: several files at once, each checked by content when the form is
cleaned, so a refused file comes back with the member's text still in the form."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from PIL import Image

from core import images
from core.files import KINDS, Kind, check_size, display_name, identify

# Attached images are re-encoded at most this many pixels wide or high.
IMAGE_MAX_SIDE = 4096
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


@dataclass
class Prepared:
    """A checked file, ready to store: ``content`` is the upload, or the image re-encoded."""

    name: str
    kind: Kind
    content: File
    size: int


def prepare(upload) -> Prepared:
    """Check ``upload`` (size, then type by content); an image is decoded and written anew."""
    check_size(upload, settings.ATTACHMENTS_MAX_BYTES)
    kind = identify(upload)
    name = display_name(upload.name)
    if not name.lower().endswith(f".{kind.extension}"):  # "..pdf" cleaned to "pdf"
        name = f"{name}.{kind.extension}"
    if not kind.is_image:
        return Prepared(name, kind, upload, upload.size)
    image = images.upright(upload.read())
    if max(image.size) > IMAGE_MAX_SIDE:
        image.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE), Image.Resampling.LANCZOS)
    data = images.encode(image, IMAGE_FORMATS[kind.extension])
    return Prepared(name, kind, ContentFile(data, name=name), len(data))


def _help_text() -> str:
    return _(
        "PDF, Office, OpenDocument, CSV or images (JPEG, PNG, WebP); up to %(count)d files of "
        "%(size)s each."
    ) % {
        "count": settings.ATTACHMENTS_MAX_FILES,
        "size": filesizeformat(settings.ATTACHMENTS_MAX_BYTES),
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Cleans to a list of ``Prepared`` files (empty when none was chosen)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Attach files"))
        kwargs.setdefault("help_text", lazy(_help_text, str)())
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ",".join(f".{ext}" for ext in KINDS))

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        limit = settings.ATTACHMENTS_MAX_FILES
        if len(files) > limit:
            raise ValidationError(
                ngettext(
                    "Attach at most %(count)d file at a time.",
                    "Attach at most %(count)d files at a time.",
                    limit,
                )
                % {"count": limit},
                code="too_many",
            )
        prepared, errors = [], []
        for upload in files:
            try:
                prepared.append(prepare(super().clean(upload, initial)))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return prepared
