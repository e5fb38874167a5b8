from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import Theme


def theme_choices(themes: dict[int, tuple[str, str, int | None]]):
    """Focus areas, each followed by its themes, from the kept ``{id: (name, slug, parent)}``
    (in the vocabulary's order): no query."""
    children: dict[int, list] = {}
    for name, slug, parent in themes.values():
        if parent is not None:
            children.setdefault(parent, []).append((slug, gettext(name)))
    choices = [("", _("Choose a theme"))]
    for pk, (name, slug, parent) in themes.items():
        if parent is None:
            label = gettext(name)
            choices.append(
                (
                    label,
                    [(slug, gettext("All of %(area)s") % {"area": label}), *children.get(pk, [])],
                )
            )
    return choices


class PairForm(forms.Form):
    a = forms.ChoiceField(label=_("First theme"))
    b = forms.ChoiceField(label=_("Second theme"))

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        choices = theme_choices(themes)
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


class RegionPairForm(forms.Form):
    """Two regions side by side, chosen among the kept ``regions.Place`` list (no query)."""

    a = forms.ChoiceField(label=_("First region"))
    b = forms.ChoiceField(label=_("Second region"))

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a region"))] + [(p.code, gettext(p.name)) for p in places]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Choose two different regions."))
        return data
