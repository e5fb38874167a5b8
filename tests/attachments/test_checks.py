"""core/files.py and core/images.py: files are what their content says, whatever their name."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from attachments.forms import AttachmentsField, prepare
from core.files import display_name, identify

from .samples import ALLOWED, FORGED, NOT_ALLOWED, image, upload


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_every_allowed_kind_is_recognised_by_its_content(name):
    kind = identify(upload(name, ALLOWED[name]))
    assert kind.extension == name.rpartition(".")[2]


@pytest.mark.parametrize("name", sorted(FORGED))
def test_content_that_does_not_match_the_name_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        identify(upload(name, FORGED[name], content_type="application/pdf"))
    assert refused.value.code == "mismatch"
    assert "does not hold what its name says" in refused.value.messages[0]


@pytest.mark.parametrize("name", sorted(NOT_ALLOWED))
def test_types_not_allowed_are_refused_and_the_allowed_ones_named(name):
    with pytest.raises(ValidationError) as refused:
        identify(upload(name, NOT_ALLOWED[name]))
    assert refused.value.code == "not_allowed"
    assert ".pdf" in refused.value.messages[0] and ".xlsx" in refused.value.messages[0]


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.ATTACHMENTS_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        prepare(upload("big.pdf", ALLOWED["report.pdf"] + b" " * 2000))
    assert refused.value.code == "too_large"
    assert "big.pdf" in refused.value.messages[0]


def test_images_are_re_encoded_without_their_metadata():
    original = image("JPEG", exif=True)
    assert b"SecretCam" in original
    prepared = prepare(upload("holiday.jpg", original))
    data = prepared.content.read()
    assert b"SecretCam" not in data
    assert Image.open(io.BytesIO(data)).format == "JPEG"
    assert prepared.size == len(data)


def test_large_images_are_scaled_down(settings):
    prepared = prepare(upload("wide.png", image("PNG", size=(5000, 100))))
    assert Image.open(io.BytesIO(prepared.content.read())).size == (4096, 82)


def test_an_image_claiming_too_many_pixels_is_refused_without_decoding():
    # The PNG header of a 30,000 x 30,000 image with no pixel data behind it.
    bomb = image("PNG", size=(1, 1))
    bomb = bomb[:16] + (30000).to_bytes(4, "big") + (30000).to_bytes(4, "big") + bomb[24:]
    with pytest.raises(ValidationError):
        prepare(upload("bomb.png", bomb))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\ana\\Report Final.PDF", "Report Final.pdf"),
        ('a"b<c>|d.pdf', "a-b-c--d.pdf"),
        ("evil\u202egnp.pdf", "evilgnp.pdf"),
        ("line\nbreak\r.csv", "linebreak.csv"),
        ("   ...pdf", "pdf"),
        ("تقرير الهجرة.docx", "تقرير الهجرة.docx"),
        ("x" * 300 + ".xlsx", "x" * 115 + ".xlsx"),
    ],
)
def test_download_names_are_safe(given, expected):
    assert display_name(given) == expected


def test_the_field_refuses_more_files_than_allowed_at_once(settings):
    settings.ATTACHMENTS_MAX_FILES = 2
    files = [upload(f"r{i}.pdf", ALLOWED["report.pdf"]) for i in range(3)]
    with pytest.raises(ValidationError) as refused:
        AttachmentsField().clean(files)
    assert refused.value.messages == ["Attach at most 2 files at a time."]


def test_the_field_reports_every_refused_file_and_keeps_nothing():
    files = [upload("ok.pdf", ALLOWED["report.pdf"]), upload("bad.docx", FORGED["draft.docx"])]
    files.append(upload("prog.exe", NOT_ALLOWED["setup.exe"]))
    with pytest.raises(ValidationError) as refused:
        AttachmentsField().clean(files)
    assert [e.code for e in refused.value.error_list] == ["mismatch", "not_allowed"]


def test_checks_are_linear_in_the_size():
    # A 3 MB CSV is read once, in chunks; a few seconds would mean something quadratic.
    big = upload("big.csv", b"a,b,c\n" * 500_000)
    assert identify(big).extension == "csv"
