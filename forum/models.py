"""Discussions, initiatives and good practices.

A thread's posts form a tree shown to a fixed depth: ``path`` is a sort key (zero-padded positions
of the displayed ancestors), ``depth`` the displayed indentation. A reply to a post that is already
at ``MAX_DEPTH`` becomes its sibling and keeps ``reply_to`` for the "in reply to" link.
Nothing is ever deleted: authors leave tombstones, moderators hide with a reason, every edit keeps
a revision.
"""

import enum
import secrets
from functools import partial

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_member, is_moderator
from core.text import clean_display_text, strip_invisible

MAX_DEPTH = 3
PATH_DIGITS = 7
BODY_MAX_LENGTH = 100_000
TITLE_MAX_LENGTH = 200
POST_PAGES = ("edit", "delete", "history", "react", "report", "hide", "restore")


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    order = models.PositiveIntegerField(_("order"), default=0)
    moderators_only = models.BooleanField(
        _("only moderators start threads"),
        default=False,
        help_text=_("Members may still reply, as in an Announcements category."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", args=[self.slug])

    def clean(self):
        # Typed in the admin: control characters would break the category's Atom feed.
        self.name = clean_display_text(self.name)
        self.description = strip_invisible(self.description)


class Reach(enum.Enum):
    """Who may read a thread. Moderators read every thread; a thread's state (``THREAD_STATES``)
    narrows who else does. Only active members ever read."""

    MEMBERS = "every member"
    AUTHOR = "its author"
    MODERATORS = "moderators only"


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The threads ``user`` may read: ``THREAD_STATES`` as SQL."""
        if not is_member(user):
            return self.none()
        if is_moderator(user):
            return self
        threads = self
        for reach, state in THREAD_STATES:
            if reach is Reach.MODERATORS:
                threads = threads.exclude(state)
            elif reach is Reach.AUTHOR:
                threads = threads.exclude(state & ~Q(author_id=user.pk))
        return threads


class Thread(models.Model):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        INITIATIVE = "initiative", _("Initiative")
        PRACTICE = "practice", _("Practice")

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DISCUSSION)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_threads"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_activity = models.DateTimeField(_("last activity"), auto_now_add=True)
    last_position = models.PositiveIntegerField(default=0, editable=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    themes = models.ManyToManyField(
        "directory.Theme", blank=True, related_name="forum_threads", verbose_name=_("themes")
    )
    regions = models.ManyToManyField(
        "directory.Region", blank=True, related_name="forum_threads", verbose_name=_("regions")
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-last_activity"]
        indexes = [models.Index(fields=["category", "-pinned", "-last_activity"])]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:thread", args=[self.pk])

    @cached_property
    def reply_url(self) -> str:
        return reverse("forum:reply", args=[self.pk])

    @property
    def reply_count(self) -> int:
        """Every post after the opening one has its own position, tombstones included."""
        return max(self.last_position - 1, 0)

    @property
    def reach(self) -> "Reach":
        """Who may read this thread: the first of ``THREAD_STATES`` it is in, else every member."""
        return next((reach for reach, state in THREAD_STATES if holds(state, self)), Reach.MEMBERS)


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Posts of the threads ``user`` may read, tombstones included (shown as such)."""
        return self.filter(thread__in=Thread.objects.visible_to(user))

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


class Subscription(models.Model):
    """A member watching or muting a thread or a whole category."""

    class Level(models.TextChoices):
        WATCHING = "watching", _("Watching")
        MUTED = "muted", _("Muted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    level = models.CharField(max_length=20, choices=Level)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=models.Q(thread__isnull=False),
                name="subscription_thread_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=models.Q(category__isnull=False),
                name="subscription_category_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True) ^ models.Q(category__isnull=True),
                name="subscription_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.level} {self.thread_id or self.category_id}"


class ReadState(models.Model):
    """How far a member has read a thread (by post position, which only grows)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_position = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="read_state_unique")]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} to {self.last_read_position}"


class Initiative(models.Model):
    """A joint proposal: the structured part of an initiative thread."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DISCUSSION = "discussion", _("Under discussion")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    TRANSITIONS = {
        Status.PROPOSED: {Status.DISCUSSION, Status.ARCHIVED},
        Status.DISCUSSION: {Status.PROPOSED, Status.ACTIVE, Status.ARCHIVED},
        Status.ACTIVE: {Status.COMPLETED, Status.ARCHIVED},
        Status.COMPLETED: {Status.ACTIVE, Status.ARCHIVED},
        Status.ARCHIVED: {Status.DISCUSSION},
    }

    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, related_name="initiative")
    summary = models.CharField(_("summary"), max_length=500)
    objectives = models.TextField(_("objectives"), max_length=10_000)
    institutes = models.ManyToManyField(
        "accounts.Institute", blank=True, related_name="+", verbose_name=_("institutes involved")
    )
    sdgs = models.ManyToManyField(
        "directory.SDG", blank=True, related_name="+", verbose_name=_("SDGs")
    )
    sought_themes = models.ManyToManyField(
        "directory.Theme", blank=True, related_name="+", verbose_name=_("expertise sought: themes")
    )
    sought_methods = models.ManyToManyField(
        "directory.Method",
        blank=True,
        related_name="+",
        verbose_name=_("expertise sought: methods"),
    )
    sought_regions = models.ManyToManyField(
        "directory.Region",
        blank=True,
        related_name="+",
        verbose_name=_("expertise sought: regions"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PROPOSED)
    status_changed = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.thread.title

    def get_absolute_url(self):
        return self.thread.get_absolute_url()

    def allowed_statuses(self):
        return [s for s in self.Status if s in self.TRANSITIONS[self.Status(self.status)]]


class Participation(models.Model):
    class Kind(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        INTERESTED = "interested", _("Interested")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_participations"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="participation_unique")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.initiative_id}"


class PracticeQuerySet(models.QuerySet):
    def curated(self):
        return self.filter(status=Practice.Status.CURATED, thread__is_deleted=False)

    def public(self):
        """Curated practices a moderator chose to show on the public site."""
        return self.curated().filter(is_public=True)

    def awaiting_review(self):
        return self.filter(status__in=[Practice.Status.SUBMITTED, Practice.Status.IN_REVIEW])


class Practice(models.Model):
    """A local good practice submitted by a member, reviewed by moderators."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        CURATED = "curated", _("Curated")
        DECLINED = "declined", _("Declined")

    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, related_name="practice")
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = models.ForeignKey(
        "directory.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    sdgs = models.ManyToManyField(
        "directory.SDG", blank=True, related_name="+", verbose_name=_("SDGs")
    )
    institute = models.ForeignKey(
        "accounts.Institute",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("institute"),
    )
    summary = models.TextField(_("summary"), max_length=2000)
    what_worked = models.TextField(_("what worked"), max_length=10_000)
    evidence = models.TextField(_("evidence and links"), max_length=10_000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SUBMITTED)
    featured = models.BooleanField(_("featured"), default=False)
    is_public = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_("Moderators choose which curated practices the public portal shows."),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    curated_at = models.DateTimeField(null=True, blank=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-featured", "-curated_at"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self):
        return self.thread.title

    def get_absolute_url(self):
        return self.thread.get_absolute_url()


# Who may read a thread, written once: the states that narrow a thread's readers, narrowest
# first, each a condition on threads. ``Thread.objects.visible_to`` applies them in SQL,
# ``Thread.reach`` to one thread in Python (``holds``); ``permissions.can_view_thread``,
# ``recipients.audience`` and the live socket derive from those two.
THREAD_STATES = [
    (Reach.MODERATORS, Q(is_deleted=True)),
    (Reach.AUTHOR, Q(kind=Thread.Kind.PRACTICE) & Q(practice__status=Practice.Status.DECLINED)),
]


def holds(condition: Q, obj) -> bool:
    """Whether ``obj`` meets ``condition``, a ``Q`` of plain equalities (``field`` or
    ``relation__field``), as the database would say; a missing related row meets nothing.
    Conditions are read left to right and stop early, so a cheap field first saves a query."""
    results = (
        holds(child, obj) if isinstance(child, Q) else _equals(obj, *child)
        for child in condition.children
    )
    met = all(results) if condition.connector == Q.AND else any(results)
    return met != condition.negated


def _equals(obj, lookup: str, expected) -> bool:
    *path, last = lookup.split("__")
    if last == "exact":
        *path, last = path
    for name in path:
        try:
            obj = getattr(obj, name)
        except ObjectDoesNotExist:
            return False
        if obj is None:
            return False
    return getattr(obj, last) == expected


class Report(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reports"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    created = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(status="open"),
                name="one_open_report_per_reporter",
            )
        ]

    def __str__(self):
        return f"Report on {self.post_id} by {self.reporter_id}"

    def get_absolute_url(self):
        return self.post.get_absolute_url()


class ModerationLog(models.Model):
    """Who did what, when and why: every moderator action, visible to moderators."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        LOCK = "lock", _("Locked a thread")
        UNLOCK = "unlock", _("Unlocked a thread")
        PIN = "pin", _("Pinned a thread")
        UNPIN = "unpin", _("Unpinned a thread")
        MOVE = "move", _("Moved a thread")
        DELETE_THREAD = "delete_thread", _("Deleted a thread")
        RESTORE_THREAD = "restore_thread", _("Restored a thread")
        RESOLVE_REPORT = "resolve_report", _("Resolved a report")
        DISMISS_REPORT = "dismiss_report", _("Dismissed a report")
        REVIEW_PRACTICE = "review_practice", _("Took a practice into review")
        CURATE_PRACTICE = "curate_practice", _("Curated a practice")
        DECLINE_PRACTICE = "decline_practice", _("Declined a practice")
        INITIATIVE_STATUS = "initiative_status", _("Changed an initiative's status")
        INITIATIVE_EDIT = "initiative_edit", _("Edited an initiative")
        SUSPEND = "suspend", _("Suspended a member")
        CATEGORY = "category", _("Changed a category")
        PRACTICE_PUBLIC = "practice_public", _("Showed a practice on the public site")
        PRACTICE_PRIVATE = "practice_private", _("Took a practice off the public site")
        PUBLISH_OUTPUT = "publish_output", _("Published a research output")
        DECLINE_OUTPUT = "decline_output", _("Declined a research output")
        UNPUBLISH_OUTPUT = "unpublish_output", _("Unpublished a research output")
        PUBLISH_EVENT = "publish_event", _("Published an event")
        DECLINE_EVENT = "decline_event", _("Declined an event")
        UNPUBLISH_EVENT = "unpublish_event", _("Unpublished an event")

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30, choices=Action)
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    details = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.actor} {self.get_action_display()}"


# A partial of the standard library, not a function of ours: the migrations stay frozen.
new_feed_token = partial(secrets.token_urlsafe, 24)


class FeedToken(models.Model):
    """The secret in a member's feed URLs; resetting it breaks the old URLs."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    issued_at = models.DateTimeField(_("issued"), auto_now=True)

    def __str__(self):
        return f"feed token of {self.user_id}"
