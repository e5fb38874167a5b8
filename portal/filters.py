"""The public list of outputs, narrowed by type, theme, region, institute, year and words."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Institute
from directory.models import Country, Region, Theme

from .models import Output

MAX_QUERY = 200


class OutputFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Words"), method="filter_words", max_length=MAX_QUERY)
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Output.Kind.choices, empty_label=_("Any")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        empty_label=_("Any"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_theme",
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        empty_label=_("Any"),
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
    )
    institute = django_filters.ModelChoiceFilter(
        label=_("Institute"),
        empty_label=_("Any"),
        queryset=Institute.objects.all(),
        field_name="institutes",
        to_field_name="acronym",
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="date", lookup_expr="year", min_value=1900, max_value=2999
    )

    class Meta:
        model = Output
        fields = ["q", "kind", "theme", "region", "institute", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("theme", "region"):
            self.filters[name].field.label_from_instance = lambda obj: obj.label
        self.form.fields["q"].widget = forms.TextInput(attrs={"type": "search"})

    def filter_words(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(abstract__icontains=word))
        return queryset

    def filter_theme(self, queryset, name, value):
        themes = Theme.objects.expand([value])
        return queryset.filter(
            pk__in=Output.themes.through.objects.filter(theme__in=themes).values("output_id")
        )

    def filter_region(self, queryset, name, value):
        regions = Region.objects.expand_ids([value])
        countries = Country.objects.in_regions([value])
        return queryset.filter(
            Q(
                pk__in=Output.regions.through.objects.filter(region_id__in=regions).values(
                    "output_id"
                )
            )
            | Q(
                pk__in=Output.countries.through.objects.filter(country__in=countries).values(
                    "output_id"
                )
            )
        )
