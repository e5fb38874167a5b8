"""The filters of the moderation area's own lists (invitations, institutes)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Institute
from invitations.models import Invitation


class InvitationFilter(django_filters.FilterSet):
    """Pending means still usable; a pending invitation past its date is expired."""

    EXPIRED = "expired"
    status = django_filters.ChoiceFilter(
        choices=[*Invitation.Status.choices, (EXPIRED, _("Expired"))],
        empty_label=_("Any status"),
        label=_("Status"),
        method="by_status",
    )
    q = django_filters.CharFilter(method="search", label=_("Name or email"))

    class Meta:
        model = Invitation
        fields = ["status", "q"]

    def by_status(self, queryset, name, value):
        now = timezone.now()
        if value == self.EXPIRED:
            return queryset.pending().filter(expires_at__lte=now)
        if value == Invitation.Status.PENDING:
            return queryset.pending().filter(expires_at__gt=now)
        return queryset.filter(status=value)

    def search(self, queryset, name, value):
        return queryset.filter(Q(email__icontains=value) | Q(name__icontains=value))


class InstituteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or acronym"))

    class Meta:
        model = Institute
        fields = ["q"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))
