import pytest
from django.db import transaction

from attachments.actions import attach
from attachments.forms import prepare

from .samples import ALLOWED, upload


@pytest.fixture
def attach_files():
    """``attach_files(owner, uploader, "report.pdf", ...)`` stores sample files on ``owner``."""

    def _attach(owner, uploader, *names):
        with transaction.atomic():
            return attach(uploader, owner, [prepare(upload(n, ALLOWED[n])) for n in names])

    return _attach
