"""Who may read a thread, in the terms the thread models share.

``Reach`` names the readers of a thread in some state; ``holds`` tests a ``Q`` of plain equalities
against one loaded object, so a condition written once for SQL also answers for one thread. The
states themselves, and the rule built from them, are in ``threads`` (``THREAD_STATES``,
``reading_condition``).
"""

import enum

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q


class Reach(enum.Enum):
    """Who may read a thread. Moderators read every thread; a thread's state (``THREAD_STATES``)
    narrows who else does. Only active members ever read."""

    MEMBERS = "every member"
    AUTHOR = "its author"
    PARTICIPANTS = "its workspace's members"
    MODERATORS = "moderators only"

    @property
    def named_reader(self) -> str | None:
        """The thread's field naming the one member this reach lets in besides moderators."""
        return "author_id" if self is Reach.AUTHOR else None

    @property
    def named_group(self) -> str | None:
        """The thread's field naming the workspace whose members this reach lets in besides
        moderators (``Workspace.objects.of_member``, ``Workspace.members``)."""
        return "workspace" if self is Reach.PARTICIPANTS else None


def holds(condition: Q, obj) -> bool:
    """Whether ``obj`` meets ``condition``, a ``Q`` of plain equalities (``field`` or
    ``relation__field``), as the database would say; a missing related row meets nothing.
    Conditions are read left to right and stop early, so a cheap field first saves a query."""
    results = (
        holds(child, obj) if isinstance(child, Q) else _equals(obj, *child)
        for child in condition.children
    )
    met = all(results) if condition.connector == Q.AND else any(results)
    return met != condition.negated


def _equals(obj, lookup: str, expected) -> bool:
    *path, last = lookup.split("__")
    if last == "in":  # a list or a query of values, asked once per condition
        *path, last = path
        return _follow(obj, path, last) in expected
    if last == "exact":
        *path, last = path
    return _follow(obj, path, last) == expected


def _follow(obj, path, last):
    for name in path:
        try:
            obj = getattr(obj, name)
        except ObjectDoesNotExist:
            return _MISSING
        if obj is None:
            return _MISSING
    return getattr(obj, last)


class _Missing:
    """What a missing related row holds: equal to nothing, in nothing."""

    def __eq__(self, other):
        return False

    __hash__ = object.__hash__


_MISSING = _Missing()
