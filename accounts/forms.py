from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.webauthn.forms import AddWebAuthnForm
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import validate_display_text

from .models import Application, Institute

DISPLAY_NAME_MAX = 120


class DisplayNameField(forms.CharField):
    """A name people see: visible characters only, no control or reordering characters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Display name"))
        kwargs.setdefault("help_text", _("How colleagues will see you, e.g. “Amina Haddad”."))
        # No max_length on the widget: a too-long paste gets a clear error, not a silent cut.
        super().__init__(strip=True, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return validate_display_text(value, max_length=DISPLAY_NAME_MAX)


class SignupForm(AllauthSignupForm):
    display_name = DisplayNameField()

    field_order = ["display_name", "email", "password1", "password2"]


class SocialSignupForm(AllauthSocialSignupForm):
    """Shown after ORCID sign-in when allauth still needs an address (ORCID rarely shares one)."""

    display_name = DisplayNameField()

    field_order = ["display_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("display_name", self.sociallogin.user.display_name)

    def save(self, request):
        self.sociallogin.user.display_name = self.cleaned_data["display_name"]
        return super().save(request)


class ApplicationForm(forms.ModelForm):
    affiliation = forms.CharField(
        label=_("Affiliation"),
        help_text=_("Your university, institute or organisation, and your position."),
    )
    statement = forms.CharField(
        label=_("Why you would like to join"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences on your research on migration (up to 2,000 characters)."),
    )

    class Meta:
        model = Application
        fields = ["affiliation", "institute", "statement"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institute"].queryset = Institute.objects.filter(is_member=True)
        self.fields["institute"].required = False
        self.fields["institute"].empty_label = _("None of them")

    def clean_affiliation(self):
        return validate_display_text(self.cleaned_data["affiliation"], max_length=200)

    def clean_statement(self):
        statement = self.cleaned_data["statement"].strip()
        if len(statement) > 2000:
            raise forms.ValidationError(
                _("Keep it to 2,000 characters (it has %(length)d).") % {"length": len(statement)}
            )
        if not statement:
            raise forms.ValidationError(_("Tell the moderators a little about your work."))
        return statement


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to decline; sent to the applicant."),
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the applicant a reason when you decline."))
        return data


class DeactivationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Recorded in the membership history, visible to moderators."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("A reason is required."))
        return reason


class AddPasskeyForm(AddWebAuthnForm):
    """allauth's form to add a WebAuthn key, ticked for signing in with it by default: the page
    is "Add a passkey"; unticked, the key serves only as the second step after a password."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "passwordless" in self.fields:
            self.fields["passwordless"].initial = True
