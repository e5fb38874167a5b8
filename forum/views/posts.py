"""A post's pages: replying (with a quote), editing, withdrawing, its history, reacting and
reporting."""

import itertools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimit import consume
from core.views import form_page

from .. import actions, diffs, permissions
from ..forms import EditForm, ReplyForm, ReportForm
from ..mentions import render_post
from ..models import Post, Revision
from .common import (
    int_or_none,
    locked_against_edits,
    post_url,
    visible_post,
    visible_thread,
)


@require_GET
def post(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(post_url(visible_post(request, pk)))


def _quote(post: Post) -> str:
    quoted = "\n".join(f"> {line}" for line in post.body.splitlines())
    return f"@[{post.author.display_name}]:\n{quoted}\n\n"


@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    thread = visible_thread(request, pk)
    if not permissions.can_reply(request.user, thread):
        raise PermissionDenied(_("This thread is locked: it takes no new replies."))
    answered_pk = int_or_none(request.POST.get("reply_to") or request.GET.get("to"))
    answered = None
    if answered_pk:
        answered = get_object_or_404(
            Post.objects.select_related("author__profile"), pk=answered_pk, thread=thread
        )
    initial = {"reply_to": answered.pk if answered else None}
    if quote_pk := int_or_none(request.GET.get("quote")):
        quoted = get_object_or_404(
            Post.objects.readable().select_related("author__profile"), pk=quote_pk, thread=thread
        )
        initial.update(body=_quote(quoted), reply_to=quoted.pk)
        answered = quoted
    return form_page(
        request,
        ReplyForm(request.POST or None, request.FILES or None, initial=initial),
        "forum/reply.html",
        {"thread": thread, "answered": answered, "title": _("Reply")},
        act=lambda data: actions.reply(
            request.user, thread, data["body"], reply_to=answered, files=data["files"]
        ),
        then=post_url,
    )


@require_http_methods(["GET", "POST"])
def edit_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    back = reverse("forum:post", args=[post.pk])
    if permissions.can_delete(request.user, post) and not permissions.can_edit(request.user, post):
        return locked_against_edits(request, post.thread, back)
    if post.is_hidden and post.author_id == request.user.pk and request.method == "POST":
        return locked_against_edits(request, post.thread, back, hidden=True)
    if not permissions.can_edit(request.user, post):
        raise PermissionDenied(_("You can only edit your own posts."))

    def act(data):
        try:
            return actions.edit_post(
                request.user, post, data["body"], expected_version=data["version"]
            )
        except PermissionDenied:
            if not permissions.can_delete(request.user, post):
                raise
            # Locked, or the post hidden, by a moderator after the form was loaded.
            now = Post.objects.get(pk=post.pk)
            return locked_against_edits(request, post.thread, back, hidden=now.is_hidden)
        except actions.EditConflict as conflict:
            return _edit_conflict(request, conflict)

    return form_page(
        request,
        EditForm(request.POST or None, initial={"body": post.body, "version": post.version}),
        "forum/edit.html",
        {"post": post, "title": _("Edit post")},
        act=act,
        then=post_url,
        done=_("Your changes are saved."),
    )


def _edit_conflict(request, conflict: actions.EditConflict) -> HttpResponse:
    """Someone saved first: both texts shown, the member's ready to send again."""
    return render(
        request,
        "forum/edit_conflict.html",
        {
            "post": conflict.current,
            "yours": conflict.attempted_body,
            "form": EditForm(
                initial={"body": conflict.attempted_body, "version": conflict.current.version}
            ),
            "title": _("Someone else saved this post"),
        },
        status=409,
    )


@require_http_methods(["GET", "POST"])
def delete_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    if not permissions.can_delete(request.user, post):
        raise PermissionDenied(_("You can only delete your own posts."))
    if request.method == "POST":
        actions.delete_post(request.user, post)
        messages.success(request, _("Your post is deleted. A note stays in its place."))
        return redirect(post_url(post))
    return render(request, "forum/delete.html", {"post": post, "title": _("Delete post")})


@require_GET
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    if not (
        permissions.can_read_text(request.user, post) or permissions.can_moderate(request.user)
    ):
        raise PermissionDenied(_("This post's text is not available."))
    revisions = list(Revision.objects.filter(post=post).select_related("editor__profile"))
    changes = [
        {"revision": newer, "lines": diffs.changes(older.body, newer.body)}
        for older, newer in itertools.pairwise(revisions)
    ]
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
    post = visible_post(request, pk)
    try:
        actions.toggle_reaction(request.user, post, request.POST.get("kind", ""))
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    return redirect(post_url(post))


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    if not permissions.can_report(request.user, post):
        raise PermissionDenied(_("You cannot report this post."))
    return form_page(
        request,
        ReportForm(request.POST or None),
        "forum/report.html",
        {"post": post, "title": _("Report a post")},
        act=lambda data: actions.report_post(request.user, post, reason=data["reason"]),
        then=lambda _report: post_url(post),
        done=_("Thank you. Moderators will look at this post."),
    )


@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The composer's preview: the text as the post would show it, mentions resolved."""
    consume(request.user, "forum.preview")
    try:
        body = actions.clean_body(request.POST.get("body", ""))
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain")
    html, _mentioned = render_post(body)
    return render(request, "forum/_preview.html", {"html": html})
