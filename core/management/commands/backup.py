"""manage.py backup: the database and the uploaded files in one archive, while the site runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.management import archive


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database and the uploaded files (MEDIA_ROOT) to one "
        "tar archive, while the site runs. The SECRET_KEY is not in it: keep that apart."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Archive to write (default: var/backups/backup-<UTC time>.tar).",
        )

    def handle(self, *args, output=None, **options):
        if not output:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"backup-{stamp}.tar"
        try:
            manifest = archive.backup(Path(output))
        except archive.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backup written to {output}: the {manifest['engine']} database and "
            f"{len(manifest['files'])} uploaded files."
        )
