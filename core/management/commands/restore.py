"""manage.py restore ARCHIVE: the database and the uploaded files as they were in a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.management import archive


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those of a backup made by "
        "manage.py backup. Stop the web, worker and scheduler processes first; run "
        "bin/release afterwards if the code is newer than the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar written by manage.py backup.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: everything now stored is replaced."
        )

    def handle(self, *args, yes=False, **options):
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(f"No backup at {path}.")
        if (
            not yes
            and input(
                "Everything now in the database and the uploaded files is replaced. Type yes: "
            )
            .strip()
            .lower()
            != "yes"
        ):
            raise CommandError("Nothing restored.")
        try:
            manifest = archive.restore(path)
        except archive.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: the {manifest['engine']} "
            f"database and {len(manifest['files'])} uploaded files."
        )
