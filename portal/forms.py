import re
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Institute, User
from core.content_language import LanguageChoiceField
from core.text import validate_display_text
from directory.forms import GroupedThemeField, TermChoiceField
from directory.models import SDG, Country, Region, Theme
from directory.orcid import normalize_doi

from .models import Event, Output, StakeholderSubscription, Status
from .pdf import validate_pdf
from .translations import check_translation, original_field, originals_for

MAX_AUTHORS = 50
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = [(name, name.replace("_", " ")) for name in sorted(available_timezones())]
    return [("", _("Choose the event's time zone")), *zones]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format=LOCAL_FORMAT)


class InstituteChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Institute.objects.all(), widget=forms.CheckboxSelectMultiple, **kwargs
        )

    def label_from_instance(self, obj):
        return f"{obj.acronym}: {obj.name}"


def https_by_default(field, **kwargs):
    """Form fields of the models' fields, web addresses typed without a scheme taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OutputForm(forms.ModelForm):
    language = LanguageChoiceField()
    translation_of = original_field()
    authors_text = forms.CharField(
        label=_("Authors"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line, in order. Write a member's email address to link their profile; "
            "anyone else by name."
        ),
    )
    institutes = InstituteChoiceField(label=_("Institutes"), required=False)
    themes = GroupedThemeField(label=_("Themes"), required=False)
    regions = TermChoiceField(label=_("Regions"), queryset=Region.objects.all(), required=False)
    countries = TermChoiceField(
        label=_("Countries"), queryset=Country.objects.all(), required=False
    )
    sdgs = forms.ModelMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        queryset=SDG.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Output
        formfield_callback = https_by_default
        fields = [
            "doi",
            "kind",
            "title",
            "language",
            "translation_of",
            "date",
            "venue",
            "abstract",
            "recommendations",
            "url",
            "pdf",
            "institutes",
            "themes",
            "regions",
            "countries",
            "sdgs",
        ]
        help_texts = {
            "doi": _(
                "Such as 10.1234/abc. With a DOI, “Fill in from Crossref” fills the empty fields "
                "below from the work's record; what you typed stays."
            )
        }
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "abstract": forms.Textarea(attrs={"rows": 8}),
            "recommendations": forms.Textarea(attrs={"rows": 5}),
            "pdf": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    RELATIONS = ("institutes", "themes", "regions", "countries", "sdgs")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["translation_of"].queryset = originals_for(self.instance)
        if self.instance.pk and not self.is_bound:
            self.initial["authors_text"] = "\n".join(
                author.member.email if author.member_id else author.name
                for author in self.instance.authors.select_related("member")
            )

    def clean_title(self):
        return validate_display_text(self.cleaned_data["title"], max_length=300)

    def clean_venue(self):
        venue = self.cleaned_data["venue"]
        return validate_display_text(venue, max_length=300) if venue.strip() else ""

    def clean_doi(self):
        doi = normalize_doi(self.cleaned_data["doi"])
        if doi and not DOI.match(doi):
            raise ValidationError(_("A DOI looks like 10.1234/abc."), code="doi")
        return doi

    def clean_pdf(self):
        pdf = self.cleaned_data.get("pdf")
        if pdf and hasattr(pdf, "content_type"):  # a new upload, not the stored file
            validate_pdf(pdf)
            pdf.name = "output.pdf"  # the storage gives it a random name; the suffix stays
        return pdf

    def clean_authors_text(self):
        lines = [line.strip() for line in self.cleaned_data["authors_text"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise ValidationError(_("Name at least one author."), code="required")
        if len(lines) > MAX_AUTHORS:
            raise ValidationError(
                _("At most %(count)d authors."), params={"count": MAX_AUTHORS}, code="too_many"
            )
        emails = {line.lower() for line in lines if "@" in line}
        members = {
            user.email.lower(): user for user in User.objects.members().filter(email__in=emails)
        }
        authors, unknown = [], []
        for line in lines:
            if "@" in line:
                member = members.get(line.lower())
                if member is None:
                    unknown.append(line)
                authors.append(member)
            else:
                authors.append(validate_display_text(line, max_length=200))
        if unknown:
            raise ValidationError(
                _("No member has the address %(emails)s: write the person's name instead."),
                params={"emails": ", ".join(unknown)},
                code="unknown_member",
            )
        return authors

    def clean(self):
        data = super().clean()
        if data.get("recommendations", "").strip() and data.get("kind") != Output.Kind.POLICY_BRIEF:
            self.add_error("recommendations", _("Only a policy brief lists recommendations."))
        check_translation(self, data.get("translation_of"), data.get("language"))
        return data

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.RELATIONS}


class EventForm(forms.ModelForm):
    language = LanguageChoiceField()
    start = forms.DateTimeField(
        label=_("Starts"),
        input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"],
        widget=LocalDateTimeInput(),
    )
    end = forms.DateTimeField(
        label=_("Ends"), input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"], widget=LocalDateTimeInput()
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        help_text=_("Start and end are the local time of this zone."),
    )
    institutes = InstituteChoiceField(label=_("Organising institutes"), required=False)
    themes = GroupedThemeField(label=_("Themes"), required=False)

    class Meta:
        model = Event
        formfield_callback = https_by_default
        fields = [
            "kind",
            "title",
            "language",
            "start",
            "end",
            "time_zone",
            "place",
            "online_url",
            "description",
            "registration_url",
            "capacity",
            "institutes",
            "themes",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    RELATIONS = ("institutes", "themes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["start"] = self.instance.local_start.replace(tzinfo=None)
            self.initial["end"] = self.instance.local_end.replace(tzinfo=None)

    def clean_title(self):
        return validate_display_text(self.cleaned_data["title"], max_length=300)

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        start, end = data.get("start"), data.get("end")
        if zone_name and start and end:
            zone = ZoneInfo(zone_name)
            data["start"] = _in_zone(start, zone)
            data["end"] = _in_zone(end, zone)
            self.instance.start, self.instance.end = data["start"], data["end"]
            if data["end"] < data["start"]:
                self.add_error("end", _("The event cannot end before it starts."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place, an online link, or both."))
        if data.get("registration_url") and data.get("capacity") is not None:
            self.add_error(
                "capacity",
                _("Either register here (with places) or give a registration link, not both."),
            )
        if data.get("capacity") == 0:
            self.add_error("capacity", _("An event registered here has at least one place."))
        return data

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.RELATIONS}


def _in_zone(value: datetime, zone: ZoneInfo) -> datetime:
    """The wall-clock time the form read, as a moment in the event's zone."""
    return value.replace(tzinfo=None).replace(tzinfo=zone)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email address"), max_length=254)

    def clean_name(self):
        return validate_display_text(self.cleaned_data["name"], max_length=200)


