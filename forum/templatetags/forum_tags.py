from django import template
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from core.fragments import render_many
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


THREAD_ITEM = "forum/_thread_item.html"


@register.simple_tag(takes_context=True)
def thread_items(context, threads, show_category=False):
    """The list items of ``threads`` (``forum/_thread_item.html``, each with ``last_read`` from
    the view), each kept in the cache (``core.fragments``) under everything it shows this reader.
    Whoever makes the item template show another value adds it to ``fingerprint``."""
    user, workspace = context.get("user"), context.get("workspace")

    def fingerprint(thread) -> tuple:
        author = thread.author
        profile = getattr(author, "profile", None) if author else None
        category = (thread.category.slug, thread.category.name) if show_category else None
        return (
            thread.title, thread.language, thread.pinned, thread.locked, thread.is_deleted,
            thread.kind, thread.workspace_id, thread.last_position, thread.last_activity,
            timesince(thread.last_activity), thread.last_read is None,
            thread.last_read is not None and thread.last_read < thread.last_position,
            category, author.pk if author else None, author.display_name if author else None,
            profile.pk if profile else None, profile.is_visible_to(user) if profile else None,
            show_category, bool(workspace),
        )  # fmt: skip

    html = render_many(
        context.get("request"),
        threads,
        template=THREAD_ITEM,
        name="thread",
        fingerprint=fingerprint,
        context={"user": user, "workspace": workspace, "show_category": show_category},
        remember=True,
    )
    return mark_safe("".join(html))  # noqa: S308
