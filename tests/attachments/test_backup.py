"""Attached files are in the backup (``attachments/``) and come back with a restore."""

import tarfile

import pytest
from django.core.management import call_command

from attachments.models import Attachment
from forum import actions
from forum.models import Category

from .samples import ALLOWED

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restore_gives_back_the_attached_files_exactly(
    settings, member, other_member, client, attach_files, tmp_path
):
    category = Category.objects.create(name="General discussion", slug="general", order=1)
    thread = actions.create_thread(member, category=category, title="Data", body="Sources?")
    (attachment,) = attach_files(thread.posts.get(), member, "report.pdf")
    target = tmp_path / "site.tar"
    call_command("backup", output=str(target))
    with tarfile.open(target) as tar:
        assert f"attachments/{attachment.file.name}" in tar.getnames()
    stored = settings.ATTACHMENTS_ROOT / attachment.file.name
    stored.unlink()
    (settings.ATTACHMENTS_ROOT / "stray.pdf").write_bytes(b"uploaded after the backup")
    call_command("restore", str(target), yes=True)
    assert stored.read_bytes() == ALLOWED["report.pdf"]
    assert not (settings.ATTACHMENTS_ROOT / "stray.pdf").exists()
    client.force_login(other_member)
    response = client.get(Attachment.objects.get().get_absolute_url())
    assert b"".join(response.streaming_content) == ALLOWED["report.pdf"]
