"""What an uploaded file is, read from its content, never from its name or the browser's word.

``identify(upload)`` returns the ``Kind`` of an allowed file or raises ``ValidationError``: not
an allowed extension (``not_allowed``), or content that is not what the extension says
(``mismatch``). The first bytes are read by ``filetype`` (magic numbers); containers are then
opened for what they must hold: an Office Open XML file is a ZIP with ``[Content_Types].xml``
and its main part (``word/``, ``xl/``, ``ppt/``), an OpenDocument file a ZIP whose ``mimetype``
member names its type; a PDF starts with ``%PDF-`` and has an ``%%EOF`` near its end; a CSV
is UTF-8 text without NUL bytes. Only the ZIP's central directory is read, never its members
decompressed (except ``mimetype``, a few dozen bytes), so each check is linear in the size.
"""

import codecs
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

HEAD_BYTES = 8192
PDF_TRAILER_WINDOW = 2048
ZIP_MAX_MEMBERS = 10_000
ODF_MIMETYPE_MAX = 100
NAME_MAX_CHARS = 120
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Kind:
    extension: str
    mime: str
    label: str
    # What the content must be: "pdf", "ole" (legacy Office), "ooxml:<folder>", "odf:<type>",
    # "csv", or "image" (re-encoded by core.images).
    rule: str

    @property
    def is_image(self) -> bool:
        return self.rule == "image"


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
KINDS = {
    kind.extension: kind
    for kind in (
        Kind("pdf", "application/pdf", "PDF", "pdf"),
        Kind("doc", "application/msword", "Word", "ole"),
        Kind("xls", "application/vnd.ms-excel", "Excel", "ole"),
        Kind("ppt", "application/vnd.ms-powerpoint", "PowerPoint", "ole"),
        Kind("docx", _OOXML + "wordprocessingml.document", "Word", "ooxml:word/"),
        Kind("xlsx", _OOXML + "spreadsheetml.sheet", "Excel", "ooxml:xl/"),
        Kind("pptx", _OOXML + "presentationml.presentation", "PowerPoint", "ooxml:ppt/"),
        Kind("odt", _ODF + "text", "OpenDocument", "odf:" + _ODF + "text"),
        Kind("ods", _ODF + "spreadsheet", "OpenDocument", "odf:" + _ODF + "spreadsheet"),
        Kind("odp", _ODF + "presentation", "OpenDocument", "odf:" + _ODF + "presentation"),
        Kind("csv", "text/csv", "CSV", "csv"),
        Kind("jpg", "image/jpeg", "JPEG", "image"),
        Kind("jpeg", "image/jpeg", "JPEG", "image"),
        Kind("png", "image/png", "PNG", "image"),
        Kind("webp", "image/webp", "WebP", "image"),
    )
}
# What filetype may call each rule's files (a ZIP it cannot tell apart is opened anyway).
_GUESSES = {
    "pdf": {"pdf"},
    "ole": {"doc", "xls", "ppt", None},
    "ooxml": {"zip", "docx", "xlsx", "pptx"},
    "odf": {"zip", "odt", "ods", "odp"},
    "csv": {None},
}
_IMAGE_GUESSES = {"jpg": "jpg", "jpeg": "jpg", "png": "png", "webp": "webp"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def extension_of(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower().lstrip(".")


def allowed_list() -> str:
    return ", ".join(sorted({f".{ext}" for ext in KINDS}))


def check_size(upload, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may be at most %(limit)s.")
            % {
                "name": display_name(upload.name),
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )


def identify(upload) -> Kind:
    """The allowed ``Kind`` of ``upload`` (a Django ``UploadedFile``), checked by content."""
    name = display_name(upload.name)
    kind = KINDS.get(extension_of(upload.name))
    if kind is None:
        raise ValidationError(
            _("“%(name)s”: files of this type are not allowed. Allowed: %(allowed)s.")
            % {"name": name, "allowed": allowed_list()},
            code="not_allowed",
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if not _holds(kind, head, upload):
        raise ValidationError(
            _(
                "“%(name)s” does not hold what its name says (a %(label)s file); "
                "it was not attached."
            )
            % {"name": name, "label": kind.label},
            code="mismatch",
        )
    upload.seek(0)
    return kind


def _holds(kind: Kind, head: bytes, upload) -> bool:
    guess = filetype.guess(head)
    guessed = guess.extension if guess else None
    rule, _sep, detail = kind.rule.partition(":")
    if rule == "image":
        return guessed == _IMAGE_GUESSES[kind.extension]
    if guessed not in _GUESSES[rule]:
        return False
    if rule == "pdf":
        return head.startswith(b"%PDF-") and b"%%EOF" in _tail(upload, PDF_TRAILER_WINDOW)
    if rule == "ole":
        return head.startswith(OLE_MAGIC) and guessed in {kind.extension, None}
    if rule == "csv":
        return _is_text(upload)
    members = _zip_members(upload)
    if members is None:
        return False
    if rule == "ooxml":
        return "[Content_Types].xml" in members and any(m.startswith(detail) for m in members)
    return _odf_type(upload, members) == detail


def _tail(upload, size: int) -> bytes:
    upload.seek(max(0, upload.size - size))
    tail = upload.read(size)
    upload.seek(0)
    return tail


def _is_text(upload) -> bool:
    """UTF-8 (a BOM allowed) without NUL or other control bytes but tab and line ends, read in
    chunks by an incremental decoder: linear, whatever the size."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    upload.seek(0)
    for chunk in upload.chunks():
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
        if CONTROL_CHARACTERS.search(text):
            return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    upload.seek(0)
    return True


def _zip_members(upload) -> set[str] | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if len(infos) > ZIP_MAX_MEMBERS:
        return None
    return {info.filename for info in infos}


def _odf_type(upload, members: set[str]) -> str | None:
    if "mimetype" not in members:
        return None
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            info = archive.getinfo("mimetype")
            if info.file_size > ODF_MIMETYPE_MAX or info.compress_type != zipfile.ZIP_STORED:
                return None
            return archive.read(info).decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
        return None
    finally:
        upload.seek(0)


def display_name(name: str) -> str:
    """A member's file name fit to show and to send back as the download's name: no folders, no
    control or format characters (bidirectional overrides), none of ``/ \\ : * ? " < > |``,
    spaces collapsed, at most ``NAME_MAX_CHARS`` characters with its extension kept."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    kept = "".join(
        "-" if c in '/\\:*?"<>|' else c
        for c in name
        if unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
    )
    kept = " ".join(kept.split()).strip(" .") or "file"
    stem, dot, extension = kept.rpartition(".")
    if not dot or len(extension) > 10:
        stem, extension = kept, ""
    stem = stem[: NAME_MAX_CHARS - len(extension) - 1].rstrip(" .") or "file"
    return f"{stem}.{extension.lower()}" if extension else stem
