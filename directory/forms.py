from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.content_language import LanguageChoiceField, default_for
from core.text import strip_invisible, validate_display_text
from core.widgets import ChoiceList

from .dimensions import FLAGS
from .models import Country, Keyword, Language, Method, Profile, Publication, Region, Theme
from .orcid import normalize_doi, normalize_orcid
from .photos import process_photo

MAX_BIOGRAPHY = 10_000
MAX_LINKS = 5


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class GroupedThemeField(TermChoiceField):
    """Leaf themes, grouped under their focus area in the widget."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Theme.objects.leaves().select_related("parent"),
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class ProfileForm(forms.ModelForm):
    orcid = forms.CharField(
        label=_("ORCID iD"),
        max_length=60,
        required=False,
        help_text=_("e.g. 0000-0002-1825-0097; the orcid.org address works too."),
    )
    themes = GroupedThemeField(label=_("Themes"), required=False)
    keyword_text = forms.CharField(
        label=_("Other keywords"),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas. New keywords appear once a moderator has approved them."),
    )
    methods = TermChoiceField(Method.objects.all(), widget=ChoiceList, required=False)
    regions = TermChoiceField(
        Region.objects.exclude(code="010"),
        widget=ChoiceList,
        required=False,
        label=_("Regions of focus"),
    )
    # Antarctica (AQ) is in the ISO list, but nobody's research focuses on its population.
    countries = TermChoiceField(
        Country.objects.exclude(code="AQ"),
        required=False,
        label=_("Countries of focus"),
        widget=ChoiceList,
    )
    languages = TermChoiceField(
        Language.objects.all(), required=False, label=_("Languages"), widget=ChoiceList
    )
    language = LanguageChoiceField(help_text=_("The language your biography is written in."))
    # The saved profile's version when the form was loaded (directory.actions.version_token).
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta:
        model = Profile
        fields = [
            "position",
            "affiliations",
            "biography",
            "language",
            "themes",
            "methods",
            "regions",
            "countries",
            "languages",
            "orcid",
            "links",
            *(flag.field for flag in FLAGS),
            "visibility",
            "show_email",
        ]
        widgets = {
            "biography": forms.Textarea(attrs={"rows": 8}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["keyword_text"].initial = ", ".join(
                keyword.name for keyword in self.instance.keywords.all()
            )
        self.fields["biography"].max_length = MAX_BIOGRAPHY
        self.fields["language"].fallback = self.instance.language
        if not self.is_bound and not self.instance.biography and self.instance.user_id:
            self.initial["language"] = default_for(self.instance.user)
        self.fields["biography"].widget.attrs["maxlength"] = MAX_BIOGRAPHY

    def flag_fields(self):
        """The yes/no fields the directory filters by (``dimensions.FLAGS``)."""
        return [self[flag.field] for flag in FLAGS]

    def theme_groups(self):
        """The theme checkboxes under their focus areas."""
        groups: dict = {}
        for checkbox in self["themes"]:
            groups.setdefault(checkbox.data["value"].instance.parent, []).append(checkbox)
        return list(groups.items())

    def clean_position(self):
        value = self.cleaned_data["position"]
        return validate_display_text(value, max_length=200) if value else value

    def clean_affiliations(self):
        value = self.cleaned_data["affiliations"]
        return validate_display_text(value, max_length=300) if value else value

    def clean_biography(self):
        value = strip_invisible(self.cleaned_data["biography"])
        if len(value) > MAX_BIOGRAPHY:
            raise ValidationError(
                _("Keep the biography under %(limit)d characters."),
                params={"limit": MAX_BIOGRAPHY},
            )
        return value

    def clean_orcid(self):
        value = self.cleaned_data["orcid"]
        return normalize_orcid(value) if value.strip() else ""

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        if len(links) > MAX_LINKS:
            raise ValidationError(_("At most %(n)d links."), params={"n": MAX_LINKS})
        validate = URLValidator(schemes=["https", "http"])
        for link in links:
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” is not a web address (https://…)."), params={"link": link[:80]}
                ) from None
        return "\n".join(links)

    def clean_keyword_text(self):
        names = [
            name.strip()
            for name in strip_invisible(self.cleaned_data["keyword_text"]).split(",")
            if name.strip()
        ]
        if len(names) > 20:
            raise ValidationError(_("At most 20 keywords."))
        if any(len(name) > 60 for name in names):
            raise ValidationError(_("Keep each keyword under 60 characters."))
        return names

    def action_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["keyword_names"] = data.pop("keyword_text")
        return data


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 5 MB; it is cropped square.")
    )

    def clean_photo(self):
        return process_photo(self.cleaned_data["photo"])


class PublicationForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Publication
        fields = ["title", "year", "venue", "doi", "url"]

    def clean_title(self):
        return validate_display_text(self.cleaned_data["title"], max_length=500)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is not None and not 1900 <= year <= 2100:
            raise ValidationError(_("Enter a year between 1900 and 2100."))
        return year

    def clean_doi(self):
        doi = normalize_doi(self.cleaned_data["doi"])
        if doi and not doi.startswith("10."):
            raise ValidationError(_("A DOI starts with “10.”, e.g. 10.1000/xyz123."))
        return doi


class OrcidImportForm(forms.Form):
    orcid = forms.CharField(label=_("ORCID iD"), max_length=60)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "import_%s")  # the profile form on the same page has id_orcid
        super().__init__(*args, **kwargs)

    def clean_orcid(self):
        return normalize_orcid(self.cleaned_data["orcid"])


class OrcidReviewForm(forms.Form):
    works = forms.TypedMultipleChoiceField(
        label=_("Works to add"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["works"].choices = [(work["put_code"], work["title"]) for work in candidates]


class KeywordDecisionForm(forms.Form):
    DECISIONS = [
        ("approve", _("Approve")),
        ("merge", _("Merge into a term")),
        ("synonym", _("Record as a synonym of a term")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    keyword = forms.ModelChoiceField(
        label=_("Approved keyword"),
        queryset=Keyword.objects.approved(),
        required=False,
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.leaves(), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") in {"merge", "synonym"} and not (
            bool(data.get("keyword")) ^ bool(data.get("theme"))
        ):
            raise ValidationError(_("Choose one approved keyword or one theme."))
        return data


class AreaThemeChoices(forms.models.ModelChoiceIterator):
    """Themes listed under their focus area, the area itself first as "All of <area>": an area
    and one of its themes may share a name, and two boxes must never say the same."""

    def __iter__(self):
        themes = list(self.queryset.select_related("parent"))
        for area in (theme for theme in themes if theme.parent_id is None):
            whole = (self.choice(area)[0], _("All of %(area)s") % {"area": area.label})
            leaves = [self.choice(theme) for theme in themes if theme.parent_id == area.pk]
            yield area.label, [whole, *leaves]


class AreaThemeField(TermChoiceField):
    iterator = AreaThemeChoices


class CollaboratorsForm(forms.Form):
    themes = AreaThemeField(
        Theme.objects.all(), label=_("Themes"), required=False, widget=ChoiceList
    )
    methods = TermChoiceField(
        Method.objects.all(), label=_("Methods"), required=False, widget=ChoiceList
    )
    regions = TermChoiceField(
        Region.objects.exclude(code="010"), label=_("Regions"), required=False, widget=ChoiceList
    )
