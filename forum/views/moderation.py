"""Moderators' pages: hiding posts, thread flags and moves, the reports and practices lists of
the moderation area (``/moderation/``), handling a report, and categories."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from audit.models import Action
from core.views import form_page

from .. import actions
from ..filters import ReportFilter, ReviewFilter
from ..forms import (
    CategoryForm,
    MoveThreadForm,
    ReasonForm,
    ResolveReportForm,
    ThreadModerationForm,
)
from ..models import Category, Practice, Report
from .common import (
    RESULTS_PER_PAGE,
    post_url,
    require_moderator,
    visible_post,
    visible_thread,
)


def _reason_page(request, pk, action, title, done):
    require_moderator(request)
    post = visible_post(request, pk)
    return form_page(
        request,
        ReasonForm(request.POST or None),
        "forum/post_reason.html",
        {"post": post, "title": title},
        act=lambda data: action(request.user, post, reason=data["reason"]),
        then=post_url,
        done=done,
    )


@require_http_methods(["GET", "POST"])
def hide_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_page(request, pk, actions.hide_post, _("Hide a post"), _("The post is hidden."))


@require_http_methods(["GET", "POST"])
def restore_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_page(
        request, pk, actions.restore_post, _("Restore a post"), _("The post is restored.")
    )


@require_http_methods(["GET", "POST"])
def moderate_thread(request: HttpRequest, pk: int) -> HttpResponse:
    require_moderator(request)
    thread = visible_thread(request, pk)
    action = request.POST.get("action") or request.GET.get("action")
    if action not in actions.THREAD_FLAGS:
        raise Http404
    label = Action(action).label
    return form_page(
        request,
        ThreadModerationForm(request.POST or None, initial={"action": action}),
        "forum/thread_moderate.html",
        {"thread": thread, "action_label": label, "title": label},
        act=lambda data: actions.moderate_thread(
            request.user, thread, data["action"], reason=data["reason"]
        ),
        then=lambda moderated: moderated.get_absolute_url(),
        done=label,
    )


@require_http_methods(["GET", "POST"])
def move_thread(request: HttpRequest, pk: int) -> HttpResponse:
    require_moderator(request)
    thread = visible_thread(request, pk)
    return form_page(
        request,
        MoveThreadForm(request.POST or None, initial={"category": thread.category}),
        "forum/thread_move.html",
        {"thread": thread, "title": _("Move a thread")},
        act=lambda data: actions.move_thread(
            request.user, thread, data["category"], reason=data["reason"]
        ),
        then=lambda moved: moved.get_absolute_url(),
        done=_("The thread is moved."),
    )


@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    """Reported posts, open ones first by default: a list of the moderation area."""
    require_moderator(request)
    data = request.GET.copy()
    data.setdefault("status", Report.Status.OPEN)
    reports = ReportFilter(
        data,
        queryset=Report.objects.select_related(
            "post__thread", "post__author__profile", "reporter__profile"
        ),
    )
    page = Paginator(reports.qs, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/moderation_reports.html",
        {"filter": reports, "page": page, "title": _("Reported posts")},
    )


@require_GET
def practice_queue(request: HttpRequest) -> HttpResponse:
    """Practices awaiting review by default: a list of the moderation area."""
    require_moderator(request)
    data = request.GET.copy()
    data.setdefault("status", ReviewFilter.AWAITING)
    reviews = ReviewFilter(
        data,
        queryset=Practice.objects.select_related("thread__author__profile", "reviewed_by__profile"),
    )
    page = Paginator(reviews.qs, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/moderation_practices.html",
        {"filter": reviews, "page": page, "title": _("Practices to review")},
    )


@require_http_methods(["GET", "POST"])
def resolve_report(request: HttpRequest, pk: int) -> HttpResponse:
    require_moderator(request)
    report = get_object_or_404(
        Report.objects.select_related("post__thread", "post__author", "reporter"), pk=pk
    )

    def act(data):
        outcome = data["outcome"]
        return actions.resolve_report(
            request.user,
            report,
            resolution=data["resolution"],
            dismiss=outcome == "dismiss",
            hide=outcome == "hide",
        )

    return form_page(
        request,
        ResolveReportForm(request.POST or None),
        "forum/report_resolve.html",
        {"report": report, "title": _("Handle a report")},
        act=act,
        then="moderation:reports",
        done=_("The report is handled."),
    )


@require_http_methods(["GET", "POST"])
def category_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    require_moderator(request)
    instance = get_object_or_404(Category, slug=slug) if slug else None
    form = CategoryForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        "forum/category_form.html",
        {"category": instance, "title": _("Category")},
        act=lambda data: actions.save_category(request.user, form.save(commit=False)),
        then=lambda saved: saved.get_absolute_url(),
        error_field="name",
    )
