"""``manage.py seed_directory --profiles N``: invented members with profiles, in bulk."""

import sys
import time

from django.core.management.base import BaseCommand

from directory.seeding import create_profiles


class Command(BaseCommand):
    help = "Create N invented members with realistic directory profiles (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, default=1000, help="how many (default 1000)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (reproducible)")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, profiles, seed, batch_size, **options):
        started = time.monotonic()
        interactive = self.stdout.isatty() if hasattr(self.stdout, "isatty") else False

        def progress(done, total):
            width = 30
            filled = width * done // total
            bar = "#" * filled + "-" * (width - filled)
            line = f"[{bar}] {done}/{total} profiles ({time.monotonic() - started:.0f} s)"
            if interactive:
                sys.stdout.write("\r" + line)
                sys.stdout.flush()
            else:
                self.stdout.write(line)

        created = create_profiles(
            max(profiles, 0), seed=seed, batch_size=batch_size, progress=progress
        )
        if interactive:
            sys.stdout.write("\n")
        self.stdout.write(
            self.style.SUCCESS(f"Created {created} profiles in {time.monotonic() - started:.1f} s.")
        )
