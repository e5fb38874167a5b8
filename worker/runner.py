"""The task worker: django-tasks-db's database queue, run so that a bad day loses no task.

- A database outage (a restart, a stop of a minute) does not end the loop: it logs once, waits with
  growing pauses and reconnects when the database is back.
- A thread keeps this process's ``Heartbeat`` row fresh. A task left RUNNING by a worker whose
  heartbeat is older than the lease (killed, frozen, its machine gone) is put back in the queue and
  run again, up to ``max_attempts`` runs in all.
- A task that fails on a transient error (the database connection, the network or the mail server:
  ``OSError``) is queued again with a growing delay instead of being marked failed, up to
  ``max_attempts`` runs; any other error fails it at once, as django-tasks-db does.

Tasks may therefore run more than once: each must be idempotent (see ``notifications.tasks``).
"""

import logging
import os
import random
import socket
import threading
import time
from datetime import timedelta

from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.db import connection as db_connection
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from .models import Heartbeat

logger = logging.getLogger(__name__)

# Errors that say "not now" rather than "never": the task is queued again.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)
# Rows of workers gone for this long are deleted.
FORGET_AFTER = timedelta(days=1)


class WorkerLostError(Exception):
    """Recorded on a task whose worker stopped while running it, once it has no runs left."""


def pause(attempt: int, first: float = 0.5, longest: float = 10.0) -> float:
    """Seconds to wait after the ``attempt``-th failure in a row (1, 2, ...): doubling, jittered."""
    return min(longest, first * 2 ** (attempt - 1)) * random.uniform(0.8, 1.2)


