"""The attachments' storage is chosen by the environment: a private folder by default, a private
S3-compatible bucket through django-storages when ATTACHMENTS_S3_BUCKET is set."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'storage': settings.STORAGES['attachments'], "
    "'root': str(settings.ATTACHMENTS_ROOT), 'media': str(settings.MEDIA_ROOT)}))"
)


def settings_with(var_dir, **env) -> dict:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "VAR_DIR": str(var_dir),
        **env,
    }
    if "ATTACHMENTS_S3_BUCKET" not in env:
        environment.pop("ATTACHMENTS_S3_BUCKET", None)
    result = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_by_default_files_are_kept_in_a_private_folder_outside_the_media(tmp_path):
    found = settings_with(tmp_path)
    assert found["storage"] == {"BACKEND": "core.storage.PrivateStorage"}
    assert found["root"] == str(tmp_path / "attachments")
    assert not found["root"].startswith(found["media"])


def test_a_bucket_named_in_the_environment_keeps_them_private_in_s3(tmp_path):
    found = settings_with(
        tmp_path,
        ATTACHMENTS_S3_BUCKET="network-files",
        ATTACHMENTS_S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert found["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = found["storage"]["OPTIONS"]
    assert options["bucket_name"] == "network-files"
    assert options["endpoint_url"] == "https://s3.example.org"
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert options["file_overwrite"] is False
