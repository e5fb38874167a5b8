"""Uploaded files are stored under random names: nothing of the uploader's file name is kept (it
may hold personal data) and no name can be guessed. A field names only its folder
(``upload_to="directory/photos/"``), so migrations reference no application code."""

from pathlib import PurePosixPath
from uuid import uuid4

from django.core.files.storage import FileSystemStorage


class RandomNameStorage(FileSystemStorage):
    def generate_filename(self, filename: str) -> str:
        path = PurePosixPath(filename)
        return super().generate_filename(str(path.with_name(uuid4().hex + path.suffix.lower())))
