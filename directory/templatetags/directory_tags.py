"""Template helpers of the directory."""

from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from directory import dimensions
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
    values = {flag.field: getattr(profile, flag.field) for flag in FLAGS}
    return dimensions.flag_labels(values, short=length == "short", flags=FLAGS)


@register.simple_tag
def facet_options(name: str, options) -> str:
    """The ``<li>`` of each option of one directory filter (``directory/_facet.html``).

    A filter can list hundreds of options (every country, every region) and each page shows
    them all, so their markup is joined here rather than by a template loop, which cost most
    of the page's time; what it makes is the loop's markup exactly. ``name`` is a dimension's
    declared name (a constant); every label and value is escaped.
    """
    hidden = f'<span class="visually-hidden"> {escape(_("profiles"))}</span>'
    name = escape(name)
    return mark_safe(  # noqa: S308  (every value above and below is escaped)
        "".join(
            f'<li class="depth-{int(option.depth)}"><label><input type="checkbox" '
            f'name="{name}" value="{escape(option.value)}"'
            f"{' checked' if option.selected else ''}> {escape(option.label)} "
            f'<span class="count">({int(option.count)}{hidden})</span></label></li>'
            for option in options
        )
    )
