"""Reading the forum: the index, a category, a thread; starting a discussion."""

import functools

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import is_member, is_moderator
from attachments.models import Attachment
from core import compiled
from core.content_language import set_default_language
from core.views import form_page

from .. import actions, experts, fragments, paging, permissions
from ..forms import THREAD_VOCABULARY, InitiativeStatusForm, ReplyForm, ThreadForm, split_vocabulary
from ..models import Category, Participation, Post, Reaction, ReadState, Subscription, Thread
from .common import POSTS_PER_PAGE, THREADS_PER_PAGE, post_url, visible_thread

LATEST_THREADS = 20
# The columns the thread page shows of each post, its author and the post it answers
# (forum/_post.html and the fragment's ``fingerprint``): its posts query reads only these. Each
# column more is one more to compile and build on every view; one missing here but read by the
# template would cost a query per post, which the query-count tests would show.
SHOWN = [
    "thread_id", "author_id", "reply_to_id", "position", "path", "depth", "body_html", "version",
    "created", "edited_at", "is_deleted", "is_hidden", "hidden_reason", "reaction_counts",
    "author__display_name", "author__email", "author__is_active", "author__status",
    "author__is_superuser", "author__institute_id", "author__institute__acronym",
    "author__profile__user_id", "author__profile__visibility",
    "reply_to__depth", "reply_to__author_id", "reply_to__author__display_name",
]  # fmt: skip
# The thread's topics, each an m2m whose rows say whether it has any.
TOPICS = [("themes", Thread.themes.through.objects), ("regions", Thread.regions.through.objects)]
# Columns the thread's own query leaves out: its author is only named (the proposer, linked to
# their profile: its visibility is all the link needs of it).
THREAD_UNSHOWN = [
    "author__password", "author__last_login", "author__member_since", "author__is_staff",
    "author__date_joined", "author__language",
    *(
        f"author__profile__{name}" for name in (
            "position", "affiliations", "biography", "biography_html", "language", "orcid",
            "orcid_verified", "links", "photo", "open_to_collaborate", "available_for_advice",
            "supervising_students", "show_email", "created", "updated", "search_name",
            "search_tags", "search_body", "search_vector",
        )
    ),
]  # fmt: skip


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    threads = Thread.objects.visible_to(request.user).with_read_state(request.user)
    unread = Q(last_read__isnull=True) | Q(last_read__lt=F("last_position"))
    stats = {
        row["category"]: row
        for row in threads.filter(is_deleted=False)
        .order_by()
        .values("category")
        .annotate(
            thread_count=Count("pk"),
            unread_count=Count("pk", filter=unread),
            last_activity=Max("last_activity"),
        )
    }
    categories = list(Category.objects.all())
    for item in categories:
        row = stats.get(item.pk, {})
        item.thread_count = row.get("thread_count", 0)
        item.unread_count = row.get("unread_count", 0)
        item.last_activity = row.get("last_activity")
    latest = (
        threads.filter(is_deleted=False)
        .select_related("category", "author__profile")
        .order_by("-last_activity")[:LATEST_THREADS]
    )
    return render(
        request,
        "forum/index.html",
        {
            "categories": categories,
            "latest": latest,
            "can_manage": permissions.can_moderate(request.user),
            "title": _("Forum"),
        },
    )


@require_GET
def category(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    threads = (
        Thread.objects.visible_to(request.user)
        .filter(category=category)
        .select_related("author__profile")
        .with_read_state(request.user)
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    level = (
        Subscription.objects.filter(user=request.user, category=category)
        .values_list("level", flat=True)
        .first()
    )
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "page": page,
            "subscription": level,
            "can_start": permissions.can_start_thread(request.user, category),
            "title": category.name,
        },
    )


def _thread(moderator: bool, *, user_id: int, pk: int):
    """The thread ``pk`` if the member ``user_id`` may read it, with their read state and
    subscription (two subqueries) and whether it has themes or regions."""
    read_state = ReadState.objects.filter(user_id=user_id, thread=OuterRef("pk"))
    subscription = Subscription.objects.filter(user_id=user_id, thread=OuterRef("pk"))
    return (
        Thread.objects.visible_to_member(user_id, moderator=moderator)
        .annotate(
            my_last_read=Subquery(read_state.values("last_read_position")[:1]),
            my_subscription=Subquery(subscription.values("level")[:1]),
            **{
                f"has_{name}": Exists(topics.filter(thread=OuterRef("pk")))
                for name, topics in TOPICS
            },
        )
        .select_related(
            "category",
            "author__profile",
            "initiative__workspace",
            "workspace",
            "practice__institute",
            "practice__country",
        )
        .defer(*THREAD_UNSHOWN)
        .filter(pk=pk)
        .order_by()[:1]
    )


