from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import Invitation


@admin.register(Invitation)
class InvitationAdmin(AuditedAdmin):
    """Read only: invitations are sent, resent and revoked from the moderation area."""

    list_display = ["email", "institute", "status", "invited_by", "sent_at", "expires_at"]
    list_filter = ["status", "institute"]
    search_fields = ["email", "name"]
    list_select_related = ["institute", "invited_by"]
    exclude = ["token"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
