import difflib
import itertools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from core.text import strip_invisible

from . import actions, experts, permissions, search
from .filters import PracticeFilter, ReportFilter, ReviewFilter, SearchFilter
from .forms import (
    INITIATIVE_VOCABULARY,
    PRACTICE_VOCABULARY,
    THREAD_VOCABULARY,
    CategoryForm,
    EditForm,
    InitiativeEditForm,
    InitiativeForm,
    InitiativeStatusForm,
    MoveThreadForm,
    PracticeForm,
    PracticeReviewForm,
    ReasonForm,
    ReplyForm,
    ReportForm,
    ResolveReportForm,
    SearchForm,
    ThreadForm,
    ThreadModerationForm,
    split_vocabulary,
)
from .models import (
    Category,
    Initiative,
    ModerationLog,
    Participation,
    Post,
    Practice,
    Reaction,
    ReadState,
    Report,
    Revision,
    Subscription,
    Thread,
)

POSTS_PER_PAGE = 25
THREADS_PER_PAGE = 30
RESULTS_PER_PAGE = 20


def _require_moderator(request: HttpRequest) -> None:
    if not permissions.can_moderate(request.user):
        raise PermissionDenied


def _visible_thread(request, pk) -> Thread:
    return get_object_or_404(
        Thread.objects.visible_to(request.user).select_related(
            "category", "author", "initiative", "practice__institute", "practice__country"
        ),
        pk=pk,
    )


def _visible_post(request, pk) -> Post:
    return get_object_or_404(
        Post.objects.visible_to(request.user).select_related(
            "thread__category", "thread__practice", "author"
        ),
        pk=pk,
    )


def _form_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def page_of(post: Post) -> int:
    before = Post.objects.filter(thread_id=post.thread_id, path__lt=post.path).count()
    return before // POSTS_PER_PAGE + 1


def _post_url(post: Post) -> str:
    url = reverse("forum:thread", args=[post.thread_id])
    page = page_of(post)
    return f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    threads = _with_read_state(Thread.objects.visible_to(request.user), request.user)
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
    return render(
        request,
        "forum/index.html",
        {
            "categories": categories,
            "can_manage": permissions.can_moderate(request.user),
            "title": _("Forum"),
        },
    )


def _with_read_state(threads, user):
    last_read = ReadState.objects.filter(user=user, thread=OuterRef("pk")).values(
        "last_read_position"
    )
    return threads.annotate(last_read=Subquery(last_read[:1]))