def _page_of_posts(
    how: str, bound: int, size: int, *, user_id: int, thread_id: int, post_type: int
):
    """A window (``paging.window_of``) of the thread's posts in tree order, each with whether
    it has files (most have none: no query for them then) and which of the reactions are the
    reader's own. ``post_type``: the content type of posts, that files name."""
    files = Attachment.objects.filter(content_type_id=post_type, object_id=OuterRef("pk"))
    own = Reaction.objects.filter(post=OuterRef("pk"), user_id=user_id)
    posts = (
        Post.objects.filter(thread_id=thread_id)
        .select_related("author__institute", "author__profile", "reply_to__author")
        .only(*SHOWN)
        .annotate(
            has_files=Exists(files),
            **{f"mine_{kind}": Exists(own.filter(kind=kind)) for kind in Reaction.Kind.values},
        )
        .in_tree_order()
    )
    return paging.in_window(posts, thread_id, how, bound, size)


@require_GET
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    # Both main queries are compiled once per process and shape (core.compiled): building and
    # compiling them took ten times as long as the database took to answer them.
    found = is_member(user) and compiled.fetch(
        _thread, (is_moderator(user),), user_id=user.pk, pk=pk
    )
    if not found:
        raise Http404
    [thread] = found
    _prefetch_topics(thread)
    paginator = Paginator([], POSTS_PER_PAGE)
    paginator.count = thread.last_position  # every post has a place, tombstones included
    number = request.GET.get("page")
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    window = paging.window_of(page)
    page_posts = compiled.fetch(
        _page_of_posts,
        window,
        user_id=user.pk,
        thread_id=thread.pk,
        post_type=ContentType.objects.get_for_model(Post).pk,
    )
    if window[0] in paging.BACKWARDS:
        page_posts.reverse()
    page.object_list = page_posts
    paging.attach_files(page_posts)
    has_state = thread.my_last_read is not None
    last_read = thread.my_last_read or 0
    facts = permissions.PageFacts(user, thread, visible_to_user=True)  # read by visible_to
    for post in page_posts:
        post.thread = thread
        post.is_unread = post.position > last_read
        post.my_reactions = {kind for kind in Reaction.Kind.values if getattr(post, f"mine_{kind}")}
        post.can = permissions.post_abilities(user, post, facts)
    fragments.attach(request, thread, page_posts)
    if page_posts and last_read < thread.last_position:  # read to the end: nothing to write
        through = (
            thread.last_position if page.number == paginator.num_pages
            else _read_through(thread, page_posts)
        )  # fmt: skip
        if through > last_read:
            actions.mark_read(user, thread, through, has_state=has_state)
    context = {
        "thread": thread,
        "page": page,
        "posts": page_posts,
        "subscription": thread.my_subscription,
        "reply_form": fragments.reply_form(ReplyForm),
        "can_reply": facts.replies_open,
        "is_moderator": facts.moderator,
        "has_unread": last_read < thread.last_position,
        "title": thread.title,
    }
    context.update(_kind_context(thread, user))
    return render(request, "forum/thread.html", context)


@functools.cache
def _no_topics(name: str):
    """An empty queryset of the topic ``name`` (always empty, so shared by every request)."""
    return getattr(Thread, name).field.related_model.objects.none()


def _prefetch_topics(thread: Thread) -> None:
    """The thread's themes and regions, read only if it has some (``has_themes``,
    ``has_regions``, from its query): most threads have none, and then no query is made."""
    wanted = [name for name, _through in TOPICS if getattr(thread, f"has_{name}")]
    prefetch_related_objects([thread], *wanted)
    kept = thread.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, _through in TOPICS:
        if name not in wanted:
            kept[name] = _no_topics(name)


def _read_through(thread: Thread, page_posts: list[Post]) -> int:
    """The position up to which every post is on this page or an earlier one.

    Posts are in tree order, so a late reply can sit on this page while earlier posts wait on
    the next: reading stops just before the first post still to come.
    """
    still_to_come = Post.objects.filter(thread=thread, path__gt=page_posts[-1].path).aggregate(
        first=Min("position")
    )["first"]
    return thread.last_position if still_to_come is None else still_to_come - 1