class Worker(DatabaseWorker):
    def __init__(self, *, lease: float, heartbeat: float, max_attempts: int, **options):
        super().__init__(**options)
        self.lease = lease
        self.heartbeat = heartbeat
        self.max_attempts = max_attempts
        self.polled_at = timezone.now()
        self.registered = False
        self.last_reclaim = 0.0
        self.stopped = threading.Event()

    # --- The loop ---------------------------------------------------------------------------
    def run(self) -> None:
        logger.info(
            "Starting worker %s (lease %ss, heartbeat %ss, at most %d runs per task)",
            self.worker_id,
            self.lease,
            self.heartbeat,
            self.max_attempts,
        )
        beating = threading.Thread(target=self.beat_until_stopped, daemon=True)
        beating.start()
        try:
            self.loop()
        finally:
            self.stopped.set()
            beating.join(timeout=self.heartbeat + 1)
            self.unregister()

    def loop(self) -> None:
        failures = 0
        outage_started = None
        while self.running:
            close_old_connections()
            try:
                if not self.registered:
                    self.register()
                self.reclaim_orphans()
                db_task_result, polled = self.claim_next()
            except (OperationalError, InterfaceError) as error:
                failures += 1
                if outage_started is None:
                    outage_started = time.monotonic()
                    logger.warning("Database unreachable, retrying until it is back: %s", error)
                db_connection.close()
                time.sleep(pause(failures))
                continue
            if outage_started is not None:
                logger.warning(
                    "Database reachable again after %.1f s", time.monotonic() - outage_started
                )
                outage_started = None
            failures = 0
            if polled:
                self.polled_at = timezone.now()

            if db_task_result is not None:
                self.run_task(db_task_result)
            elif self.batch and polled:
                logger.info("No more tasks to run for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Ran the maximum of %d tasks - exiting.", self._run_tasks)
                return
            close_old_connections()
            if self.running and db_task_result is None:
                time.sleep(self.interval)

    def claim_next(self) -> tuple[DBTaskResult | None, bool]:
        """The next ready task, claimed for this worker, and whether the queue could be read."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                db_task_result = tasks.get_locked()
                if db_task_result is not None:
                    db_task_result.claim(self.worker_id)
            except OperationalError as error:
                # SQLite: another process writes; it unlocks soon.
                if is_locked_database_exception(error):
                    return None, False
                raise
        return db_task_result, True

    # --- Running one task -------------------------------------------------------------------
    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except TRANSIENT_ERRORS as error:
            if len(db_task_result.worker_ids) >= self.max_attempts:
                self.fail(db_task_result, error)
            else:
                self.retry_later(db_task_result, error)
        except (SystemExit, KeyboardInterrupt):
            # Stopped by a second signal: the task did not fail, it runs again elsewhere.
            self.retry_later(db_task_result, None)
            raise
        except Exception as error:
            self.fail(db_task_result, error)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def retry_later(self, db_task_result: DBTaskResult, error: BaseException | None) -> None:
        attempt = len(db_task_result.worker_ids)
        delay = pause(attempt, first=5.0, longest=600.0) if error else 0.0
        logger.warning(
            "Task %s (%s) failed on run %d of %d, retrying in %.0f s: %r",
            db_task_result.id,
            db_task_result.task_path,
            attempt,
            self.max_attempts,
            delay,
            error,
        )
        # If the database is what failed, this raises too; the task stays RUNNING under this
        # worker and reclaim_orphans() queues it again once the database is back.
        DBTaskResult.objects.filter(pk=db_task_result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, run_after=timezone.now() + timedelta(seconds=delay)
        )

    def fail(self, db_task_result: DBTaskResult, error: BaseException) -> None:
        logger.error("Task %s (%s) failed: %r", db_task_result.id, db_task_result.task_path, error)
        db_task_result.set_failed(error)
        try:
            sender = type(db_task_result.task.get_backend())
        except ImportError:
            return
        task_finished.send(sender=sender, task_result=db_task_result.task_result)

    # --- Leases -----------------------------------------------------------------------------
    def reclaim_orphans(self) -> None:
        """Queue again the tasks left RUNNING by a worker that stopped, this one included: this
        worker runs one task at a time, and none while it is here."""
        now = time.monotonic()
        if now - self.last_reclaim < max(1.0, self.lease / 3):
            return
        alive = set(Heartbeat.objects.alive(self.lease).values_list("pk", flat=True))
        alive.discard(self.worker_id)
        lease_start = timezone.now() - timedelta(seconds=self.lease)
        running = DBTaskResult.objects.running().filter(backend_name=self.backend_name)
        for task in running.only("id", "task_path", "worker_ids", "started_at"):
            owner = task.worker_ids[-1] if task.worker_ids else None
            if owner in alive or (owner != self.worker_id and task.started_at > lease_start):
                continue
            self.requeue_orphan(task, owner)
        Heartbeat.objects.filter(seen_at__lt=timezone.now() - FORGET_AFTER).delete()
        self.last_reclaim = now

    def requeue_orphan(self, task: DBTaskResult, owner: str | None) -> None:
        same_run = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        runs = len(task.worker_ids)
        if runs >= self.max_attempts:
            error = WorkerLostError(f"Its worker stopped while running it, {runs} times")
            task.set_failed(error)
            logger.error("Task %s (%s) failed: %s", task.id, task.task_path, error)
            return
        if same_run.update(status=TaskResultStatus.READY, run_after=timezone.now()):
            logger.warning(
                "Task %s (%s) was left running by worker %s; queued again (run %d of %d next)",
                task.id,
                task.task_path,
                owner,
                runs + 1,
                self.max_attempts,
            )

    # --- Heartbeat --------------------------------------------------------------------------
    def register(self) -> None:
        now = timezone.now()
        Heartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "seen_at": now,
                "polled_at": self.polled_at,
            },
            create_defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": now,
                "seen_at": now,
                "polled_at": self.polled_at,
            },
        )
        self.registered = True

    def beat_until_stopped(self) -> None:
        """In its own thread (and database connection): alive while the process is."""
        while not self.stopped.wait(self.heartbeat):
            try:
                if self.registered:
                    updated = Heartbeat.objects.filter(pk=self.worker_id).update(
                        seen_at=timezone.now(), polled_at=self.polled_at
                    )
                    self.registered = bool(updated)
            except DatabaseError:
                db_connection.close()
        db_connection.close()

    def unregister(self) -> None:
        try:
            Heartbeat.objects.filter(pk=self.worker_id).delete()
        except DatabaseError:
            logger.warning("Could not remove the heartbeat of worker %s", self.worker_id)
