"""``manage.py worker``: django-tasks-db's ``db_worker`` with its options, plus leases, a
heartbeat and retries, and a loop that outlives database outages (``worker.runner``)."""

from argparse import ArgumentParser

from django.core.management.base import CommandError
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.management.commands.db_worker import valid_interval

from worker.runner import Worker


def positive(value: str) -> float:
    number = valid_interval(value)
    if number <= 0:
        raise ValueError(value)
    return number


class Command(DatabaseWorkerCommand):
    help = "Run the background task worker (emails, digests, imports)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=positive,
            default=30.0,
            help="Seconds without a heartbeat after which a worker's running task is run again "
            "(default: %(default)s)",
        )
        parser.add_argument(
            "--heartbeat",
            type=positive,
            default=5.0,
            help="Seconds between heartbeats; well under the lease (default: %(default)s)",
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=5,
            help="Runs of one task before it is marked failed (default: %(default)s)",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, lease, heartbeat, **options):
        self.configure_logging(verbosity)
        if heartbeat * 2 > lease:
            raise CommandError("--heartbeat must be at most half of --lease")
        if options["max_attempts"] < 1:
            raise CommandError("--max-attempts must be at least 1")
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            lease=lease,
            heartbeat=heartbeat,
            max_attempts=options["max_attempts"],
        )
        worker.configure_signals()
        worker.run()
