"""A database that cannot be reached answers 503 with Retry-After, logged once per outage.

Django turns an error raised anywhere in a request (view, middleware, context processor) into
the ``handler500`` page and logs its traceback. For errors that say the database is out of
reach (refused or dropped connections, a server shutting down or starting, no pooled connection
free in time, SQLite's file locked) ``answer()`` gives instead a 503 page rendered without the
database, with ``Retry-After``, and the outage is logged once per process: one line when the
first request meets it, one when a connection is made again. Other database errors (a bug, such
as a missing table) stay 500s with their traceback.
"""

import logging
import threading
import time

from django.db import Error, InterfaceError, OperationalError
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
RETRY_AFTER = 15  # seconds: how long a client is asked to wait before trying again

# SQLSTATEs of a server that is not there to answer: connection exceptions (class 08), an
# operator or crash shutdown, a server starting up, too many connections.
OUT_OF_REACH_STATES = {"57P01", "57P02", "57P03", "53300"}
SQLITE_OUT_OF_REACH = ("database is locked", "unable to open database file", "disk i/o error")

_lock = threading.Lock()
_down_since: float | None = None


def is_outage(error: BaseException | None) -> bool:
    """Whether ``error`` says the database is out of reach, rather than a query being wrong."""
    if not isinstance(error, Error):  # Django's wrapper of every database driver's errors
        return False
    cause = error.__cause__ or error
    module = type(cause).__module__ or ""
    if module.startswith("psycopg_pool"):  # PoolTimeout, PoolClosed: no connection to lend
        return True
    if module.startswith("psycopg"):
        state = getattr(cause, "sqlstate", None)
        if state is None:  # no server answered: refused, reset, closed, timed out
            return isinstance(error, OperationalError | InterfaceError)
        return state.startswith("08") or state in OUT_OF_REACH_STATES
    if module.startswith("sqlite3"):
        return isinstance(error, OperationalError) and str(cause).lower().startswith(
            SQLITE_OUT_OF_REACH
        )
    return isinstance(error, InterfaceError)


def noticed(error: BaseException) -> None:
    """Log the start of an outage, once, however many requests meet it."""
    global _down_since
    with _lock:
        if _down_since is not None:
            return
        _down_since = time.monotonic()
    logger.error(
        "Database unreachable: %s. Answering 503 until a connection succeeds "
        "(logged once per outage).",
        str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
    )


def _reconnected(sender, connection, **kwargs) -> None:
    global _down_since
    if _down_since is None:  # the usual case: one comparison per connection
        return
    with _lock:
        since, _down_since = _down_since, None
    if since is not None:
        logger.warning("Database reachable again after %.0f s.", time.monotonic() - since)


connection_created.connect(_reconnected, dispatch_uid="core.outage.reconnected")


def in_outage() -> bool:
    return _down_since is not None


def unavailable() -> HttpResponse:
    # No request context: the context processors read the database.
    response = HttpResponse(render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    # Django logs the traceback of every error answered by handler500; the outage is logged
    # once by noticed() instead.
    response._has_been_logged = True
    return response


def answer(request: HttpRequest, error: BaseException | None) -> HttpResponse | None:
    """The 503 for a request that met a database outage; ``None`` for any other error."""
    if not is_outage(error):
        return None
    noticed(error)
    return unavailable()
