"""Permissions loaded in one query, and kept in the cache, instead of two queries per request.

Django's ``ModelBackend`` loads a user's own permissions and their groups' in two queries the
first time ``has_perm`` is asked (``User.is_moderator`` asks it on most pages). This backend,
listed first, loads both at once into the same per-user cache (``_perm_cache``), so the backends
after it find them loaded. It authenticates nobody: sessions keep the
backend they signed in with, and sign-in goes on to the backends after it (both
listed as before, so no session is ended by this one's arrival).

The set is also kept in the shared cache, and in the process's memory, under the user's
``permissions_version``, a column read with the user on every request, which every change to
what they hold moves on
(``accounts.receivers``). The truth stays in the database: a cache that missed a change (it was
down when the change was made) still holds only sets under versions no longer current. Being
active is checked on the user itself, being a superuser is part of the key.
"""

import secrets

from django.contrib.auth.models import Permission
from django.db.models import Q

from core import freshness

SECONDS = 24 * 3600
MEMORY = freshness.Memory(size=2000)  # the sets of the users this process served last


def key(user_obj) -> str:
    return (
        f"accounts:permissions:{user_obj.pk}:{user_obj.permissions_version}"
        f":{int(user_obj.is_superuser)}"
    )


def moved_on(users) -> None:
    """What ``users`` (a queryset of users) hold may have changed: their kept sets are old.
    A random version, not the next number: a transaction rolled back after a set was kept under
    its version would otherwise leave that set for the next change to find."""
    users.update(permissions_version=secrets.randbelow(2**31 - 2) + 1)


def _load(user_obj) -> set[str]:
    if user_obj.is_superuser:
        found = Permission.objects.all()
    else:
        found = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
    rows = found.values_list("content_type__app_label", "codename").order_by().distinct()
    return {f"{app}.{codename}" for app, codename in rows}


def _kept(user_obj) -> set[str]:
    """From this process's memory, else the shared cache, else the query (an unreachable cache
    means the query, as before). What is under a key never changes, so the process may keep it."""
    return freshness.kept(
        lambda: key(user_obj),
        lambda: frozenset(_load(user_obj)),  # shared by the requests of this process: unchangeable
        SECONDS,
        remember=True,
        into=MEMORY,
    )


class PermissionsInOneQueryBackend:
    """No ``get_user`` on purpose: Django's test client and allauth pick the first backend that
    has one for a session, and this one must never be it."""

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = _kept(user_obj)
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)
