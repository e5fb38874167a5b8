"""What templates need for languages: the page in every language (hreflang), member text
isolated in its own direction (``|bdi``), dates with a weekday in the active language."""

from babel import Locale, dates
from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import format_html

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
def bdi(value, language: str = "") -> str:
    """Member text (a name, a title) isolated from the text around it, so that a Latin name
    inside an Arabic sentence, or an Arabic title in an English list, keeps its own direction;
    ``|bdi:output.language`` also says which language it is in (``lang``)."""
    if value in (None, ""):
        return value
    if language:
        return format_html('<bdi lang="{}">{}</bdi>', language, value)
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
