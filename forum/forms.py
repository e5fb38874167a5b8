from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Institute, User
from attachments.forms import AttachmentsField
from core.content_language import LanguageChoiceField
from core.widgets import ChoiceList
from directory.forms import AreaThemeField, TermChoiceField
from directory.models import SDG, Country, Method, Region, Theme

from . import actions
from .models import TITLE_MAX_LENGTH, Category, Initiative, Practice

BODY_HELP = _(
    "Markdown: **bold**, _italic_, lists, tables, `code`, links. Mention a member with @[Name]."
)


class BodyField(forms.CharField):
    """Post text: cleaned of invisible characters, not blank, at most BODY_MAX_LENGTH."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Text"))
        kwargs.setdefault("help_text", BODY_HELP)
        # No max_length on the widget: a too-long paste gets a clear message, not a silent cut.
        super().__init__(
            widget=forms.Textarea(
                attrs={
                    "rows": 8,
                    "data-mentions": reverse_lazy("forum:member_names"),
                    "data-mentions-label": _("Members to mention"),
                    "data-mentions-status": _(
                        "Members to mention: %(count)s. Up and down arrows to move, Enter to "
                        "insert, Escape to close."
                    ),
                    "data-preview": reverse_lazy("forum:preview"),
                    "data-preview-tabs-label": _("Write or preview"),
                    "data-write-label": _("Write"),
                    "data-preview-label": _("Preview"),
                    "data-preview-loading": _("Preparing the preview…"),
                    "data-preview-busy": _("Too many previews just now; try again in a while."),
                    "data-preview-failed": _("The preview could not be loaded; your text is kept."),
                }
            ),
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        return actions.clean_body(value or "")


class TitleField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Title"))
        super().__init__(max_length=TITLE_MAX_LENGTH * 2, **kwargs)

    def clean(self, value):
        return actions.clean_title(super().clean(value) or "")


# The directory's vocabularies that threads, initiatives and practices are described in.
VOCABULARY_MODELS = {
    "themes": Theme,
    "regions": Region,
    "sdgs": SDG,
    "methods": Method,
    "countries": Country,
}


def thread_vocabulary_models() -> dict:
    return VOCABULARY_MODELS


THREAD_VOCABULARY = [("themes", _("Themes")), ("regions", _("Regions"))]
INITIATIVE_VOCABULARY = [
    ("sdgs", _("Sustainable Development Goals")),
    ("sought_themes", _("Themes sought")),
    ("sought_methods", _("Methods sought")),
    ("sought_regions", _("Regions sought")),
]
PRACTICE_VOCABULARY = [("country", _("Country")), ("sdgs", _("Sustainable Development Goals"))]
VOCABULARY_SOURCES = {
    "themes": "themes",
    "regions": "regions",
    "sdgs": "sdgs",
    "sought_themes": "themes",
    "sought_methods": "methods",
    "sought_regions": "regions",
    "country": "countries",
}
# Fieldsets of the vocabulary boxes, in the order the form shows them.
VOCABULARY_GROUPS = [
    (_("What it is about"), ["themes", "regions", "sdgs", "country"]),
    (_("Expertise sought"), ["sought_themes", "sought_methods", "sought_regions"]),
]


def vocabulary_field(source: str, label, model):
    """One vocabulary's box: checkboxes (``core.widgets.ChoiceList``), themes under their focus
    area (so an area and a theme of the same name never look alike), and no Antarctica
    (region 010, country AQ) to choose as a focus."""
    if source == "themes":
        return AreaThemeField(model.objects.all(), required=False, label=label, widget=ChoiceList)
    if source == "countries":
        return forms.ModelChoiceField(model.objects.exclude(code="AQ"), required=False, label=label)
    queryset = model.objects.all()
    if source == "regions":
        queryset = queryset.exclude(code="010")
    return TermChoiceField(queryset, required=False, label=label, widget=ChoiceList)


def add_vocabulary_fields(form, fields) -> None:
    for name, label in fields:
        source = VOCABULARY_SOURCES[name]
        form.fields[name] = vocabulary_field(source, label, VOCABULARY_MODELS[source])


class VocabularyFormMixin:
    """Lays the vocabulary boxes out in fieldsets (``VOCABULARY_GROUPS``) after the text."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def text_fields(self):
        vocabulary = set(VOCABULARY_SOURCES)
        return [field for field in self.visible_fields() if field.name not in vocabulary]

    def vocabulary_groups(self):
        groups = []
        for legend, names in VOCABULARY_GROUPS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                groups.append((legend, fields))
        return groups


class ReplyForm(forms.Form):
    body = BodyField(label=_("Your reply"))
    files = AttachmentsField()
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    body = BodyField()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ThreadForm(VocabularyFormMixin, forms.Form):
    category = forms.ModelChoiceField(queryset=Category.objects.none(), label=_("Category"))
    title = TitleField()
    language = LanguageChoiceField()
    body = BodyField()
    files = AttachmentsField()

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        add_vocabulary_fields(self, THREAD_VOCABULARY)


