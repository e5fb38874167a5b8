"""The page being shown, in every language the site speaks."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

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
