"""attachments/checks.py: a site told to use a bucket refuses to start without the S3 storage."""

import sys

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

S3 = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "network-files"}}


@pytest.fixture
def bucket_configured(settings):
    settings.ATTACHMENTS_S3_BUCKET = "network-files"
    settings.STORAGES = {**settings.STORAGES, "attachments": S3}


def errors():
    return [e for e in run_checks() if e.id == "attachments.E001"]


def test_no_bucket_no_error(settings):
    settings.ATTACHMENTS_S3_BUCKET = ""
    assert errors() == []


def test_a_bucket_with_the_storage_installed_passes(bucket_configured):
    assert errors() == []


def test_a_bucket_without_django_storages_is_an_error_that_stops_the_site(
    bucket_configured, monkeypatch
):
    monkeypatch.setitem(sys.modules, "storages.backends.s3", None)
    (error,) = errors()
    assert "ATTACHMENTS_S3_BUCKET is set ('network-files')" in error.msg
    assert "storages.backends.s3.S3Storage cannot be imported" in error.msg
    assert "make install" in error.hint
    with pytest.raises(SystemCheckError, match=r"attachments\.E001"):
        call_command("check")


def test_a_bucket_without_boto3_is_an_error_too(bucket_configured, monkeypatch):
    # django-storages itself imports, but says ImproperlyConfigured without boto3.
    monkeypatch.delitem(sys.modules, "storages.backends.s3", raising=False)
    monkeypatch.setitem(sys.modules, "boto3", None)
    (error,) = errors()
    assert "cannot be imported" in error.msg and "boto3" in error.msg.lower()
