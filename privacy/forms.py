from django import forms
from django.utils.translation import gettext_lazy as _


class DeletionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account, profile and everything of mine will be deleted."),
        error_messages={"required": _("Tick the box to confirm that you want this.")},
    )
