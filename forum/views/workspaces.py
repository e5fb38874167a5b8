"""Initiative workspaces: the page, its threads, invitations and answering one, going public.

Every page finds the workspace through ``Workspace.objects.visible_to`` (its people and the
moderators while it is private): anyone else gets a 404, as for a thread they may not read.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from attachments.models import Attachment
from core.ratelimit import consume
from core.views import form_page

from .. import actions, experts, permissions
from ..forms import InviteForm, WorkspaceThreadForm
from ..models import Participation, Post, Thread, Workspace, WorkspaceInvitation
from .common import THREADS_PER_PAGE, visible_initiative

WORKSPACE_FILES_SHOWN = 50


def visible_workspace(request, pk) -> Workspace:
    """The workspace of initiative ``pk``, if the member may open it; else 404."""
    initiative = visible_initiative(request, pk)
    return get_object_or_404(
        Workspace.objects.visible_to(request.user).select_related(
            "initiative__thread__author__profile", "initiative__thread__author__institute"
        ),
        initiative=initiative,
    )


@require_http_methods(["GET"])
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    return _workspace_page(request, visible_workspace(request, pk), InviteForm())


def _workspace_page(request, workspace: Workspace, invite_form, status=200) -> HttpResponse:
    user, initiative = request.user, workspace.initiative
    threads = (
        Thread.objects.visible_to(user)
        .filter(workspace=workspace, is_deleted=False)
        .select_related("category", "author__profile")
        .with_read_state(user)
        .order_by("-last_activity")
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    participations = list(
        initiative.participations.select_related("user__institute", "user__profile").order_by(
            "created"
        )
    )
    participants = [
        p.user
        for p in participations
        if p.kind == Participation.Kind.PARTICIPANT and p.user.is_member
    ]
    is_member = workspace.has_member(user)
    pending = []
    suggested = []
    if is_member:
        pending = list(
            workspace.invitations.filter(status=WorkspaceInvitation.Status.PENDING)
            .select_related("invitee__profile", "invitee__institute")
            .order_by("created")
        )
        suggested = experts.suggested_experts(
            initiative, participations, also_exclude={i.invitee_id for i in pending}
        )
    return render(
        request,
        "forum/workspace.html",
        {
            "files": workspace_files(user, workspace),
            "workspace": workspace,
            "initiative": initiative,
            "thread": initiative.thread,
            "page": page,
            "members": [initiative.thread.author, *participants],
            "pending": pending,
            "suggested_experts": suggested,
            "invite_form": invite_form,
            "can_invite": is_member,
            "can_start": is_member,
            "can_make_public": is_member and workspace.private,
            "title": _("Workspace: %(title)s") % {"title": initiative.thread.title},
        },
        status=status,
    )


def workspace_files(user, workspace: Workspace) -> list[Attachment]:
    """The newest files on the posts of the workspace's threads that ``user`` may download,
    each with ``post`` (and its thread) loaded: two queries, whatever their number."""
    posts = Post.objects.files_visible_to(user).filter(thread__workspace=workspace)
    found = list(
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(Post),
            object_id__in=posts.values("pk"),
        )
        .select_related("uploader__profile")
        .order_by("-created", "-pk")[:WORKSPACE_FILES_SHOWN]
    )
    by_pk = Post.objects.select_related("thread").in_bulk({f.object_id for f in found})
    for attachment in found:
        attachment.post = by_pk[attachment.object_id]
    return found


@require_POST
def workspace_open(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = visible_initiative(request, pk)
    workspace = actions.open_workspace(request.user, initiative)
    messages.success(request, _("The workspace is open: only the initiative's people see it."))
    return redirect("forum:workspace", workspace.initiative_id)


@require_http_methods(["GET", "POST"])
def workspace_new_thread(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = visible_workspace(request, pk)
    if not permissions.can_start_workspace_thread(request.user, workspace):
        raise PermissionDenied(_("Only the workspace's members start threads in it."))
    return form_page(
        request,
        WorkspaceThreadForm(request.POST or None, request.FILES or None),
        "forum/workspace_thread_form.html",
        {"workspace": workspace, "title": _("New thread in the workspace")},
        act=lambda data: actions.start_workspace_thread(request.user, workspace, **data),
        then=lambda thread: thread.get_absolute_url(),
        done=_("The thread is started; only the workspace's people see it."),
    )


@require_POST
def workspace_invite(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = visible_workspace(request, pk)
    if not permissions.can_invite(request.user, workspace):
        raise PermissionDenied(_("Only the workspace's members invite people into it."))
    form = InviteForm(request.POST)
    if form.is_valid():
        invitee = form.cleaned_data["invitee"]
        try:
            actions.invite(request.user, workspace, invitee)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(name)s is invited and will be told.") % {"name": invitee.display_name}
            )
            return redirect("forum:workspace", workspace.initiative_id)
    else:
        consume(request.user, "forum.invite")  # looking names up is limited as inviting is
    return _workspace_page(request, workspace, form, status=400)


@require_http_methods(["GET", "POST"])
def workspace_public(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = visible_workspace(request, pk)
    if not permissions.is_workspace_member(request.user, workspace):
        raise PermissionDenied(_("Only the workspace's members make it public."))
    context = {
        "workspace": workspace,
        "thread_count": workspace.threads.filter(is_deleted=False).count(),
        "title": _("Make the workspace public"),
    }
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Confirm that the workspace becomes public."))
            return render(request, "forum/workspace_public.html", context, status=400)
        try:
            actions.make_workspace_public(request.user, workspace)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render(request, "forum/workspace_public.html", context, status=400)
        messages.success(request, _("The workspace is public: every member now reads it."))
        return redirect("forum:workspace", workspace.initiative_id)
    return render(request, "forum/workspace_public.html", context)


@require_http_methods(["GET", "POST"])
def workspace_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitee's page: accept or decline. Anyone else gets a 404."""
    invitation = get_object_or_404(
        WorkspaceInvitation.objects.select_related(
            "invited_by__profile", "workspace__initiative__thread"
        ),
        pk=pk,
        invitee_id=request.user.pk,
    )
    context = {
        "invitation": invitation,
        "thread": invitation.workspace.initiative.thread,
        "title": _("An invitation into a workspace"),
    }
    if request.method == "GET":
        return render(request, "forum/workspace_invitation.html", context)
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, _("Accept or decline the invitation."))
        return render(request, "forum/workspace_invitation.html", context, status=400)
    try:
        actions.answer_invitation(request.user, invitation, accept=answer == "accept")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        invitation.refresh_from_db()
        return render(request, "forum/workspace_invitation.html", context, status=400)
    if answer == "accept":
        messages.success(request, _("Welcome: you take part in this initiative's workspace."))
        return redirect("forum:workspace", invitation.workspace.initiative_id)
    messages.success(request, _("You declined the invitation."))
    return redirect(invitation.workspace.initiative.thread)
