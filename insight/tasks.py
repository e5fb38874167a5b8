"""Background work of network insight (django-tasks: the worker in production)."""

from django.core.cache import cache
from django_tasks import task

from . import snapshot


@task()
def refresh() -> None:
    """Compute every insight result under the current version tokens (``insight.snapshot``)."""
    cache.delete(snapshot.QUEUED_KEY)  # a change from now on queues the next refresh
    snapshot.refresh_all()
