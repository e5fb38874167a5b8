from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.views import filtered_page
from invitations import actions
from invitations.models import Invitation

from ..filters import InvitationFilter
from ..forms import ImportForm, InviteForm
from .common import PAGE_SIZE, button_act, require_moderator


def _report(request, made, invitees) -> None:
    if made:
        messages.success(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", len(made))
            % {"count": len(made)},
        )
    refused = [f"{i.email or '?'}: {i.problem}" for i in invitees if i.problem]
    if refused:
        messages.warning(request, _("Not invited: %(list)s.") % {"list": "; ".join(refused)})


@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    """Invite by email (one address or a pasted list), and the invitations sent."""
    require_moderator(request)
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        initial={"language": request.LANGUAGE_CODE},  # the moderator's, unless chosen
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitees = actions.parse_addresses(form.cleaned_data["addresses"])
            made = actions.invite(
                request.user,
                invitees,
                institute=form.cleaned_data["institute"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error("addresses", error)
        else:
            _report(request, made, invitees)
            if made:
                return redirect("moderation:invitations")
            form.add_error("addresses", _("None of these addresses can be invited."))
    found, page = filtered_page(
        request,
        InvitationFilter,
        Invitation.objects.select_related("institute", "invited_by__profile", "accepted_by"),
        PAGE_SIZE,
        status=Invitation.Status.PENDING,
    )
    return render(
        request,
        "moderation/invitations.html",
        {"form": form, "filter": found, "page": page, "title": _("Invitations")},
        status=400 if form.errors else 200,
    )


@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    require_moderator(request)
    invitation = get_object_or_404(Invitation, pk=pk)
    return button_act(
        request,
        partial(actions.resend, request.user, invitation),
        _("The invitation to %(email)s is sent again.") % {"email": invitation.email},
        "moderation:invitations",
    )


@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    require_moderator(request)
    invitation = get_object_or_404(Invitation, pk=pk)
    return button_act(
        request,
        partial(actions.revoke, request.user, invitation),
        _("The invitation to %(email)s is revoked: its link no longer works.")
        % {"email": invitation.email},
        "moderation:invitations",
    )


@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    """An institute's researcher list: the first submission is a dry run that shows what would
    happen to every row and writes nothing; confirming it sends the invitations."""
    require_moderator(request)
    form = ImportForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()),
        initial={"language": request.LANGUAGE_CODE},
    )
    preview = None
    content = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = form.cleaned_data["content"] if not upload else None
        try:
            if upload is not None:
                data = upload.read(actions.MAX_IMPORT_BYTES + 1)
            else:
                data = content.encode("utf-8")
            invitees = actions.parse_researcher_list(data)
            content = data.decode("utf-8-sig")
            institute = form.cleaned_data["institute"]
            if upload is None and request.POST.get("confirm") == "1":
                made = actions.invite(
                    request.user,
                    invitees,
                    institute=institute,
                    source=_("CSV import"),
                    language=form.cleaned_data["language"],
                )
                _report(request, made, invitees)
                return redirect("moderation:invitations")
            preview = actions.check_invitees(invitees)
        except ValidationError as error:
            form.add_error("file", error)
            content = ""
    return render(
        request,
        "moderation/import.html",
        {
            "form": form,
            "preview": preview,
            "content": content,
            "invitable": sum(1 for row in preview or [] if not row.problem),
            "title": _("Import a researcher list"),
        },
        status=400 if form.errors else 200,
    )
