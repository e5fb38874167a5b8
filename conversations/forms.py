from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from attachments.forms import AttachmentsField
from core.widgets import ChoiceList

from .models import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if obj.institute_id:
            return f"{obj.display_name} ({obj.institute.acronym})"
        return obj.display_name


class StartForm(forms.Form):
    """Recipients, subject and first message; the action checks who may be written to."""

    recipients = MemberChoiceField(
        queryset=User.objects.none(), label=_("To"), widget=ChoiceList(search_from=8)
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH, required=False)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, [links](https://example.org), lists, quotes."),
    )
    files = AttachmentsField()

    def __init__(self, *args, sender, chosen=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Members, and whoever the page was opened for (a deactivated member is then refused by
        # the action with a reason, not silently dropped from the list).
        chosen_ids = [u.pk for u in chosen]
        field = self.fields["recipients"]
        field.queryset = (
            User.objects.filter(
                Q(pk__in=User.objects.members().values("pk")) | Q(pk__in=chosen_ids)
            )
            .exclude(pk=sender.pk)
            .select_related("institute")
            .order_by("display_name", "pk")
        )
        if chosen_ids and not self.is_bound:
            self.initial["recipients"] = chosen_ids


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown works here."),
    )
    files = AttachmentsField()


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Moderators see this message and your reason, nothing else of the conversation."
        ),
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done (optional)"), max_length=1000, required=False
    )