class InitiativeForm(VocabularyFormMixin, forms.Form):
    category = forms.ModelChoiceField(queryset=Category.objects.none(), label=_("Category"))
    title = TitleField()
    language = LanguageChoiceField()
    summary = forms.CharField(
        label=_("Summary"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    objectives = BodyField(label=_("Objectives"))
    institutes = forms.ModelMultipleChoiceField(
        queryset=Institute.objects.filter(is_member=True),
        required=False,
        label=_("Institutes involved"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        add_vocabulary_fields(self, THREAD_VOCABULARY + INITIATIVE_VOCABULARY)


class InitiativeEditForm(InitiativeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, categories=Category.objects.none(), **kwargs)
        del self.fields["category"]
        del self.fields["language"]  # chosen when the thread starts


class PracticeForm(VocabularyFormMixin, forms.Form):
    category = forms.ModelChoiceField(queryset=Category.objects.none(), label=_("Category"))
    title = TitleField()
    language = LanguageChoiceField()
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("City, district or area where it happens."),
    )
    institute = forms.ModelChoiceField(
        queryset=Institute.objects.all(), required=False, label=_("Institute")
    )
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    what_worked = BodyField(label=_("What worked"))
    evidence = forms.CharField(
        label=_("Evidence and links"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    translation_of = forms.ModelChoiceField(
        queryset=Practice.objects.curated().filter(translation_of__isnull=True),
        required=False,
        label=_("Translation of"),
        empty_label=_("None: this is an original"),
        help_text=_("If this is a translation, the curated practice it translates."),
        error_messages={"invalid_choice": _("Choose a curated original, not a translation.")},
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        add_vocabulary_fields(self, THREAD_VOCABULARY + PRACTICE_VOCABULARY)

    def clean(self):
        data = super().clean()
        original = data.get("translation_of")
        if original is not None and (
            Practice.objects.versions_of(original)
            .filter(thread__language=data.get("language"))
            .exists()
        ):
            self.add_error(
                "translation_of", _("That practice already has a version in this language.")
            )
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_reason(self):
        return actions.require_reason(self.cleaned_data["reason"])


class ReportForm(ReasonForm):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ResolveReportForm(forms.Form):
    OUTCOMES = [
        ("resolve", _("Resolve (no change to the post)")),
        ("hide", _("Hide the post and resolve")),
        ("dismiss", _("Dismiss the report")),
    ]
    outcome = forms.ChoiceField(choices=OUTCOMES, label=_("Outcome"), widget=forms.RadioSelect)
    resolution = forms.CharField(
        label=_("Note to the reporter"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ThreadModerationForm(ReasonForm):
    action = forms.ChoiceField(choices=[], widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(a, a) for a in actions.THREAD_FLAGS]


class MoveThreadForm(ReasonForm):
    category = forms.ModelChoiceField(queryset=Category.objects.all(), label=_("Move to"))


class InitiativeStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Initiative.Status.choices, label=_("New status"))


class PracticeReviewForm(forms.Form):
    status = forms.ChoiceField(
        choices=[c for c in Practice.Status.choices if c[0] != Practice.Status.SUBMITTED],
        label=_("Decision"),
    )
    featured = forms.BooleanField(required=False, label=_("Feature it in the library"))
    reason = forms.CharField(
        label=_("Reason (required to decline; the author sees it)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == Practice.Status.DECLINED
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Say why the practice is declined."))
        return data


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "slug", "description", "order", "moderators_only"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the forum"), max_length=200, required=False)


def split_vocabulary(cleaned: dict, names) -> dict:
    return {name: cleaned.pop(name) for name in names if name in cleaned}


class WorkspaceThreadForm(forms.Form):
    """A thread of an initiative's workspace: its category is the initiative's."""

    title = TitleField()
    body = BodyField()
    files = AttachmentsField()


class InviteForm(forms.Form):
    """Whom to invite into a workspace: a name or an email address typed, or (``member``) a
    suggested expert's button."""

    who = forms.CharField(
        label=_("Invite a member"),
        help_text=_("Their name as in the directory, or their email address."),
        max_length=254,
        required=False,
    )
    member = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def clean(self):
        data = super().clean()
        who, pk = (data.get("who") or "").strip(), data.get("member")
        if pk is None and not who:
            raise forms.ValidationError(_("Name the member to invite."), code="required")
        members = User.objects.members()
        if pk is not None:
            found = list(members.filter(pk=pk)[:1])
        elif "@" in who:
            found = list(members.filter(email__iexact=who)[:2])
        else:
            found = list(members.filter(display_name__iexact=who)[:2])
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several people are called “%(name)s”: give their email address.")
                % {"name": who},
                code="ambiguous",
            )
        if not found:
            raise forms.ValidationError(
                _("Nobody in the network is called “%(name)s”.") % {"name": who or pk},
                code="unknown",
            )
        data["invitee"] = found[0]
        return data
