import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Action, Area, Entry


class EntryFilter(django_filters.FilterSet):
    """The audit log narrowed by area, act, who, on whom or what, and dates."""

    area = django_filters.ChoiceFilter(
        choices=Area.choices, empty_label=_("Any area"), label=_("Area")
    )
    action = django_filters.ChoiceFilter(
        choices=Action.choices, empty_label=_("Any act"), label=_("What")
    )
    actor = django_filters.CharFilter(method="by_actor", label=_("Who"))
    subject = django_filters.CharFilter(method="by_subject", label=_("On whom or what"))
    since = django_filters.DateFilter(
        field_name="created",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="created",
        lookup_expr="date__lte",
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Entry
        fields = ["area", "action", "actor", "subject", "since", "until"]

    def by_actor(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(
            Q(actor__display_name__icontains=value) | Q(actor__email__icontains=value)
        )

    def by_subject(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(
            Q(member__display_name__icontains=value)
            | Q(member__email__icontains=value)
            | Q(target_label__icontains=value)
            | Q(details__icontains=value)
        )
