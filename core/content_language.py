"""The language a piece of content is written in, whatever the language of the page around it.

Outputs and events (portal), threads (forum; a practice is written in its thread's language) and
profiles (directory) each keep a ``language``: one of the six languages of the interface, or
``other``. ``language_field()`` is that model field; templates mark the content's text with
``lang`` (and ``dir="rtl"`` for Arabic) through ``|content_lang``
(``core/templatetags/languages.py``); full-text search stems each row with the PostgreSQL
configuration of its own language (``search_config``, ``matching``).
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

OTHER = "other"
RIGHT_TO_LEFT = {"ar"}
# PostgreSQL's text search configuration for each language: folding and stemming of its own.
# Chinese has no stemmer (words are not separated by spaces): ``simple`` lower-cases only.
SEARCH_CONFIGS = {
    "en": "english",
    "ar": "arabic",
    "zh-hans": "simple",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
}
DEFAULT_CONFIG = "simple"
MAX_KEY = 2**63  # a key past a database's bigint names nothing
# The BCP 47 tag a ``lang`` attribute takes (Django's codes are lower case).
LANG_TAGS = {"zh-hans": "zh-Hans"}


def choices() -> list[tuple[str, str]]:
    return [*settings.LANGUAGES, (OTHER, _("Another language"))]


def language_field(**kwargs) -> models.CharField:
    """The ``language`` column of a model whose text is written in one language."""
    options = {
        "verbose_name": _("language of the text"),
        "max_length": 10,
        "choices": choices(),
        "default": settings.LANGUAGE_CODE,
        "help_text": _("The language it is written in (not the language of this page)."),
        **kwargs,
    }
    return models.CharField(**options)


def supported(code: str | None) -> str | None:
    """``code`` if content may be written in it, else None."""
    return code if code in dict(choices()) else None


def default_for(user=None) -> str:
    """What a new text is taken to be written in: its author's language, else the page's."""
    return (
        supported(getattr(user, "language", "") or None)
        or supported(translation.get_language())
        or settings.LANGUAGE_CODE
    )


def lang_tag(code: str) -> str:
    """The value of a ``lang`` attribute for ``code`` ("" for another language: unknown)."""
    if code == OTHER or not code:
        return ""
    return LANG_TAGS.get(code, code)


def name_local(code: str) -> str:
    """The language named in itself ("Français"), as a reader of it looks for it."""
    if code == OTHER:
        return str(_("Another language"))
    return capfirst(translation.get_language_info(code)["name_local"])


def search_config(code: str) -> str:
    return SEARCH_CONFIGS.get(code, DEFAULT_CONFIG)


def config_case(field: str) -> Case:
    """A SQL expression: the search configuration of each row's ``field`` (a language code)."""
    return Case(
        *(When(**{field: code}, then=Value(config)) for code, config in SEARCH_CONFIGS.items()),
        default=Value(DEFAULT_CONFIG),
        output_field=models.CharField(),
    )


def config_sql(column: str) -> str:
    """``config_case`` as raw SQL, for the statements that write stored vectors."""
    whens = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in SEARCH_CONFIGS.items())
    return f"(CASE {column} {whens} ELSE '{DEFAULT_CONFIG}' END)::regconfig"


def configs() -> dict[str, list[str]]:
    """Each search configuration with the language codes stemmed by it (``other`` included)."""
    grouped: dict[str, list[str]] = {}
    for code, _name in choices():
        grouped.setdefault(search_config(code), []).append(code)
    return grouped


def matching(field: str, vector: str, query_for) -> Q:
    """Rows whose stored ``vector`` matches the query as parsed in the row's own language:
    ``query_for(config)`` builds the ``SearchQuery`` of one configuration; one condition per
    configuration, each a constant query an index can answer."""
    return reduce(
        or_,
        (
            Q(**{f"{field}__in": codes, vector: query_for(config)})
            for config, codes in configs().items()
        ),
    )


def _preference(language: str, language_field: str, original: str):
    """0 for a version in ``language``, 1 for the original, 2 for another translation."""
    return Case(
        When(**{language_field: language}, then=Value(0)),
        When(**{f"{original}__isnull": True}, then=Value(1)),
        default=Value(2),
        output_field=models.IntegerField(),
    )


def one_per_group(
    queryset, versions, language: str, *, language_field="language", original="translation_of"
):
    """``queryset`` with one row per set of translations (an original and the rows whose
    ``original`` is it): a row stays unless one of ``versions`` (what the reader may see) in its
    set is better, that is in ``language`` where the row is not, else the original, else the
    lower key. One correlated ``NOT EXISTS``, answered by the key and the foreign key's index."""
    preference = _preference(language, language_field, original)
    group = Coalesce(f"{original}_id", "pk")
    better = (
        versions.order_by()
        .alias(_preference=preference)
        .filter(Q(pk=OuterRef("_group")) | Q(**{f"{original}_id": OuterRef("_group")}))
        .exclude(pk=OuterRef("pk"))
        .filter(
            Q(_preference__lt=OuterRef("_preference"))
            | Q(_preference=OuterRef("_preference"), pk__lt=OuterRef("pk"))
        )
    )
    return queryset.alias(_group=group, _preference=preference).filter(~Exists(better))


def versions_of(queryset, item, *, original="translation_of"):
    """The other versions of ``item`` (its original and its original's translations, or its
    own translations) among ``queryset``, in the order of ``settings.LANGUAGES``."""
    root = getattr(item, f"{original}_id") or item.pk
    found = list(queryset.filter(Q(pk=root) | Q(**{f"{original}_id": root})).exclude(pk=item.pk))
    order = {code: place for place, (code, _name) in enumerate(choices())}
    found.sort(key=lambda version: (order.get(version.language, len(order)), version.pk))
    return found


def key_from_address(value: str, view_names: dict[str, str]) -> tuple[str, int] | None:
    """The page an address (or a path, or a bare number) names, as ``(kind, key)``, where
    ``view_names`` maps the URL names accepted to their kind (``{"portal:output": "output"}``),
    a bare number taken as the first. None when it names none of them. Any language's
    address works (``/fr/outputs/12/``)."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    value = value.strip()
    if value.isdigit():
        key = int(value[:20])
        return (next(iter(view_names.values())), key) if key < MAX_KEY else None
    path = urlsplit(value).path or "/"
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    kind = view_names.get(match.view_name)
    key = match.kwargs.get("pk")
    if not kind or key is None or int(key) >= MAX_KEY:
        return None
    return kind, int(key)


def page_language() -> str:
    """The interface language of the page being served (the request's), one of ``LANGUAGES``:
    what a visitor who gives no account is written to in."""
    code = translation.get_language()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
