"""Pages of conversations: the inbox, one conversation, starting one (from a profile or a forum
post), leaving, blocking, reporting a message, and the moderators' list of reported messages.

A conversation is found only among the member's own (``Conversation.objects.for_member``): a 404
for anyone else, moderators included. A refused write shows the page again with the reason and
everything typed, with status 403 (not allowed) or 400 (the text itself)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import User
from core.views import filtered_page
from forum.models import Post

from . import actions, permissions
from .filters import MessageReportFilter
from .forms import MessageForm, ReportForm, ResolveForm, StartForm
from .models import Block, Conversation, Message, MessageReport, Participant

INBOX_PER_PAGE = 30
MESSAGES_SHOWN = 50
CATCH_UP_LIMIT = 50


def inbox(request):
    seats = Participant.objects.inbox(request.user)
    page = Paginator(seats, INBOX_PER_PAGE).get_page(request.GET.get("page"))
    seats = list(page.object_list)
    everyone = Participant.objects.filter(
        conversation_id__in=[s.conversation_id for s in seats]
    ).select_related("user")
    names: dict[int, list] = {}
    for seat in everyone:
        if seat.user_id != request.user.pk:
            names.setdefault(seat.conversation_id, []).append(seat.user)
    for seat in seats:
        seat.others = names.get(seat.conversation_id, [])
    unread_total = sum(s.unread for s in seats)
    return render(
        request,
        "conversations/inbox.html",
        {"title": _("Messages"), "page": page, "seats": seats, "unread_total": unread_total},
    )


def _conversation_for(request, pk):
    conversation = get_object_or_404(Conversation.objects.for_member(request.user), pk=pk)
    mine, others = actions.seats(conversation, request.user)
    if mine is None:
        raise Http404
    return conversation, mine, others


def _messages(mine, **lookup):
    return (
        Message.objects.readable_by(mine)
        .filter(**lookup)
        .select_related("author__profile")
        .prefetch_related("attachments")
    )


def _page_context(request, conversation, mine, others, form=None, refusal=""):
    before = request.GET.get("before")
    shown = _messages(mine)
    if before and before.isdigit():
        shown = shown.filter(pk__lt=int(before))
    shown = list(shown.order_by("-pk")[: MESSAGES_SHOWN + 1])
    earlier = len(shown) > MESSAGES_SHOWN
    shown = shown[:MESSAGES_SHOWN][::-1]
    unread_from = mine.last_read_id
    if shown:
        actions.mark_read(request.user, mine, shown[-1].pk)
    blocked = set(
        Block.objects.filter(
            blocker=request.user, blocked__in=[p.user_id for p in others]
        ).values_list("blocked_id", flat=True)
    )
    why_not = refusal or permissions.why_not_write(request.user, mine, others)
    return {
        "title": conversation.subject or _("Conversation"),
        "conversation": conversation,
        "mine": mine,
        "others": others,
        "blocked": blocked,
        "shown": shown,
        "unread_from": unread_from,
        "earlier": shown[0].pk if earlier and shown else None,
        "last_id": shown[-1].pk if shown else 0,
        "form": form or MessageForm(),
        "why_not": why_not,
    }


def detail(request, pk):
    conversation, mine, others = _conversation_for(request, pk)
    return render(
        request, "conversations/detail.html", _page_context(request, conversation, mine, others)
    )


@require_POST
def send(request, pk):
    conversation, mine, others = _conversation_for(request, pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            message = actions.send(
                request.user,
                conversation,
                form.cleaned_data["body"],
                files=form.cleaned_data["files"],
            )
        except PermissionDenied as refusal:
            context = _page_context(request, conversation, mine, others, form, str(refusal))
            return render(request, "conversations/detail.html", context, status=403)
        except ValidationError as error:
            for text in error.messages:
                form.add_error("body", text)
        else:
            return redirect(message.get_absolute_url())
    context = _page_context(request, conversation, mine, others, form)
    return render(request, "conversations/detail.html", context, status=400)


def after(request, pk, last_id):
    """The messages after ``last_id`` as the member may read them, rendered, for the open page
    (``static/js/conversation.js``) after a hint or a reconnect; read up to them when the page
    says it is seen (``?seen=1``)."""
    conversation, mine, _others = _conversation_for(request, pk)
    found = list(_messages(mine, pk__gt=last_id).order_by("pk")[: CATCH_UP_LIMIT + 1])
    more = len(found) > CATCH_UP_LIMIT
    found = found[:CATCH_UP_LIMIT]
    if found and request.GET.get("seen") == "1":
        actions.mark_read(request.user, mine, found[-1].pk)
    items = [
        {
            "id": m.pk,
            "html": render_to_string(
                "conversations/_message.html",
                {"message": m, "mine": mine, "user": request.user, "conversation": conversation},
                request=request,
            ),
        }
        for m in found
    ]
    from_others = [m for m in found if m.author_id != request.user.pk]
    if len(from_others) == 1:
        announce = _("New message from %(name)s") % {"name": _author_name(from_others[0])}
    elif from_others:
        announce = ngettext("%(count)d new message", "%(count)d new messages", len(from_others)) % {
            "count": len(from_others)
        }
    else:
        announce = ""
    return JsonResponse({"items": items, "more": more, "announce": announce})


def _author_name(message) -> str:
    return message.author.display_name if message.author else _("A former member")


def start(request):
    """``?to=<member id>`` (from a profile) and ``?post=<post id>`` (from a forum post: its author,
    and a link to the post in the message) fill the form in."""
    chosen, body, subject = [], "", ""
    to = request.GET.get("to", "")
    if to.isdigit():
        chosen = list(User.objects.filter(pk=int(to)).exclude(pk=request.user.pk))
    post_id = request.GET.get("post", "")
    if post_id.isdigit():
        post = get_object_or_404(
            Post.objects.visible_to(request.user).readable().select_related("thread", "author"),
            pk=int(post_id),
        )
        if post.author_id and post.author_id != request.user.pk:
            chosen = [post.author]
        subject = post.thread.title[:150]
        body = _("About your post in [%(title)s](%(url)s):") % {
            "title": post.thread.title.replace("]", ")"),
            "url": request.build_absolute_uri(post.get_absolute_url()),
        }
        body += "\n\n"
    form = StartForm(
        request.POST or None,
        request.FILES or None,
        sender=request.user,
        chosen=chosen,
        initial={"subject": subject, "body": body},
    )
    status = 200
    refusal = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                conversation = actions.start(
                    request.user,
                    form.cleaned_data["recipients"],
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except PermissionDenied as error:
                refusal, status = str(error), 403
            except ValidationError as error:
                for text in error.messages:
                    form.add_error(None, text)
                status = 400
            else:
                return redirect(conversation.get_absolute_url())
        else:
            status = 400
    return render(
        request,
        "conversations/start.html",
        {"title": _("New conversation"), "form": form, "refusal": refusal},
        status=status,
    )


def leave(request, pk):
    conversation, mine, _others = _conversation_for(request, pk)
    if request.method == "POST":
        actions.leave(request.user, conversation)
        messages.success(request, _("You left the conversation."))
        return redirect("conversations:inbox")
    return render(
        request,
        "conversations/leave.html",
        {"title": _("Leave the conversation"), "conversation": conversation, "mine": mine},
    )


@require_POST
def block(request, user_pk):
    other = get_object_or_404(User, pk=user_pk)
    if request.POST.get("unblock"):
        actions.unblock(request.user, other)
        messages.success(
            request, _("%(name)s can write to you again.") % {"name": other.display_name}
        )
    else:
        actions.block(request.user, other)
        messages.success(
            request,
            _("%(name)s can no longer write to you.") % {"name": other.display_name},
        )
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("conversations:blocked")


def blocked(request):
    blocks = Block.objects.filter(blocker=request.user).select_related("blocked").order_by("-id")
    return render(
        request,
        "conversations/blocked.html",
        {"title": _("Blocked members"), "blocks": blocks},
    )


def report(request, message_pk):
    message = get_object_or_404(
        Message.objects.filter(
            conversation__in=Conversation.objects.for_member(request.user)
        ).select_related("author", "conversation"),
        pk=message_pk,
    )
    mine = Participant.objects.get(conversation=message.conversation, user=request.user)
    if not permissions.can_report(request.user, mine, message):
        raise PermissionDenied(_("You can report messages others wrote to you."))
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.report(request.user, message, form.cleaned_data["reason"])
            except ValidationError as error:
                for text in error.messages:
                    form.add_error("reason", text)
            else:
                messages.success(request, _("Thank you: the moderators will look at it."))
                return redirect(message.conversation.get_absolute_url())
    return render(
        request,
        "conversations/report.html",
        {"title": _("Report a message"), "message": message, "form": form},
        status=status,
    )


def reports(request):
    """Moderators: the reported messages, each alone (never its conversation)."""
    if not permissions.can_review_reports(request.user):
        raise PermissionDenied
    found, page = filtered_page(
        request,
        MessageReportFilter,
        MessageReport.objects.select_related("message__author", "reporter", "resolved_by"),
        INBOX_PER_PAGE,
        status=MessageReport.Status.OPEN,
    )
    return render(
        request,
        "conversations/reports.html",
        {"title": _("Reported messages"), "filter": found, "page": page},
    )


@require_POST
def resolve(request, report_pk):
    if not permissions.can_review_reports(request.user):
        raise PermissionDenied
    get_object_or_404(MessageReport, pk=report_pk)
    form = ResolveForm(request.POST)
    resolution = form.cleaned_data["resolution"] if form.is_valid() else ""
    actions.resolve_report(request.user, report_pk, resolution)
    messages.success(request, _("The report is resolved."))
    return redirect(reverse("moderation:messages"))
