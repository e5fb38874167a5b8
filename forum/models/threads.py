"""Categories and threads, and who may read a thread (``THREAD_STATES``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.permissions import is_member, is_moderator
from core.content_language import language_field
from core.text import clean_display_text, strip_invisible

from .practices import Practice
from .visibility import Reach, holds
from .workspaces import Workspace

TITLE_MAX_LENGTH = 200


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


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The threads ``user`` may read: ``reading_condition`` as SQL."""
        condition = reading_condition(user)
        return self.none() if condition is None else self.filter(condition)

    def visible_to_member(self, user_id: int, *, moderator: bool):
        """``visible_to`` an active member, by id (``member_reading_condition``)."""
        return self.filter(member_reading_condition(user_id, moderator=moderator))

    def with_read_state(self, user):
        """Each thread with ``last_read``: the last position ``user`` has read (None: never
        opened), for the lists' New and Unread markers."""
        read_state = self.model.read_states.rel.related_model  # following.ReadState
        last_read = read_state.objects.filter(user=user, thread=models.OuterRef("pk"))
        return self.annotate(last_read=models.Subquery(last_read.values("last_read_position")[:1]))


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
    language = language_field()  # of the title and every post (core.content_language)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_threads"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_activity = models.DateTimeField(_("last activity"), auto_now_add=True)
    last_position = models.PositiveIntegerField(default=0, editable=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    workspace = models.ForeignKey(
        Workspace,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("workspace"),
    )
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

    def is_visible_to(self, user) -> bool:
        """``ThreadQuerySet.visible_to`` for this loaded thread: the same condition, in Python."""
        condition = reading_condition(user)
        return condition is not None and holds(condition, self)

    def readers(self):
        """Everyone who may read this thread, as people: ``is_visible_to`` seen from the thread
        (active members; in a narrowing state moderators and the reach's named reader only)."""
        people = User.objects.members()
        reach = self.reach
        if reach is Reach.MEMBERS:
            return people
        named = Q(pk=getattr(self, reach.named_reader)) if reach.named_reader else Q(pk__in=[])
        if reach.named_group:
            named |= Q(pk__in=getattr(self, reach.named_group).members().values("pk"))
        return people.filter(Q(pk__in=User.objects.moderators()) | named)


# Who may read a thread, written once: the states that narrow a thread's readers, narrowest
# first, each a condition on threads. ``reading_condition`` turns them into one condition for
# one reader, which ``Thread.objects.visible_to`` applies in SQL and ``Thread.is_visible_to`` in
# Python (``holds``); ``Thread.reach`` and ``Thread.readers`` read them from the thread's side.
# ``permissions.can_view_thread``, ``recipients.audience``, the live socket, search and feeds
# derive from those; tests/forum/test_thread_visibility.py checks that they all agree.
THREAD_STATES = [
    (Reach.MODERATORS, Q(is_deleted=True)),
    (Reach.AUTHOR, Q(kind=Thread.Kind.PRACTICE) & Q(practice__status=Practice.Status.DECLINED)),
    (Reach.PARTICIPANTS, Q(workspace__private=True)),
]


def reading_condition(user) -> Q | None:
    """The threads ``user`` may read, as one condition on threads; None when ``user`` reads none.

    Only active members read; moderators read every thread; anyone else every thread outside the
    narrowing states, and a thread in one of them only where its reach names them."""
    if not is_member(user):
        return None
    return member_reading_condition(user.pk, moderator=is_moderator(user))


def member_reading_condition(user_id: int, *, moderator: bool) -> Q:
    """``reading_condition`` of the active member ``user_id``: its SQL depends only on
    whether they moderate, their id is only a parameter (``core.compiled`` relies on it)."""
    condition = Q()
    if moderator:
        return condition
    for reach, state in THREAD_STATES:
        if reach is Reach.MEMBERS:
            continue
        let_in = _let_in(reach, user_id)
        condition &= ~state if let_in is None else ~state | let_in
    return condition


def _let_in(reach: Reach, user_id: int) -> Q | None:
    """The threads in a state of ``reach`` that the member ``user_id`` may still read, or None."""
    if reach.named_reader:
        return Q(**{reach.named_reader: user_id})
    if reach.named_group:
        groups = Workspace.objects.of_member_id(user_id).values_list("pk", flat=True)
        return Q(**{f"{reach.named_group}_id__in": groups})
    return None
