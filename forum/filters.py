import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Institute, User
from core.widgets import ChoiceList
from directory.forms import AreaThemeField, TermChoiceField

from .forms import thread_vocabulary_models
from .models import Category, Practice, Report, Thread


def _expand(model, values):
    """A broader term matches its narrower ones (the directory's ``expand``, when it has one)."""
    manager = model.objects
    return manager.expand(values) if hasattr(manager, "expand") else values


class VocabularyFilterMixin:
    """Theme, region and SDG filters, added once the directory's vocabularies exist: one choice
    each, or with ``vocabulary_multiple`` a searchable checkbox list (``core.widgets.ChoiceList``)
    whose several values are alternatives (OR), as in the directory."""

    vocabulary_paths: dict = {}
    vocabulary_multiple = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        models = thread_vocabulary_models()
        labels = {"themes": _("Theme"), "regions": _("Region"), "sdgs": _("SDG")}
        for name, path in self.vocabulary_paths.items():
            model = models.get(name)
            if model is None:
                continue
            if self.vocabulary_multiple:
                self.filters[name[:-1]] = _multiple_filter(
                    model, name, labels[name], self._vocabulary_method(model, path)
                )
                continue
            self.filters[name[:-1]] = django_filters.ModelChoiceFilter(
                queryset=model.objects.all(),
                label=labels[name],
                empty_label=_("Any"),
                method=self._vocabulary_method(model, path),
            )

    def _vocabulary_method(self, model, path):
        if path is None:
            return getattr(self, f"filter_{model._meta.model_name}")

        def method(queryset, name, value):
            if not value:
                return queryset
            values = list(value) if self.vocabulary_multiple else [value]
            return queryset.filter(**{f"{path}__in": _expand(model, values)}).distinct()

        return method


def _multiple_filter(model, name, label, method):
    """A vocabulary as checkboxes; themes under their focus areas, no Antarctica as a region
    (the forms' ``forum.forms.vocabulary_field``)."""
    queryset = model.objects.all()
    if name == "regions":
        queryset = queryset.exclude(code="010")
    field_class = AreaThemeField if name == "themes" else TermChoiceField
    filter_class = type(
        "TermsFilter", (django_filters.ModelMultipleChoiceFilter,), {"field_class": field_class}
    )
    return filter_class(queryset=queryset, label=label, method=method, widget=ChoiceList)


class PracticeFilter(VocabularyFilterMixin, django_filters.FilterSet):
    """The Good practices library: several values of one filter are alternatives (OR), the
    filters together all apply (AND)."""

    vocabulary_paths = {"themes": "thread__themes", "regions": None, "sdgs": "sdgs"}
    vocabulary_multiple = True
    institute = django_filters.ModelMultipleChoiceFilter(
        queryset=Institute.objects.all(), label=_("Institute"), widget=ChoiceList
    )
    featured = django_filters.BooleanFilter(
        label=_("Featured only"),
        # A checkbox: "Featured only" is on or off, never "Unknown" (a three-way select).
        widget=forms.CheckboxInput(attrs={"value": "true"}),
        method="only_featured",
    )

    class Meta:
        model = Practice
        fields = ["institute"]

    def filter_region(self, queryset, name, value):
        """A region matches practices tagged with it or below it, or placed in its countries."""
        if not value:
            return queryset
        regions = list(value)
        region_model = type(regions[0])
        ids = region_model.objects.expand_ids(regions)
        return queryset.filter(
            Q(thread__regions__in=ids)
            | Q(country__subregion_id__in=ids)
            | Q(country__groups__in=ids)
        ).distinct()

    def only_featured(self, queryset, name, value):
        return queryset.filter(featured=True) if value else queryset


class ReportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Report.Status.choices, empty_label=_("Any status"), label=_("Report status")
    )

    class Meta:
        model = Report
        fields = ["status"]


class ReviewFilter(django_filters.FilterSet):
    AWAITING = "awaiting"
    status = django_filters.ChoiceFilter(
        choices=[(AWAITING, _("Awaiting review")), *Practice.Status.choices],
        empty_label=_("Any status"),
        label=_("Practice status"),
        method="by_status",
    )

    class Meta:
        model = Practice
        fields = ["status"]

    def by_status(self, queryset, name, value):
        if value == self.AWAITING:
            return queryset.awaiting_review()
        return queryset.filter(status=value) if value else queryset


class SearchFilter(VocabularyFilterMixin, django_filters.FilterSet):
    vocabulary_paths = {"themes": "thread__themes"}
    category = django_filters.ModelChoiceFilter(
        field_name="thread__category",
        queryset=Category.objects.all(),
        empty_label=_("Any category"),
        label=_("Category"),
    )
    kind = django_filters.ChoiceFilter(
        field_name="thread__kind",
        choices=Thread.Kind.choices,
        empty_label=_("Any kind"),
        label=_("Kind"),
    )
    author = django_filters.ModelChoiceFilter(
        queryset=User.objects.members(), empty_label=_("Anyone"), label=_("Author")
    )
