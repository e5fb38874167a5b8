"""Small real files of every allowed kind, and forgeries, made in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"\xec\xa5\xc1\x00" + b"\x00" * 600


def ooxml(folder: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(f"{folder}main.xml", "<x/>")
    return out.getvalue()


def odf(kind: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        archive.writestr("content.xml", "<x/>", compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


def image(image_format: str, size=(80, 60), exif=False) -> bytes:
    out = io.BytesIO()
    picture = Image.new("RGB", size, (200, 40, 40))
    extra = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        extra["exif"] = data.tobytes()
    picture.save(out, format=image_format, **extra)
    return out.getvalue()


ALLOWED = {
    "report.pdf": PDF,
    "minutes.doc": OLE,
    "draft.docx": ooxml("word/"),
    "figures.xlsx": ooxml("xl/"),
    "slides.pptx": ooxml("ppt/"),
    "draft.odt": odf("text"),
    "figures.ods": odf("spreadsheet"),
    "slides.odp": odf("presentation"),
    "table.csv": b"country,migrants\nMali,1200\nNiger,800\n",
    "map.png": image("PNG"),
    "photo.jpg": image("JPEG"),
    "photo.jpeg": image("JPEG"),
    "chart.webp": image("WEBP"),
}

# Each forgery: a name that promises one thing, content that is another.
FORGED = {
    "report.pdf": b"MZ\x90\x00 this is a Windows program",
    "cut-short.pdf": PDF[:-7],
    "draft.docx": PDF,
    "archive.docx": plain_zip(),
    "odt-as.docx": odf("text"),
    "sheet.odt": odf("spreadsheet"),
    "slides.pptx": ooxml("word/"),
    "table.csv": b"a,b\n\x00\x01binary",
    "latin1.csv": "caf\xe9".encode("latin-1"),
    "map.png": image("JPEG"),
    "photo.jpg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    "minutes.doc": PDF,
}

NOT_ALLOWED = {
    "setup.exe": b"MZ\x90\x00",
    "page.html": b"<html></html>",
    "drawing.svg": b"<svg/>",
    "notes": b"no extension",
    "archive.zip": plain_zip(),
}


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
