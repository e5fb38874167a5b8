from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin):
    list_display = ["created", "recipient", "kind", "summary", "delivery", "read_at"]
    list_filter = ["kind", "delivery"]
    search_fields = ["recipient__email", "summary"]
    raw_id_fields = ["recipient", "actor"]
    readonly_fields = ["created", "email_sent_at"]
    list_select_related = ["recipient"]


@admin.register(Preference)
class PreferenceAdmin(AuditedAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
