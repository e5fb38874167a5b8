from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import Event, Output, OutputAuthor, Registration


class OutputAuthorInline(admin.TabularInline):
    model = OutputAuthor
    raw_id_fields = ["member"]
    extra = 0


@admin.register(Output)
class OutputAdmin(AuditedAdmin):
    list_display = ["title", "kind", "date", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    raw_id_fields = ["submitted_by", "reviewed_by"]
    inlines = [OutputAuthorInline]
    readonly_fields = ["abstract_html"]


@admin.register(Event)
class EventAdmin(AuditedAdmin):
    list_display = ["title", "kind", "start", "time_zone", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    raw_id_fields = ["submitted_by", "reviewed_by"]
    readonly_fields = ["description_html"]


@admin.register(Registration)
class RegistrationAdmin(AuditedAdmin):
    list_display = ["email", "event", "status", "created"]
    list_filter = ["status"]
    raw_id_fields = ["event"]
