"""A site told to keep its files in a bucket refuses to start without the storage that reaches it,
rather than failing at the first upload or download (registered by ``AttachmentsConfig.ready``;
``manage.py migrate`` in bin/release runs it)."""

from django.conf import settings
from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


def s3_storage_importable(app_configs=None, **kwargs) -> list[Error]:
    if not getattr(settings, "ATTACHMENTS_S3_BUCKET", ""):
        return []
    backend = settings.STORAGES["attachments"]["BACKEND"]
    try:
        import_string(backend)
    except (ImportError, ImproperlyConfigured) as error:
        return [
            Error(
                f"ATTACHMENTS_S3_BUCKET is set ({settings.ATTACHMENTS_S3_BUCKET!r}), but the "
                f"attachments' storage {backend} cannot be imported: {error}",
                hint=(
                    "Install the project's locked dependencies (make install, or pip install "
                    "--require-hashes -r requirements.txt): django-storages and boto3 are among "
                    "them. Or unset ATTACHMENTS_S3_BUCKET to keep files in ATTACHMENTS_ROOT."
                ),
                id="attachments.E001",
            )
        ]
    return []
