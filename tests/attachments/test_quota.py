"""Per-member quota and rate limit: checked before anything is stored, all or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from attachments.actions import attach
from attachments.forms import prepare
from attachments.models import Attachment
from core.ratelimit import RateLimited
from forum import actions as forum
from forum.models import Category

from .samples import ALLOWED, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(member):
    category = Category.objects.create(name="General discussion", slug="general", order=1)
    return forum.create_thread(
        member, category=category, title="Sources", body="Which?"
    ).posts.get()


def files(*names):
    return [prepare(upload(name, ALLOWED[name])) for name in names]


def test_files_over_the_member_s_quota_are_refused_and_none_is_kept(settings, member, post):
    pdf = len(ALLOWED["report.pdf"])
    settings.ATTACHMENTS_QUOTA_BYTES = pdf * 3
    with transaction.atomic():
        attach(member, post, files("report.pdf", "report.pdf"))
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        attach(member, post, files("report.pdf", "report.pdf"))
    assert refused.value.code == "quota"
    assert "Nothing was posted" in refused.value.messages[0]
    assert Attachment.objects.count() == 2
    stored = list((settings.ATTACHMENTS_ROOT / "attachments").iterdir())
    assert len(stored) == 2


def test_the_quota_is_each_member_s_own(settings, member, other_member, post):
    settings.ATTACHMENTS_QUOTA_BYTES = len(ALLOWED["report.pdf"])
    with transaction.atomic():
        attach(member, post, files("report.pdf"))
        attach(other_member, post, files("report.pdf"))
    assert Attachment.objects.bytes_used_by(member) == len(ALLOWED["report.pdf"])


def test_uploads_are_rate_limited_per_file(settings, member, post):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "attachments.upload": "3/h"}
    with transaction.atomic():
        attach(member, post, files("report.pdf", "table.csv"))
    with pytest.raises(RateLimited), transaction.atomic():
        attach(member, post, files("report.pdf", "table.csv"))
    assert Attachment.objects.count() == 2
