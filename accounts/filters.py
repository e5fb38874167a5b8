import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Application, Institute, User


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Application.Status.choices, empty_label=_("Any status"), label=_("Status")
    )

    class Meta:
        model = Application
        fields = ["status"]


class PeopleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or email"))
    status = django_filters.ChoiceFilter(
        choices=User.Status.choices, empty_label=_("Any status"), label=_("Status")
    )
    institute = django_filters.ModelChoiceFilter(
        queryset=Institute.objects.all(), empty_label=_("Any institute"), label=_("Institute")
    )

    class Meta:
        model = User
        fields = ["q", "status", "institute"]

    def search(self, queryset, name, value):
        return queryset.search(value)
