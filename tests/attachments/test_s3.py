"""Attachments in an S3-compatible bucket, for real: moto's S3 server runs locally on a free port,
the storage is configured from the ATTACHMENTS_S3_* variables by config/settings.py, and a file
sent with a message goes through S3Storage to the bucket and back out through the
permission-checked download view. Without moto this skips loudly (fails in CI)."""

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
import requests
from django.urls import reverse
from storages.backends.s3 import S3Storage

from attachments.models import Attachment, attachment_storage
from conversations import actions
from conversations.models import Message
from tests import services
from tests.conftest import make_user
from tests.notifications.live_servers import free_port

from .samples import ALLOWED, upload
from .test_settings import settings_with

BUCKET = "network-files"
KEYS = {"ATTACHMENTS_S3_ACCESS_KEY_ID": "testing", "ATTACHMENTS_S3_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """The URL of a moto S3 server of this module's own, stopped after it."""
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask_cors") is None:
        services._missing("moto's S3 server is not installed (make install)", "REQUIRE_SERVICES")
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                services._missing(
                    f"moto's S3 server exited ({process.returncode}): {log.read_text()[-500:]}",
                    "REQUIRE_SERVICES",
                )
            try:
                requests.get(url + "/moto-api/", timeout=2)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    services._missing(
                        f"moto's S3 server did not answer within 60 s: {log.read_text()[-500:]}",
                        "REQUIRE_SERVICES",
                    )
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def bucket(s3_endpoint, settings, tmp_path, monkeypatch):
    """The attachments' storage as the settings make it from the environment, and the bucket's
    boto3 client (the bucket is made anew)."""
    found = settings_with(
        tmp_path / "var",
        ATTACHMENTS_S3_BUCKET=BUCKET,
        ATTACHMENTS_S3_ENDPOINT_URL=s3_endpoint,
        ATTACHMENTS_S3_REGION="us-east-1",
        **KEYS,
    )
    settings.ATTACHMENTS_S3_BUCKET = BUCKET
    settings.STORAGES = {**settings.STORAGES, "attachments": found["storage"]}
    # The field takes its storage when the models load, as a site does at startup.
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", attachment_storage())
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    s3.create_bucket(Bucket=BUCKET)
    yield s3
    for listed in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=listed["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def objects(s3) -> dict[str, bytes]:
    listed = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {o["Key"]: s3.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read() for o in listed}


@pytest.mark.django_db
def test_a_file_sent_with_a_message_is_kept_in_the_bucket_and_served_only_to_participants(
    client, settings, bucket, member, other_member, institutes
):
    assert isinstance(Attachment._meta.get_field("file").storage, S3Storage)
    conversation = actions.start(member, [other_member], subject="Data", body="Hello")
    client.force_login(member)
    content = ALLOWED["draft.odt"]
    response = client.post(
        reverse("conversations:send", args=[conversation.pk]),
        {"body": "The questionnaire", "files": [upload("questionnaire.odt", content)]},
    )
    assert response.status_code == 302
    (attachment,) = Message.objects.get(body="The questionnaire").attachments.all()

    # In the bucket, under the storage's folder, and nowhere on the local disk.
    assert objects(bucket) == {f"attachments/{attachment.file.name}": content}
    assert not Path(settings.ATTACHMENTS_ROOT).exists() or not any(
        Path(settings.ATTACHMENTS_ROOT).rglob("*.odt")
    )

    client.force_login(other_member)
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"] == 'attachment; filename="questionnaire.odt"'
    assert download["Cache-Control"] == "private, no-store"

    client.force_login(make_user("olga@ehs.unu.example", "Olga Petrova"))
    assert client.get(attachment.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_file_missing_from_the_bucket_is_a_404_not_an_error(
    client, bucket, member, other_member, attach_files
):
    conversation = actions.start(member, [other_member], subject="Data", body="Hello")
    (attachment,) = attach_files(conversation.messages.get(), member, "report.pdf")
    (key,) = objects(bucket)
    bucket.delete_object(Bucket=BUCKET, Key=key)
    client.force_login(other_member)
    assert client.get(attachment.get_absolute_url()).status_code == 404
