"""Tasks for the worker tests."""

from django_tasks import task


@task(takes_context=True)
def flaky(context, failures: int) -> int:
    """Fails with a transient error on its first ``failures`` runs; returns the run that passed."""
    if context.attempt <= failures:
        raise ConnectionRefusedError("the mail server is not answering")
    return context.attempt


@task()
def broken() -> None:
    raise ValueError("a bug, not a bad day")
