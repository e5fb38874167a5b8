"""Posts, their revisions and reactions.

A thread's posts form a tree shown to a fixed depth: ``path`` is a sort key (zero-padded positions
of the displayed ancestors), ``depth`` the displayed indentation. A reply to a post that is already
at ``MAX_DEPTH`` becomes its sibling and keeps ``reply_to`` for the "in reply to" link.
Nothing is ever deleted: authors leave tombstones, moderators hide with a reason, every edit keeps
a revision.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_moderator

from .threads import Thread

MAX_DEPTH = 3
PATH_DIGITS = 7
BODY_MAX_LENGTH = 100_000
POST_PAGES = ("edit", "delete", "history", "react", "report", "hide", "restore")


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Posts of the threads ``user`` may read, tombstones included (shown as such)."""
        return self.filter(thread__in=Thread.objects.visible_to(user))

    def files_visible_to(self, user):
        """Posts whose attached files ``user`` may download: those whose text they may read
        (``forum.permissions.can_read_text``): no tombstone; a hidden post only to moderators
        and its author."""
        posts = self.visible_to(user).filter(is_deleted=False)
        if is_moderator(user):
            return posts
        return posts.filter(Q(is_hidden=False) | Q(author_id=user.pk))

    def readable(self):
        """Posts whose text everyone who sees the thread may read."""
        return self.filter(is_deleted=False, is_hidden=False)

    def in_tree_order(self):
        return self.order_by("path")


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    position = models.PositiveIntegerField(editable=False)
    path = models.CharField(max_length=64, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(_("posted"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    is_deleted = models.BooleanField(_("deleted by its author"), default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, max_length=1000)
    reaction_counts = models.JSONField(default=dict, blank=True, editable=False)
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="forum_mentions", editable=False
    )
    # PostgreSQL only (kept empty elsewhere): title (A) and text (B), GIN-indexed.
    search_vector = SearchVectorField(null=True, editable=False)
    attachments = GenericRelation("attachments.Attachment")

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="post_position_unique")
        ]
        indexes = [
            models.Index(fields=["thread", "path"]),
            models.Index(fields=["author", "-created"]),
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self):
        return f"#{self.position} in {self.thread_id}"

    def get_absolute_url(self):
        return reverse("forum:post", args=[self.pk]) + f"#post-{self.pk}"

    @cached_property
    def links(self) -> dict[str, str]:
        """The post's own pages, from one ``reverse`` (they all live under ``p/<pk>/``)."""
        base = reverse("forum:post", args=[self.pk])
        return {"self": base, **{name: f"{base}{name}/" for name in POST_PAGES}}

    @cached_property
    def files(self) -> list:
        """The attached files, in upload order; the thread page sets them for all its posts
        from one query (``forum.paging.attach_files``)."""
        return list(self.attachments.all())

    @property
    def is_opening(self) -> bool:
        return self.position == 1

    @property
    def is_readable(self) -> bool:
        return not (self.is_deleted or self.is_hidden)

    @property
    def is_flattened(self) -> bool:
        """Shown at the deepest level rather than under the post it answers."""
        return (
            self.reply_to_id is not None
            and self.depth == MAX_DEPTH
            and self.reply_to.depth == MAX_DEPTH
        )

    @staticmethod
    def path_segment(position: int) -> str:
        return str(position).zfill(PATH_DIGITS)


class Revision(models.Model):
    """Every version of a post's text, the first included."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    body = models.TextField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "version"]
        constraints = [
            models.UniqueConstraint(fields=["post", "version"], name="revision_version_unique")
        ]

    def __str__(self):
        return f"{self.post_id} v{self.version}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        USEFUL = "useful", _("Useful")
        AGREE = "agree", _("Agree")
        THANKS = "thanks", _("Thanks")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="reaction_unique")
        ]

    def __str__(self):
        return f"{self.kind} on {self.post_id}"