class ReviewForm(forms.Form):
    DECISIONS = [
        (Status.PUBLISHED, _("Publish")),
        (Status.DECLINED, _("Decline")),
        (Status.DRAFT, _("Send back to draft")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when declining: the member reads it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Status.DECLINED and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why, for the member who submitted it."))
        return data


class SubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    topic = forms.ChoiceField(
        label=_("Send me"),
        choices=StakeholderSubscription.Topic.choices,
        widget=forms.RadioSelect,
        initial=StakeholderSubscription.Topic.BRIEFS,
    )
    theme = forms.ModelChoiceField(
        label=_("Only on this theme"),
        queryset=Theme.objects.select_related("parent"),
        required=False,
        empty_label=_("Any theme"),
    )
    region = forms.ModelChoiceField(
        label=_("Only about this region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Any region"),
        help_text=_("For research outputs and briefs; events are chosen by theme."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].label_from_instance = lambda theme: (
            theme.label if theme.is_focus_area else f"{theme.parent.label}: {theme.label}"
        )
        self.fields["region"].label_from_instance = lambda region: region.label

    def clean(self):
        data = super().clean()
        if data.get("topic") == StakeholderSubscription.Topic.EVENTS and data.get("region"):
            self.add_error("region", _("Events are chosen by theme only; leave the region empty."))
        return data


class ContactForm(forms.Form):
    """A visitor's message to the network. ``website`` is a trap: people never see it (it is
    off screen and out of the tab order), form-filling robots do, and fill it."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The coordinators answer to this address; it is not shown anywhere."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_name(self):
        return validate_display_text(self.cleaned_data["name"], max_length=200)

    def clean_subject(self):
        return validate_display_text(self.cleaned_data["subject"], max_length=200)

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise ValidationError(_("Enter some visible text."), code="blank")
        return message

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


PREFILLED = ("kind", "title", "date", "venue", "abstract", "authors_text")


def prefill_from(data, found: dict) -> tuple[dict, list[str]]:
    """``data`` (what the member typed) with its empty fields filled from ``found`` (a Crossref
    work), as a form's initial values; and the labels of the fields it filled."""
    initial = {
        key: data.getlist(key) if len(data.getlist(key)) > 1 else data.get(key) for key in data
    }
    for name in OutputForm.RELATIONS:
        initial[name] = data.getlist(name)
    values = {
        **{key: found[key] for key in ("kind", "title", "venue", "abstract") if key in found},
        "date": found["date"].isoformat() if "date" in found else None,
        "authors_text": "\n".join(found.get("authors", [])),
    }
    filled = []
    for name in PREFILLED:
        if values.get(name) and not str(initial.get(name) or "").strip():
            initial[name] = values[name]
            filled.append(str(OutputForm.base_fields[name].label or name))
    return initial, filled
