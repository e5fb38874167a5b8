from django.contrib import admin

from .models import Block, MessageReport


@admin.register(MessageReport)
class MessageReportAdmin(admin.ModelAdmin):
    list_display = ["message", "reporter", "status", "created"]
    list_filter = ["status"]
    raw_id_fields = ["message", "reporter", "resolved_by"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["blocker", "blocked", "created"]
    raw_id_fields = ["blocker", "blocked"]
