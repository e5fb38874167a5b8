"""A member's files are in their data download; after their account is deleted, the files stay
on their posts (like the posts, signed "Former member") and download as before."""

import zipfile

import pytest

from attachments.models import Attachment
from forum import actions
from forum.models import Category
from privacy import erasure, export
from privacy.models import DataExport

from .samples import ALLOWED

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(member):
    category = Category.objects.create(name="General discussion", slug="general", order=1)
    return actions.create_thread(
        member, category=category, title="Data", body="Sources"
    ).posts.get()


def test_a_member_s_files_are_in_their_data_download(member, post, attach_files):
    attach_files(post, member, "report.pdf")
    data_export = DataExport.objects.create(user=member)
    export.build(data_export)
    with zipfile.ZipFile(data_export.path) as archive:
        names = archive.namelist()
        assert "attachments.attachment.json" in names
        (stored,) = [n for n in names if n.startswith("files/attachments.attachment/")]
        assert archive.read(stored) == ALLOWED["report.pdf"]


def test_a_deleted_member_s_files_stay_on_their_posts(
    client, member, other_member, post, attach_files
):
    (attachment,) = attach_files(post, member, "report.pdf")
    erasure.erase(member)
    attachment = Attachment.objects.get(pk=attachment.pk)
    assert attachment.uploader == erasure.former_member()
    client.force_login(other_member)
    response = client.get(attachment.get_absolute_url())
    assert b"".join(response.streaming_content) == ALLOWED["report.pdf"]
