import django_filters
from django.utils.translation import gettext_lazy as _

from .models import MessageReport


class MessageReportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=MessageReport.Status.choices, empty_label=_("Any status"), label=_("Status")
    )

    class Meta:
        model = MessageReport
        fields = ["status"]
