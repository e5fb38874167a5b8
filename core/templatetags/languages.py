"""What templates need for languages: the page in every language (hreflang), member text
isolated in its own direction (``|bdi``), dates with a weekday in the active language."""

from babel import Locale, dates
from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import format_html

from core import content_language

register = template.Library()


def page_in(request, code: str) -> str | None:
    """The path of the page ``request`` shows, in language ``code`` (None if it has none)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    with translation.override(code):
        try:
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return None


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """``hreflang`` alternates of this page: one absolute URL per language and an
    ``x-default`` (the unprefixed URL, which follows the visitor's language); empty for a page
    whose URL does not carry a language."""
    request = context.get("request")
    paths = [(code, page_in(request, code)) for code, _name in settings.LANGUAGES]
    if any(path is None for _code, path in paths) or len({path for _c, path in paths}) == 1:
        return []
    default = dict(paths)[settings.LANGUAGE_CODE]
    return [
        {"hreflang": code, "url": settings.SITE_URL + path}
        for code, path in [*paths, ("x-default", default)]
    ]


@register.filter(is_safe=True)
def bdi(value) -> str:
    """Member text (a name, a title) isolated from the text around it, so that a Latin name
    inside an Arabic sentence, or an Arabic title in an English list, keeps its own direction."""
    if value in (None, ""):
        return value
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def when(value, width: str = "medium") -> str:
    """A date and time with its weekday, written as the active language writes it ("Wed, Dec 2,
    2026, 14:00"; "2026年12月2日周三 14:00"), on the network's 24-hour clock. Django's formats
    have no weekday, so Babel's locale data (CLDR) makes this one. ``width`` is "medium" or
    "full" (the month in full). The value is shown in the current time zone (``{% timezone %}``)."""
    if not value:
        return ""
    locale = Locale.parse(translation.to_locale(translation.get_language() or "en"))
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    skeleton = "yMMMMEEEEd" if width == "full" else "yMMMEd"
    date = dates.format_skeleton(skeleton, moment, locale=locale)
    time = dates.format_skeleton("Hm", moment, locale=locale)  # the network's 24-hour clock
    return dates.get_datetime_format(width, locale=locale).format(time, date)


@register.filter
def when_time(value) -> str:
    """The time of day alone, on a 24-hour clock as the active language writes it."""
    if not value:
        return ""
    locale = Locale.parse(translation.to_locale(translation.get_language() or "en"))
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return dates.format_skeleton("Hm", moment, locale=locale)


@register.filter(is_safe=True)
def content_lang(item) -> str:
    """The attributes of the element holding ``item``'s own text (an object with a ``language``,
    or a language code): ``lang`` and its direction, ``rtl`` for Arabic, else ``auto`` (member
    text keeps its own direction)."""
    code = getattr(item, "language", item) or ""
    tag = content_language.lang_tag(code)
    direction = "rtl" if code in content_language.RIGHT_TO_LEFT else "auto"
    if not tag:
        return format_html('dir="{}"', direction)
    return format_html('lang="{}" dir="{}"', tag, direction)


@register.simple_tag(takes_context=True)
def other_versions(context, item, public=False, url_name=""):
    """The other languages ``item`` (an output or a practice) is in, for "Also in:" links:
    ``item.other_versions(user, public)``, each with ``code``, ``lang`` (the attribute's
    value), ``name`` (named in itself), ``url`` (``url_name`` reversed with its key, else its
    own address) and ``yours`` (the page's language)."""
    request = context.get("request")
    current = translation.get_language()
    found = []
    for version in item.other_versions(getattr(request, "user", None), public=public):
        code = version.language
        found.append(
            {
                "code": code,
                "lang": content_language.lang_tag(code),
                "name": content_language.name_local(code),
                "url": reverse(url_name, args=[version.pk])
                if url_name
                else version.get_absolute_url(),
                "yours": code == current,
            }
        )
    return found
