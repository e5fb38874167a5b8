"""The language a piece of member content is written in (an output, an event, a thread, a
profile's own text): one of ``settings.LANGUAGES``, recorded on the row, shown as ``lang`` on the
element holding the text, and used by PostgreSQL's full-text search to stem it in its language.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 10
# PostgreSQL's text-search configuration per language (all present in pg_ts_config of a stock
# PostgreSQL); Chinese and anything unlisted fall back to ``simple`` (no stemming).
TS_CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
}
TS_FALLBACK = "simple"


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def default_for(user) -> str:
    """The language someone most likely writes in: their interface language, else the site's."""
    language = getattr(user, "language", "") or ""
    return language if language in codes() else settings.LANGUAGE_CODE


def checked(language: str | None, author) -> str:
    """What an action stores: a known code as given; none given, the author's default. An
    unknown code is refused (forms refuse it before, with a 400)."""
    if not language:
        return default_for(author)
    if language not in codes():
        raise ValidationError(_("Choose one of the listed languages."), code="language")
    return language


def name_local(code: str) -> str:
    """A language named in itself ("Français", "Español"), for links to a version in it."""
    try:
        return capfirst(get_language_info(code)["name_local"])
    except KeyError:
        return code


def local_choices() -> list[tuple[str, str]]:
    return [(code, name_local(code)) for code in codes()]


def language_field(**kwargs) -> models.CharField:
    """The model field: ``language = language_field()``."""
    return models.CharField(
        _("written in"),
        max_length=MAX_LENGTH,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        **kwargs,
    )


class LanguageChoiceField(forms.ChoiceField):
    """The form's "Written in" select, each language named in itself. Left out of a request,
    it is the author's default (``fallback``, set by ``set_default_language``); an unknown code
    is refused with a message saying so (the form answers 400)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Written in"))
        kwargs.setdefault(
            "help_text", _("The language of this text, so readers and search treat it right.")
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Choose one of the listed languages.")},
        )
        super().__init__(choices=local_choices, **kwargs)
        self.fallback = settings.LANGUAGE_CODE

    def clean(self, value):
        return super().clean(value) or self.fallback


def set_default_language(form, user) -> None:
    """The language preselected (and taken when none is sent): the row's own when it has one,
    else its author's interface language."""
    field = form.fields.get("language")
    if field is None:
        return
    instance = getattr(form, "instance", None)
    if instance is not None and instance.pk:
        field.fallback = instance.language
        return
    field.fallback = default_for(user)
    if not form.is_bound:
        form.initial["language"] = field.fallback


def ts_config(field: str = "language"):
    """The row's text-search configuration name, as an SQL expression over ``field``."""
    return Case(
        *[When(**{field: code}, then=Value(config)) for code, config in TS_CONFIGS.items()],
        default=Value(TS_FALLBACK),
        output_field=models.CharField(),
    )


def ts_configs() -> list[str]:
    """Every configuration a row may be stemmed with, each once."""
    return list(dict.fromkeys([*TS_CONFIGS.values(), TS_FALLBACK]))


def each_work_once(rows, code: str, language: str = "language"):
    """``rows`` (a queryset of a model with ``translation_of``, the original a version
    translates) with each work once: its version in ``code`` where there is one, else its
    original (or, an original out of these rows, each of its translations). ``language`` is
    the path of the row's language field. Two subqueries, whatever the number of versions."""
    annotated = rows.annotate(work=Coalesce("translation_of", "pk"))
    in_code = rows.filter(**{language: code}).filter(
        Q(pk=OuterRef("work")) | Q(translation_of=OuterRef("work"))
    )
    original_here = rows.filter(pk=OuterRef("translation_of"))
    return annotated.filter(
        Q(**{language: code})
        | ~Exists(in_code) & (Q(translation_of__isnull=True) | ~Exists(original_here))
    )
