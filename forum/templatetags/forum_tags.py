from django import template
from django.utils.html import format_html

from forum import permissions
from forum.models import Reaction

register = template.Library()


@register.simple_tag(takes_context=True)
def person(context, user):
    """``user``'s name, linked to their directory profile for a viewer who may see it (the
    directory's rule, ``Profile.is_visible_to``); the plain name otherwise. Load
    ``<user>__profile`` with the user, or each name costs a query."""
    profile = getattr(user, "profile", None)
    if profile is None or not profile.is_visible_to(context.get("user")):
        return user.display_name
    return format_html(
        '<a href="{}" class="person">{}</a>', profile.get_absolute_url(), user.display_name
    )


@register.filter
def lookup(mapping, key):
    return (mapping or {}).get(key, 0)


@register.filter
def editable_by(post, user) -> bool:
    return permissions.can_edit(user, post)


@register.filter
def deletable_by(post, user) -> bool:
    return permissions.can_delete(user, post)


@register.filter
def text_readable_by(post, user) -> bool:
    return permissions.can_read_text(user, post)


@register.filter
def reportable_by(post, user) -> bool:
    return permissions.can_report(user, post)


@register.filter
def reactable_by(post, user) -> bool:
    return permissions.can_react(user, post)


@register.filter
def repliable_by(post, user) -> bool:
    return permissions.can_reply_to(user, post)


@register.filter
def moderated_by(post, user) -> bool:
    return permissions.can_moderate(user)


@register.simple_tag
def reaction_kinds():
    return Reaction.Kind.choices
