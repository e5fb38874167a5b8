from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds


class PreferencesForm(forms.Form):
    """One choice per kind of notification."""

    def __init__(self, *args, deliveries: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for name, kind in kinds.KINDS.items():
            self.fields[name] = forms.ChoiceField(
                label=kind.label,
                choices=kind.choices(),
                initial=deliveries[name],
                help_text=None if kind.emailable else _("Emailed separately when it happens."),
            )


class ShowFilter(forms.Form):
    show = forms.ChoiceField(choices=[("all", _("All")), ("unread", _("Unread"))], required=False)
