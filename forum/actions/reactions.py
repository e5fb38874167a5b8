"""Reactions to posts (useful, agree, thanks), counted on the post."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from core.ratelimit import consume

from .. import permissions
from ..models import Post, Reaction
from .common import require


@transaction.atomic
def toggle_reaction(user, post: Post, kind: str) -> bool:
    """Add ``kind`` from ``user`` to ``post``, or take it back; returns whether it is now set."""
    require(permissions.can_react(user, post), _("You cannot react to this post."))
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Unknown reaction."), code="invalid")
    consume(user, "forum.reaction")
    Post.objects.select_for_update().filter(pk=post.pk).first()
    deleted, _rows = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if not deleted:
        Reaction.objects.create(post=post, user=user, kind=kind)
    counts = dict(
        Reaction.objects.filter(post=post)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    Post.objects.filter(pk=post.pk).update(reaction_counts=counts)
    post.reaction_counts = counts
    return not deleted
