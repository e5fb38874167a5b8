from django import template

from directory.templatetags.directory_tags import person
from forum import permissions
from forum.models import Reaction

register = template.Library()


# The directory's tag, so that the forum's templates need no second load.
register.simple_tag(person, takes_context=True, name="person")


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


@register.simple_tag
def abilities(post, user):
    """What ``user`` may do with ``post``: the view's ``post.can`` (worked out once per page,
    ``permissions.post_abilities``) or, for a post rendered alone, worked out here."""
    return getattr(post, "can", None) or permissions.post_abilities(user, post)
