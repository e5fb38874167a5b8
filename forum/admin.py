from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import Category, Practice, Report, Thread


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    list_display = ["name", "slug", "order", "moderators_only"]
    prepopulated_fields = {"slug": ["name"]}


class ReadOnlyAdmin(AuditedAdmin):
    """Changes go through the forum's actions, so they are logged and notified."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["title", "category", "kind", "author", "last_activity", "pinned", "locked"]
    list_filter = ["kind", "category", "pinned", "locked", "is_deleted"]
    search_fields = ["title"]
    list_select_related = ["category", "author"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["post", "reporter", "status", "created"]
    list_filter = ["status"]
    search_fields = ["reason"]
    list_select_related = ["reporter"]


@admin.register(Practice)
class PracticeAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "featured", "curated_at"]
    list_filter = ["status", "featured"]
    search_fields = ["thread__title"]
    list_select_related = ["thread"]
