from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import Block, MessageReport


@admin.register(MessageReport)
class MessageReportAdmin(AuditedAdmin):
    list_display = ["message", "reporter", "status", "created"]
    list_filter = ["status"]
    raw_id_fields = ["message", "reporter", "resolved_by"]


@admin.register(Block)
class BlockAdmin(AuditedAdmin):
    list_display = ["blocker", "blocked", "created"]
    raw_id_fields = ["blocker", "blocked"]