@require_GET
def category(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    threads = _with_read_state(
        Thread.objects.visible_to(request.user).filter(category=category).select_related("author"),
        request.user,
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


@require_GET
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = get_object_or_404(
        Thread.objects.visible_to(request.user)
        .select_related(
            "category", "author", "initiative", "practice__institute", "practice__country"
        )
        .prefetch_related("themes", "regions"),
        pk=pk,
    )
    user = request.user
    posts = (
        Post.objects.filter(thread=thread)
        .select_related("author__institute", "reply_to__author")
        .in_tree_order()
    )
    paginator = Paginator(posts, POSTS_PER_PAGE)
    paginator.count = thread.last_position  # every post has a place, tombstones included
    number = request.GET.get("page")
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    page_posts = list(page.object_list)
    read = ReadState.objects.filter(user=user, thread=thread).values_list(
        "last_read_position", flat=True
    )
    last_read = read[0] if read else 0
    mine = set(
        Reaction.objects.filter(user=user, post__in=[p.pk for p in page_posts]).values_list(
            "post_id", "kind"
        )
    )
    for post in page_posts:
        post.thread = thread
        post.is_unread = post.position > last_read
        post.my_reactions = {kind for post_id, kind in mine if post_id == post.pk}
    if page_posts:
        actions.mark_read(user, thread, _read_through(thread, page_posts), has_state=bool(read))
    level = (
        Subscription.objects.filter(user=user, thread=thread)
        .values_list("level", flat=True)
        .first()
    )
    context = {
        "thread": thread,
        "page": page,
        "posts": page_posts,
        "subscription": level,
        "reply_form": ReplyForm(),
        "can_reply": permissions.can_reply(user, thread),
        "is_moderator": permissions.can_moderate(user),
        "has_unread": last_read < thread.last_position,
        "title": thread.title,
    }
    context.update(_kind_context(thread, user))
    return render(request, "forum/thread.html", context)


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
            initiative.participations.select_related("user__institute").order_by("created")
        )
        mine = next((p for p in participations if p.user_id == user.pk), None)
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
    thread = _visible_thread(request, pk)
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
    return redirect(_post_url(target))


@require_GET
def post(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(_post_url(_visible_post(request, pk)))


def _thread_form_view(request, form_class, template, title, create, vocab_names):
    """Shared by new discussion, initiative and practice: category list, form, action, redirect."""
    categories = Category.objects.all()
    if not permissions.can_moderate(request.user):
        categories = categories.filter(moderators_only=False)
    initial = {}
    slug = request.GET.get("category", "")
    if slug_re.fullmatch(slug):  # junk (a NUL byte breaks PostgreSQL) preselects nothing
        initial["category"] = categories.filter(slug=slug).first()
    form = form_class(request.POST or None, categories=categories, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        vocab = split_vocabulary(data, vocab_names)
        try:
            created = create(request.user, data, vocab)
        except ValidationError as error:
            _form_error(form, error)
        else:
            return redirect(created.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, "title": title}, status=status)


@require_http_methods(["GET", "POST"])
def new_thread(request: HttpRequest) -> HttpResponse:
    def create(user, data, vocab):
        return actions.create_thread(user, **data, **vocab)

    names = [name for name, _label in THREAD_VOCABULARY]
    return _thread_form_view(
        request, ThreadForm, "forum/thread_form.html", _("Start a discussion"), create, names
    )


@require_http_methods(["GET", "POST"])
def new_initiative(request: HttpRequest) -> HttpResponse:
    thread_names = [name for name, _label in THREAD_VOCABULARY]

    def create(user, data, vocab):
        thread_vocab = {name: vocab.pop(name) for name in thread_names if name in vocab}
        return actions.propose_initiative(user, **data, thread_vocab=thread_vocab, **vocab)

    names = thread_names + [name for name, _label in INITIATIVE_VOCABULARY]
    return _thread_form_view(
        request,
        InitiativeForm,
        "forum/initiative_form.html",
        _("Propose an initiative"),
        create,
        names,
    )


@require_http_methods(["GET", "POST"])
def new_practice(request: HttpRequest) -> HttpResponse:
    thread_names = [name for name, _label in THREAD_VOCABULARY]

    def create(user, data, vocab):
        thread_vocab = {name: vocab.pop(name) for name in thread_names if name in vocab}
        if "country" in vocab:
            data["country"] = vocab.pop("country")
        return actions.submit_practice(user, **data, thread_vocab=thread_vocab, **vocab)

    names = thread_names + [name for name, _label in PRACTICE_VOCABULARY]
    return _thread_form_view(
        request, PracticeForm, "forum/practice_form.html", _("Submit a practice"), create, names
    )


def _int_or_none(value) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        raise Http404 from None


def _posted_text(request) -> str:
    """What a refused form carried, to show back (a post's text, or an initiative's)."""
    fields = ("body", "title", "summary", "objectives")
    return "\n\n".join(text for name in fields if (text := request.POST.get(name, "").strip()))


def _quote(post: Post) -> str:
    quoted = "\n".join(f"> {line}" for line in post.body.splitlines())
    return f"@[{post.author.display_name}]:\n{quoted}\n\n"


@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _visible_thread(request, pk)
    if not permissions.can_reply(request.user, thread):
        raise PermissionDenied(_("This thread is locked: it takes no new replies."))
    answered_pk = _int_or_none(request.POST.get("reply_to") or request.GET.get("to"))
    answered = None
    if answered_pk:
        answered = get_object_or_404(
            Post.objects.select_related("author"), pk=answered_pk, thread=thread
        )
    initial = {"reply_to": answered.pk if answered else None}
    if quote_pk := _int_or_none(request.GET.get("quote")):
        quoted = get_object_or_404(
            Post.objects.readable().select_related("author"), pk=quote_pk, thread=thread
        )
        initial.update(body=_quote(quoted), reply_to=quoted.pk)
        answered = quoted
    form = ReplyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.reply(
                request.user, thread, form.cleaned_data["body"], reply_to=answered
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            return redirect(_post_url(created))
    return render(
        request,
        "forum/reply.html",
        {"thread": thread, "form": form, "answered": answered, "title": _("Reply")},
        status=400 if form.errors else 200,
    )


def _locked_against_edits(request, thread: Thread, back: str, yours: str) -> HttpResponse:
    """Refused, saying why, with any text sent shown back so that nothing typed is lost."""
    return render(
        request,
        "forum/edit_locked.html",
        {
            "thread": thread,
            "back": back,
            "yours": yours,
            "message": actions.LOCKED_AGAINST_EDITS,
            "title": _("This thread is locked"),
        },
        status=403,
    )


@require_http_methods(["GET", "POST"])
def edit_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    if permissions.can_delete(request.user, post) and not permissions.can_edit(request.user, post):
        return _locked_against_edits(
            request, post.thread, reverse("forum:post", args=[post.pk]), _posted_text(request)
        )
    if not permissions.can_edit(request.user, post):
        raise PermissionDenied(_("You can only edit your own posts."))
    form = EditForm(request.POST or None, initial={"body": post.body, "version": post.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_post(
                request.user,
                post,
                form.cleaned_data["body"],
                expected_version=form.cleaned_data["version"],
            )
        except PermissionDenied:
            if not permissions.can_delete(request.user, post):
                raise
            # Locked by a moderator after the form was loaded.
            return _locked_against_edits(
                request, post.thread, reverse("forum:post", args=[post.pk]), _posted_text(request)
            )
        except actions.EditConflict as conflict:
            return render(
                request,
                "forum/edit_conflict.html",
                {
                    "post": conflict.current,
                    "yours": conflict.attempted_body,
                    "form": EditForm(
                        initial={
                            "body": conflict.attempted_body,
                            "version": conflict.current.version,
                        }
                    ),
                    "title": _("Someone else saved this post"),
                },
                status=409,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_post_url(post))
    return render(
        request,
        "forum/edit.html",
        {"post": post, "form": form, "title": _("Edit post")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def delete_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    if not permissions.can_delete(request.user, post):
        raise PermissionDenied(_("You can only delete your own posts."))
    if request.method == "POST":
        actions.delete_post(request.user, post)
        messages.success(request, _("Your post is deleted. A note stays in its place."))
        return redirect(_post_url(post))
    return render(request, "forum/delete.html", {"post": post, "title": _("Delete post")})


@require_GET
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    if not (
        permissions.can_read_text(request.user, post) or permissions.can_moderate(request.user)
    ):
        raise PermissionDenied(_("This post's text is not available."))
    revisions = list(Revision.objects.filter(post=post).select_related("editor"))
    changes = []
    for older, newer in itertools.pairwise(revisions):
        diff = difflib.unified_diff(
            older.body.splitlines(),
            newer.body.splitlines(),
            fromfile=_("version %(n)s") % {"n": older.version},
            tofile=_("version %(n)s") % {"n": newer.version},
            lineterm="",
        )
        lines = [
            {"text": line, "kind": {"+": "added", "-": "removed", "@": "hunk"}.get(line[:1], "")}
            for line in diff
        ]
        changes.append({"revision": newer, "lines": lines})
    return render(
        request,
        "forum/history.html",
        {
            "post": post,
            "first": revisions[0] if revisions else None,
            "changes": list(reversed(changes)),
            "title": _("History of a post"),
        },
    )


@require_POST
def react(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    try:
        actions.toggle_reaction(request.user, post, request.POST.get("kind", ""))
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    return redirect(_post_url(post))


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    if not permissions.can_report(request.user, post):
        raise PermissionDenied(_("You cannot report this post."))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_post(request.user, post, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Thank you. Moderators will look at this post."))
            return redirect(_post_url(post))
    return render(
        request,
        "forum/report.html",
        {"post": post, "form": form, "title": _("Report a post")},
        status=400 if form.errors else 200,
    )


def _reason_view(request, pk, action, template_title, done_message):
    _require_moderator(request)
    post = _visible_post(request, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(request.user, post, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, done_message)
            return redirect(_post_url(post))
    return render(
        request,
        "forum/post_reason.html",
        {"post": post, "form": form, "title": template_title},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def hide_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_view(request, pk, actions.hide_post, _("Hide a post"), _("The post is hidden."))


@require_http_methods(["GET", "POST"])
def restore_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_view(
        request, pk, actions.restore_post, _("Restore a post"), _("The post is restored.")
    )


@require_http_methods(["GET", "POST"])
def moderate_thread(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    thread = _visible_thread(request, pk)
    action = request.POST.get("action") or request.GET.get("action")
    form = ThreadModerationForm(request.POST or None, initial={"action": action})
    if action not in actions.THREAD_FLAGS:
        raise Http404
    if request.method == "POST" and form.is_valid():
        actions.moderate_thread(
            request.user, thread, form.cleaned_data["action"], reason=form.cleaned_data["reason"]
        )
        messages.success(request, ModerationLog.Action(action).label)
        return redirect(thread)
    return render(
        request,
        "forum/thread_moderate.html",
        {
            "thread": thread,
            "form": form,
            "action_label": ModerationLog.Action(action).label,
            "title": ModerationLog.Action(action).label,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def move_thread(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    thread = _visible_thread(request, pk)
    form = MoveThreadForm(request.POST or None, initial={"category": thread.category})
    if request.method == "POST" and form.is_valid():
        actions.move_thread(
            request.user, thread, form.cleaned_data["category"], reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The thread is moved."))
        return redirect(thread)
    return render(
        request,
        "forum/thread_move.html",
        {"thread": thread, "form": form, "title": _("Move a thread")},
        status=400 if form.errors else 200,
    )


def _level(request) -> str | None:
    level = request.POST.get("level") or None
    if level not in (None, *Subscription.Level.values):
        raise ValidationError(_("Unknown setting."))
    return level


@require_POST
def subscribe_thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _visible_thread(request, pk)
    try:
        actions.set_subscription(request.user, _level(request), thread=thread)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    messages.success(request, _("Your notification setting for this thread is saved."))
    return redirect(thread)


@require_POST
def subscribe_category(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    try:
        actions.set_subscription(request.user, _level(request), category=category)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    messages.success(request, _("Your notification setting for this category is saved."))
    return redirect(category)


def _visible_initiative(request, pk) -> Initiative:
    return get_object_or_404(
        Initiative.objects.filter(
            thread__in=Thread.objects.visible_to(request.user)
        ).select_related("thread"),
        pk=pk,
    )


@require_POST
def initiative_status(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _visible_initiative(request, pk)
    form = InitiativeStatusForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a status."), status=400)
    try:
        actions.change_initiative_status(request.user, initiative, form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(initiative.thread)
    messages.success(request, _("The status is changed."))
    return redirect(initiative.thread)


@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _visible_initiative(request, pk)
    if not permissions.can_change_initiative_status(request.user, initiative):
        raise PermissionDenied(_("Only the proposer or a moderator edits an initiative."))
    thread = initiative.thread
    if not permissions.can_edit_initiative(request.user, initiative):
        return _locked_against_edits(
            request, thread, thread.get_absolute_url(), _posted_text(request)
        )
    initial = {
        "title": thread.title,
        "summary": initiative.summary,
        "objectives": initiative.objectives,
        "institutes": initiative.institutes.all(),
        "themes": thread.themes.all(),
        "regions": thread.regions.all(),
        **{name: getattr(initiative, name).all() for name, _label in INITIATIVE_VOCABULARY},
    }
    form = InitiativeEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_initiative(request.user, initiative, **form.cleaned_data)
        except PermissionDenied:
            # Locked by a moderator after the form was loaded.
            return _locked_against_edits(
                request, thread, thread.get_absolute_url(), _posted_text(request)
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The initiative is updated."))
            return redirect(thread)
    return render(
        request,
        "forum/initiative_form.html",
        {"form": form, "initiative": initiative, "title": _("Edit the initiative")},
        status=400 if form.errors else 200,
    )


@require_POST
def initiative_join(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _visible_initiative(request, pk)
    kind = request.POST.get("kind", Participation.Kind.PARTICIPANT)
    try:
        actions.join_initiative(request.user, initiative, kind)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    if kind == Participation.Kind.PARTICIPANT:
        messages.success(request, _("You joined this initiative."))
    else:
        messages.success(request, _("Your interest is noted."))
    return redirect(initiative.thread)


@require_POST
def initiative_leave(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _visible_initiative(request, pk)
    actions.leave_initiative(request.user, initiative)
    messages.success(request, _("You left this initiative."))
    return redirect(initiative.thread)


@require_http_methods(["GET", "POST"])
def practice_review(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    practice = get_object_or_404(
        Practice.objects.select_related("thread__author", "institute"), pk=pk
    )
    form = PracticeReviewForm(
        request.POST or None, initial={"featured": practice.featured, "status": "curated"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.review_practice(
                request.user,
                practice,
                form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                featured=form.cleaned_data["featured"],
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The review is saved."))
            return redirect("forum:moderation")
    return render(
        request,
        "forum/practice_review.html",
        {"practice": practice, "form": form, "title": _("Review a practice")},
        status=400 if form.errors else 200,
    )


@require_GET
def practices(request: HttpRequest) -> HttpResponse:
    """The Good practices library: curated practices, featured first."""
    queryset = (
        Practice.objects.curated()
        .select_related("thread__author", "institute", "country")
        .prefetch_related("thread__themes", "sdgs")
    )
    filterset = PracticeFilter(request.GET or None, queryset=queryset)
    page = Paginator(filterset.qs, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/practices.html",
        {"filter": filterset, "page": page, "title": _("Good practices")},
    )


@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    data = request.GET.copy()
    data.setdefault("reports-status", Report.Status.OPEN)
    reports = ReportFilter(
        data,
        queryset=Report.objects.select_related("post__thread", "post__author", "reporter"),
        prefix="reports",
    )
    data.setdefault("practices-status", ReviewFilter.AWAITING)
    reviews = ReviewFilter(
        data,
        queryset=Practice.objects.select_related("thread__author", "reviewed_by"),
        prefix="practices",
    )
    report_page = Paginator(reports.qs, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/moderation.html",
        {
            "reports": reports,
            "reviews": reviews,
            "page": report_page,
            "practices_awaiting": list(reviews.qs[:RESULTS_PER_PAGE]),
            "title": _("Reports and practices"),
        },
    )


@require_http_methods(["GET", "POST"])
def resolve_report(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    report = get_object_or_404(
        Report.objects.select_related("post__thread", "post__author", "reporter"), pk=pk
    )
    form = ResolveReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        try:
            actions.resolve_report(
                request.user,
                report,
                resolution=form.cleaned_data["resolution"],
                dismiss=outcome == "dismiss",
                hide=outcome == "hide",
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The report is handled."))
            return redirect("forum:moderation")
    return render(
        request,
        "forum/report_resolve.html",
        {"report": report, "form": form, "title": _("Handle a report")},
        status=400 if form.errors else 200,
    )


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    entries = ModerationLog.objects.select_related("actor", "thread", "post", "member")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "forum/audit_log.html", {"page": page, "title": _("Moderation log")})


@require_http_methods(["GET", "POST"])
def suspend_member(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    member = get_object_or_404(User.objects.members(), pk=pk)
    if not permissions.can_suspend(request.user, member):
        raise PermissionDenied(_("You may not suspend this member."))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.suspend_member(request.user, member, reason=form.cleaned_data["reason"])
        messages.success(request, _("The member is suspended."))
        return redirect("forum:moderation")
    return render(
        request,
        "forum/suspend.html",
        {"member": member, "form": form, "title": _("Suspend a member")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def category_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    _require_moderator(request)
    instance = get_object_or_404(Category, slug=slug) if slug else None
    form = CategoryForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            category = actions.save_category(request.user, form.save(commit=False))
        except ValidationError as error:
            form.add_error("name", error)
        else:
            return redirect(category)
    return render(
        request,
        "forum/category_form.html",
        {"form": form, "category": instance, "title": _("Category")},
        status=400 if form.errors else 200,
    )


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    posts = Post.objects.visible_to(request.user)
    if not permissions.can_moderate(request.user):
        posts = posts.readable()
    filterset = SearchFilter(request.GET, queryset=posts.select_related("thread", "author"))
    results = search.search_posts(filterset.qs, query) if query else Post.objects.none()
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    for result in page.object_list:
        result.excerpt = search.highlight(result, query)
        result.title_html = search.highlight_title(result, query)
    return render(
        request,
        "forum/search.html",
        {"form": form, "filter": filterset, "query": query, "page": page, "title": _("Search")},
    )


@require_GET
def member_names(request: HttpRequest) -> JsonResponse:
    """Autocomplete for @mentions: up to 10 members whose name contains ``q``."""
    query = strip_invisible(request.GET.get("q", "")).strip()[:60]
    if len(query) < 1:
        return JsonResponse({"results": []})
    people = (
        User.objects.members()
        .filter(display_name__icontains=query)
        .select_related("institute")
        .order_by("display_name")[:10]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "name": person.display_name,
                    "institute": person.institute.acronym if person.institute else "",
                }
                for person in people
            ]
        }
    )


@require_GET
def feeds(request: HttpRequest) -> HttpResponse:
    token = actions.feed_token_for(request.user)
    categories = Category.objects.all()
    return render(
        request,
        "forum/feeds.html",
        {"token": token, "categories": categories, "title": _("Your feeds")},
    )


@require_POST
def reset_feed_token(request: HttpRequest) -> HttpResponse:
    actions.reset_feed_token(request.user)
    messages.success(request, _("Your feed addresses changed; the old ones no longer work."))
    return redirect("forum:feeds")
