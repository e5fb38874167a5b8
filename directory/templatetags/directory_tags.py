"""Template helpers of the directory."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from directory.dimensions import FLAGS

register = template.Library()


@register.simple_tag(takes_context=True)
def person(context, user, empty=None):
    """``user``'s name, linked to their directory profile for a viewer who may see it (the
    directory's rule, ``Profile.is_visible_to``; the link gets the hover card), the plain name
    otherwise, isolated in ``<bdi>`` so that it keeps its own direction. No user (a former
    member, nobody yet): ``empty``, by default "A former member". Load ``<user>__profile`` with
    the user, or each name costs a query."""
    if user is None:
        return _("A former member") if empty is None else empty
    profile = getattr(user, "profile", None)
    if profile is None or not profile.is_visible_to(context.get("user")):
        return format_html("<bdi>{}</bdi>", user.display_name)
    return format_html(
        '<a href="{}" class="person"><bdi>{}</bdi></a>',
        profile.get_absolute_url(),
        user.display_name,
    )


@register.filter
def flag_labels(profile, length: str = "long") -> list[str]:
    """The labels of the flags a profile has (``dimensions.FLAGS``); ``"short"`` for cards."""
    return [
        (flag.short_label if length == "short" and flag.short_label else flag.label)
        for flag in FLAGS
        if getattr(profile, flag.field)
    ]
