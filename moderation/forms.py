from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.administration import clean_domain
from accounts.models import Institute


class InstituteForm(forms.ModelForm):
    domain = forms.CharField(
        label=_("Email domain"),
        required=False,
        max_length=253,
        help_text=_("Verified addresses at this domain (or below it) join as members at once."),
    )

    class Meta:
        model = Institute
        fields = ["name", "acronym", "city", "country", "website", "is_member"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["domain"]  # an existing institute's domains are managed below

    def clean_domain(self):
        domain = self.cleaned_data["domain"]
        return clean_domain(domain) if domain.strip() else ""


class DomainForm(forms.Form):
    domain = forms.CharField(label=_("New email domain"), max_length=253)

    def __init__(self, *args, institute=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.institute = institute

    def clean_domain(self):
        return clean_domain(self.cleaned_data["domain"], institute=self.institute)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the audit log."),
    )


def _institutes():
    return Institute.objects.filter(is_member=True)


class InviteForm(forms.Form):
    addresses = forms.CharField(
        label=_("Email addresses"),
        max_length=40_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One address, or a list: one a line or separated by commas. "
            "“Ana Lima &lt;ana@example.org&gt;” gives the name too."
        ),
    )
    institute = forms.ModelChoiceField(
        label=_("Pre-approved for an institute"),
        queryset=Institute.objects.none(),
        required=False,
        empty_label=_("No institute"),
        help_text=_("Optional: the invitees join as members of this institute."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        required=False,  # left out: the moderator's own language
        help_text=_("The email, and the sign-up page it leads to, are in this language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institute"].queryset = _institutes()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Researcher list (CSV)"),
        required=False,
        help_text=_("A column named “email” (and optionally “name”), or one address a row."),
    )
    content = forms.CharField(required=False, widget=forms.Textarea(attrs={"hidden": True}))
    institute = forms.ModelChoiceField(
        label=_("Pre-approved for an institute"),
        queryset=Institute.objects.none(),
        required=False,
        empty_label=_("No institute"),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        required=False,  # left out: the moderator's own language
        help_text=_("The email, and the sign-up page it leads to, are in this language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institute"].queryset = _institutes()

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("content"):
            raise forms.ValidationError(_("Choose the CSV file to import."))
        return data
