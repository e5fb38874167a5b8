"""The member's data as a ZIP: one JSON file per kind of row of theirs, and their uploaded files.

The rows are found through the app registry (``records``), so what a new app stores about a
member is in the download without this module knowing it. Rows are streamed from the database
into the archive: memory stays flat whatever the member wrote.
"""

import io
import shutil
import zipfile
from pathlib import PurePosixPath

from django.contrib.auth import get_user_model
from django.core import serializers
from django.template.loader import render_to_string

from .models import DataExport
from .records import file_fields, rows_of, shareable_fields

CHUNK = 500


def _add_rows(archive: zipfile.ZipFile, name: str, queryset) -> int:
    model = queryset.model
    if not queryset.exists():
        return 0
    with archive.open(name, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8") as out:
        serializers.serialize(
            "json",
            queryset.order_by("pk").iterator(chunk_size=CHUNK),
            fields=shareable_fields(model),
            stream=out,
            indent=1,
        )
    return 1


def _add_files(archive: zipfile.ZipFile, queryset, written: set[str]) -> None:
    fields = file_fields(queryset.model)
    if not fields:
        return
    label = queryset.model._meta.label_lower
    for row in queryset.only("pk", *(f.name for f in fields)).iterator(chunk_size=CHUNK):
        for field in fields:
            stored = getattr(row, field.attname)
            if not stored:
                continue
            arcname = f"files/{label}/{row.pk}-{field.name}-{PurePosixPath(stored.name).name}"
            if arcname in written or not stored.storage.exists(stored.name):
                continue
            written.add(arcname)
            source, out = stored.storage.open(stored.name, "rb"), archive.open(arcname, "w")
            with source, out:
                shutil.copyfileobj(source, out)


def build(export: DataExport) -> int:
    """Write the export's ZIP to its private path; return its size in bytes."""
    user, user_model = export.user, get_user_model()
    path = export.path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    written: set[str] = set()
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        readme = render_to_string("privacy/export_readme.txt", {"user": user})
        archive.writestr("README.txt", readme)
        for queryset in rows_of(user):
            model = queryset.model
            name = "account" if model is user_model else model._meta.label_lower
            if _add_rows(archive, f"{name}.json", queryset):
                _add_files(archive, queryset, written)
    partial.replace(path)
    return path.stat().st_size
