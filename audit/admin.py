"""The Django admin and the audit log: ``AuditedAdmin`` makes every addition, change and deletion
through the admin one entry of the one audit log, in the admin's transaction, besides Django's
own admin history. Every ModelAdmin of the product uses it (``tests/audit/test_admin.py`` checks
that each registered one does)."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from .actions import record
from .models import Action, Entry


def _member_of(obj):
    """The person an edited row is about: the user edited, or the row's ``user``."""
    user_model = get_user_model()
    if isinstance(obj, user_model):
        return obj
    user = getattr(obj, "user", None)
    return user if isinstance(user, user_model) else None


class AuditedAdmin(admin.ModelAdmin):
    def _record(self, request, action, obj, details=""):
        record(request.user, action, target=obj, member=_member_of(obj), details=details)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._record(request, Action.ADMIN_ADD, obj, entry.get_change_message())
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._record(request, Action.ADMIN_CHANGE, obj, entry.get_change_message())
        return entry

    def log_deletions(self, request, queryset):
        # Called before the rows go: each is recorded with its label while it still has one.
        for obj in queryset:
            self._record(request, Action.ADMIN_DELETE, obj)
        return super().log_deletions(request, queryset)


def audited(admin_class: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    """A third party's ModelAdmin (Django's groups, allauth's social applications) with the
    audit mixed in, to register in its place."""
    return type(admin_class.__name__, (AuditedAdmin, admin_class), {})


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Read only: the log is written by the apps' actions, never edited."""

    list_display = ["created", "actor", "action", "member", "target_label", "reason"]
    list_filter = ["area", "action"]
    search_fields = ["reason", "details", "target_label"]
    list_select_related = ["actor", "member"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