def _kind_context(thread: Thread, user) -> dict:
    if thread.kind == Thread.Kind.INITIATIVE and hasattr(thread, "initiative"):
        initiative = thread.initiative
        participations = list(
            initiative.participations.select_related("user__institute", "user__profile").order_by(
                "created"
            )
        )
        mine = next((p for p in participations if p.user_id == user.pk), None)
        workspace = getattr(initiative, "workspace", None)
        terms = [
            (_("Themes"), thread.themes.all()),
            (_("Regions"), thread.regions.all()),
            (_("SDGs"), initiative.sdgs.all()),
            (_("Expertise sought: themes"), initiative.sought_themes.all()),
            (_("Expertise sought: methods"), initiative.sought_methods.all()),
            (_("Expertise sought: regions"), initiative.sought_regions.all()),
        ]
        return {
            "initiative_terms": terms,
            "initiative": initiative,
            "participants": [p for p in participations if p.kind == Participation.Kind.PARTICIPANT],
            "interested": [p for p in participations if p.kind == Participation.Kind.INTERESTED],
            "my_participation": mine,
            "suggested_experts": experts.suggested_experts(initiative, participations),
            "can_change_status": permissions.can_change_initiative_status(user, initiative),
            "can_edit_initiative": permissions.can_edit_initiative(user, initiative),
            "can_join": permissions.can_join_initiative(user, initiative),
            "workspace": workspace
            if workspace and permissions.can_enter_workspace(user, workspace)
            else None,
            "can_open_workspace": workspace is None
            and permissions.can_open_workspace(user, initiative, participations),
            "status_form": InitiativeStatusForm(),
        }
    if thread.kind == Thread.Kind.PRACTICE and hasattr(thread, "practice"):
        practice = thread.practice
        terms = [
            (_("Themes"), thread.themes.all()),
            (_("Regions"), thread.regions.all()),
            (_("SDGs"), practice.sdgs.all()),
        ]
        return {"practice": practice, "practice_terms": terms}
    return {}


@require_GET
def thread_unread(request: HttpRequest, pk: int) -> HttpResponse:
    """Jump to the first post the member has not read yet (or the last one)."""
    thread = visible_thread(request, pk)
    read = ReadState.objects.filter(user=request.user, thread=thread).values_list(
        "last_read_position", flat=True
    )
    last_read = read[0] if read else 0
    target = (
        Post.objects.filter(thread=thread, position__gt=last_read).order_by("position").first()
        or Post.objects.filter(thread=thread).order_by("-position").first()
    )
    if target is None:
        return redirect(thread)
    return redirect(post_url(target))


def start_thread_page(request, form_class, template, title, create, kind_vocabulary=(), *, home=""):
    """Shared by new discussion, initiative and practice: category list, form, action, redirect.

    ``create(user, data, thread_vocab, kind_vocab)`` gets the thread's own vocabulary (themes,
    regions) apart from that of the kind (``kind_vocabulary``: an initiative's, a practice's).

    The category comes preselected: the one named in ``?category=``, else the kind's own
    (``home``, as the Initiatives category for an initiative), else the only one there is. A
    preselected choice offers no blank "---------" to be left at by mistake.
    """
    categories = Category.objects.all()
    if not permissions.can_moderate(request.user):
        categories = categories.filter(moderators_only=False)
    offered = list(categories)
    by_slug = {found.slug: found for found in offered}
    preselected = (
        by_slug.get(request.GET.get("category", ""))
        or by_slug.get(home)
        or (offered[0] if len(offered) == 1 else None)
    )
    form = form_class(
        request.POST or None,
        request.FILES or None,
        categories=categories,
        initial={"category": preselected},
    )
    set_default_language(form, request.user)
    if preselected is not None:
        form.fields["category"].empty_label = None

    def act(data):
        data = dict(data)
        thread_vocab = split_vocabulary(data, [name for name, _label in THREAD_VOCABULARY])
        kind_vocab = split_vocabulary(data, [name for name, _label in kind_vocabulary])
        return create(request.user, data, thread_vocab, kind_vocab)

    return form_page(
        request,
        form,
        template,
        {"title": title},
        act=act,
        then=lambda made: made.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def new_thread(request: HttpRequest) -> HttpResponse:
    def create(user, data, thread_vocab, _kind_vocab):
        return actions.create_thread(user, **data, **thread_vocab)

    return start_thread_page(
        request, ThreadForm, "forum/thread_form.html", _("Start a discussion"), create
    )
