"""Initiatives: proposing, editing, status, joining and leaving."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.views import form_page

from .. import actions, permissions
from ..forms import (
    INITIATIVE_VOCABULARY,
    InitiativeEditForm,
    InitiativeForm,
    InitiativeStatusForm,
)
from ..models import Participation
from .common import locked_against_edits, visible_initiative
from .threads import start_thread_page


@require_http_methods(["GET", "POST"])
def new_initiative(request: HttpRequest) -> HttpResponse:
    def create(user, data, thread_vocab, vocab):
        return actions.propose_initiative(user, **data, thread_vocab=thread_vocab, **vocab)

    return start_thread_page(
        request,
        InitiativeForm,
        "forum/initiative_form.html",
        _("Propose an initiative"),
        create,
        INITIATIVE_VOCABULARY,
        home="initiatives",
    )


@require_POST
def initiative_status(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = visible_initiative(request, pk)
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
    initiative = visible_initiative(request, pk)
    if not permissions.can_change_initiative_status(request.user, initiative):
        raise PermissionDenied(_("Only the proposer or a moderator edits an initiative."))
    thread = initiative.thread
    if not permissions.can_edit_initiative(request.user, initiative):
        return locked_against_edits(request, thread, thread.get_absolute_url())
    initial = {
        "title": thread.title,
        "summary": initiative.summary,
        "objectives": initiative.objectives,
        "institutes": initiative.institutes.all(),
        "themes": thread.themes.all(),
        "regions": thread.regions.all(),
        **{name: getattr(initiative, name).all() for name, _label in INITIATIVE_VOCABULARY},
    }

    def act(data):
        try:
            return actions.edit_initiative(request.user, initiative, **data)
        except PermissionDenied:  # locked by a moderator after the form was loaded
            return locked_against_edits(request, thread, thread.get_absolute_url())

    return form_page(
        request,
        InitiativeEditForm(request.POST or None, initial=initial),
        "forum/initiative_form.html",
        {"initiative": initiative, "title": _("Edit the initiative")},
        act=act,
        then=thread.get_absolute_url(),
        done=_("The initiative is updated."),
    )


@require_POST
def initiative_join(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = visible_initiative(request, pk)
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
    initiative = visible_initiative(request, pk)
    actions.leave_initiative(request.user, initiative)
    messages.success(request, _("You left this initiative."))
    return redirect(initiative.thread)
