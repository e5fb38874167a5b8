from datetime import timedelta

from django.db import models
from django.utils import timezone


class HeartbeatQuerySet(models.QuerySet):
    def alive(self, lease: float):
        """Workers whose process showed a sign of life within ``lease`` seconds."""
        return self.filter(seen_at__gte=timezone.now() - timedelta(seconds=lease))

    def polling(self, within: float):
        """Workers whose loop looked for tasks within ``within`` seconds."""
        return self.filter(polled_at__gte=timezone.now() - timedelta(seconds=within))


class Heartbeat(models.Model):
    """One running worker process. A thread refreshes ``seen_at`` while the process lives (the
    lease on the tasks it runs); the loop records ``polled_at`` each time it looks for tasks."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    polled_at = models.DateTimeField(default=timezone.now)

    objects = HeartbeatQuerySet.as_manager()

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"
