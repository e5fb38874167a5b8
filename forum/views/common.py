"""What the forum's views share: finding what the member may see, and post addresses. Form
pages go through ``core.views.form_page``."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import actions, permissions
from ..models import Initiative, Post, Thread

POSTS_PER_PAGE = 25
THREADS_PER_PAGE = 30
RESULTS_PER_PAGE = 20


def require_moderator(request: HttpRequest) -> None:
    if not permissions.can_moderate(request.user):
        raise PermissionDenied


def visible_thread(request, pk) -> Thread:
    return get_object_or_404(
        Thread.objects.visible_to(request.user).select_related(
            "category", "author", "initiative", "practice__institute", "practice__country"
        ),
        pk=pk,
    )


def visible_post(request, pk) -> Post:
    return get_object_or_404(
        Post.objects.visible_to(request.user).select_related(
            "thread__category", "thread__practice", "author__profile"
        ),
        pk=pk,
    )


def visible_initiative(request, pk) -> Initiative:
    return get_object_or_404(
        Initiative.objects.filter(
            thread__in=Thread.objects.visible_to(request.user)
        ).select_related("thread"),
        pk=pk,
    )


def page_of(post: Post) -> int:
    before = Post.objects.filter(thread_id=post.thread_id, path__lt=post.path).count()
    return before // POSTS_PER_PAGE + 1


def post_url(post: Post) -> str:
    url = reverse("forum:thread", args=[post.thread_id])
    page = page_of(post)
    return f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}"


def int_or_none(value) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        raise Http404 from None


def posted_text(request) -> str:
    """What a refused form carried, to show back (a post's text, or an initiative's)."""
    fields = ("body", "title", "summary", "objectives")
    return "\n\n".join(text for name in fields if (text := request.POST.get(name, "").strip()))


def locked_against_edits(request, thread: Thread, back: str, *, hidden=False) -> HttpResponse:
    """Refused, saying why, with any text sent shown back so that nothing typed is lost: the
    thread was locked, or (``hidden``) a moderator hid the post while its author edited it."""
    if hidden:
        title = _("This post was hidden by a moderator")
        message = _("A moderator hid this post while you were editing it; nothing was changed.")
    else:
        title = _("This thread is locked")
        message = (
            f"{actions.LOCKED_AGAINST_EDITS} {_('A moderator locked it; nothing was changed.')}"
        )
    return render(
        request,
        "forum/edit_locked.html",
        {
            "thread": thread,
            "back": back,
            "yours": posted_text(request),
            "message": message,
            "title": title,
        },
        status=403,
    )
