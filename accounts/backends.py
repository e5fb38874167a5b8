"""Permissions loaded in one query per request instead of two.

Django's ``ModelBackend`` loads a user's own permissions and their groups' in two queries the
first time ``has_perm`` is asked (``User.is_moderator`` asks it on most pages). This backend,
listed first, loads both at once into the same per-user cache (``_perm_cache``), so the backends
after it find them loaded. It authenticates nobody: sessions keep the
backend they signed in with, and sign-in goes on to the backends after it (both
listed as before, so no session is ended by this one's arrival).
"""

from django.contrib.auth.models import Permission
from django.db.models import Q


class PermissionsInOneQueryBackend:
    """No ``get_user`` on purpose: Django's test client and allauth pick the first backend that
    has one for a session, and this one must never be it."""

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                found = Permission.objects.all()
            else:
                found = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            rows = found.values_list("content_type__app_label", "codename").order_by().distinct()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in rows}
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)
