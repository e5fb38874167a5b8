"""Uploaded files are stored under random names: nothing of the uploader's file name is kept (it
may hold personal data) and no name can be guessed. A field names only its folder
(``upload_to="directory/photos/"``), so migrations reference no application code."""

from pathlib import PurePosixPath
from uuid import uuid4

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class RandomNameStorage(FileSystemStorage):
    def generate_filename(self, filename: str) -> str:
        path = PurePosixPath(filename)
        return super().generate_filename(str(path.with_name(uuid4().hex + path.suffix.lower())))


class PrivateStorage(RandomNameStorage):
    """Files never served as media (attachments): kept under ``settings.ATTACHMENTS_ROOT``, with
    no URL. They reach a reader only through a view that checks the permission first."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.ATTACHMENTS_ROOT)

    def url(self, name):
        raise ValueError("Private files have no URL: serve them through a view.")

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "ATTACHMENTS_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
