"""Insight pages read precomputed results, never the whole network per request.

Each page's result for an audience (``insight.audiences``) is kept in the shared cache by
``core.freshness.kept`` under version tokens: the directory's (renewed on every profile change,
``directory.filters.DATA_VERSION_KEY``) and insight's own (renewed when a publication, an
initiative, its participants or a portal output changes: ``insight.receivers``). A change
renews a token and, once it commits, enqueues ``insight.tasks.refresh``, which computes the
results under the new tokens in the worker; pages then find them there. A page that comes
before the task finishes (or with the cache down) computes the result itself. The
vocabularies' token is in the key too: the results carry the themes' names and order.
"""

from django.conf import settings

from core import freshness
from directory import filter_options
from directory.filters import DATA_VERSION_KEY

from . import audiences, bridges, collaboration, regions, sdgs

VERSION_KEY = "insight:data-version"
SECONDS = 24 * 60 * 60
# At most one refresh waits in the queue at a time: a burst of edits is one recomputation.
QUEUED_KEY = "insight:refresh-queued"
KINDS = {
    "bridges": bridges.compute,
    "collaboration": collaboration.compute,
    "sdgs": sdgs.compute,
    "regions": regions.compute,
}


def _key(kind: str, audience: str) -> str:
    versions = ":".join(
        freshness.current(DATA_VERSION_KEY, VERSION_KEY, filter_options.VERSION_KEY)
    )
    return f"insight:{kind}:{audience}:{versions}"


def result(kind: str, audience: str):
    """The kept result of ``kind`` for ``audience``, computed now only when it is missing."""
    return freshness.kept(lambda: _key(kind, audience), lambda: KINDS[kind](audience), SECONDS)


def fragment_key(kind: str, audience: str) -> str:
    """What a page's kept HTML (``{% cache %}`` in the insight templates) depends on: the same
    version tokens as the result it is made from, so that a change renders it anew."""
    return _key(kind, audience)


def refresh_all() -> None:
    """What the task does: every result for every audience under the current tokens."""
    for kind in KINDS:
        for audience in audiences.AUDIENCES:
            result(kind, audience)


def runs_elsewhere() -> bool:
    """Whether tasks run in a worker. With the immediate backend (the embedded default) a task
    would run inside the request that changed the data; the first page to need a result
    computes it instead, which is the same work done once."""
    backend = settings.TASKS["default"]["BACKEND"]
    return not backend.endswith("ImmediateBackend")
