"""An output names the original it translates (``Output.translation_of``): the output form's
field, what it accepts, and the versions a page links ("Also in: Français, Español").

A work is an original and the outputs naming it; one version per language, and never a
translation of a translation (so a work is found in one step from any of its versions).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.content_language import name_local

from .models import Output

CHOSEN = "chosen"  # a version asked for by name ("Also in"): not swapped for the visitor's


class OriginalChoiceField(forms.ModelChoiceField):
    """The published original an output translates."""

    def label_from_instance(self, obj):
        return f"{obj.title} ({name_local(obj.language)}, {obj.date:%Y})"


def original_field() -> OriginalChoiceField:
    return OriginalChoiceField(
        label=_("Translation of"),
        queryset=Output.objects.none(),
        required=False,
        empty_label=_("None: this is an original"),
        help_text=_("If this is a translation, the published output it translates."),
        error_messages={
            "invalid_choice": _(
                "Choose a published original: not this output, and not a translation."
            )
        },
    )


def originals_for(output: Output):
    """What ``output`` may name as its original: published originals other than itself."""
    originals = Output.objects.public().filter(translation_of__isnull=True)
    if output.pk:
        originals = originals.exclude(pk=output.pk)
    return originals.order_by("-date", "-pk")


def check_translation(form, original, language) -> None:
    """A translation: of a work with no version in its language yet; an output that has
    translations of its own stays an original."""
    if original is None:
        return
    output = form.instance
    if output.pk and output.translations.exists():
        form.add_error(
            "translation_of",
            _("Other outputs are translations of this one: it stays an original."),
        )
    elif (
        Output.objects.versions_of(original)
        .exclude(pk=output.pk)
        .filter(language=language)
        .exists()
    ):
        form.add_error(
            "translation_of",
            _("That work already has a version in %(language)s.")
            % {"language": name_local(language)},
        )


def other_versions(output: Output) -> list[dict]:
    """The other public versions of ``output``'s work, for "Also in": each language named in
    itself, linked as chosen (shown as it is, not swapped for the visitor's). One query."""
    return [
        {
            "language": version.language,
            "name": name_local(version.language),
            "url": f"{version.get_absolute_url()}?{CHOSEN}=1",
            "pk": version.pk,
        }
        for version in Output.objects.public()
        .versions_of(output)
        .exclude(pk=output.pk)
        .only("pk", "language")
        .order_by("language")
    ]
