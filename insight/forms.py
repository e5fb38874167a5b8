from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import Theme


def theme_choices():
    """Focus areas, each followed by its themes (one query)."""
    choices = [("", _("Choose a theme"))]
    areas = Theme.objects.focus_areas().prefetch_related("children")
    for area in areas:
        choices.append(
            (
                area.label,
                [(area.slug, gettext("All of %(area)s") % {"area": area.label})]
                + [(child.slug, child.label) for child in area.children.all()],
            )
        )
    return choices


class PairForm(forms.Form):
    a = forms.ChoiceField(label=_("First theme"))
    b = forms.ChoiceField(label=_("Second theme"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = theme_choices()
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Choose two different themes."))
        return data

    def themes(self) -> tuple[Theme, Theme] | None:
        if not self.is_valid():
            return None
        found = Theme.objects.in_bulk(
            [self.cleaned_data["a"], self.cleaned_data["b"]], field_name="slug"
        )
        return found[self.cleaned_data["a"]], found[self.cleaned_data["b"]]
