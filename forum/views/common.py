"""What the forum's views share: finding what the member may see, post addresses, and
``form_page``, the one way a form page is handled."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import actions, permissions
from ..models import Initiative, Post, Thread

POSTS_PER_PAGE = 25
THREADS_PER_PAGE = 30
RESULTS_PER_PAGE = 20


def form_page(
    request: HttpRequest,
    form,
    template: str,
    context: dict,
    *,
    act: Callable[[dict], object],
    then: Callable[[object], str] | str,
    done: str = "",
    error_field: str | None = None,
) -> HttpResponse:
    """Build-try-tell-redirect: on a valid POST, ``act(form.cleaned_data)``; if the action
    refuses (``ValidationError``) its messages join the form's errors. On success, ``done`` is
    shown as a message and the member is sent to ``then`` (a URL or a URL name, or a function of
    what ``act`` returned). Otherwise the page is shown again with what was typed, with status 400
    when the form has errors. An ``act`` may also answer itself (return an ``HttpResponse``).
    ``error_field`` puts the action's refusal on that field rather than on the whole form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = act(form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(error_field, message)
        else:
            if isinstance(result, HttpResponse):
                return result
            if done:
                messages.success(request, done)
            return redirect(then(result) if callable(then) else then)
    status = 400 if form.errors else 200
    return render(request, template, {**context, "form": form}, status=status)


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
