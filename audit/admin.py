from django.contrib import admin

from .models import Entry


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
