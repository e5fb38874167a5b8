from allauth.account.adapter import get_adapter
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import Invitation
from .receivers import SESSION_KEY


def _refusal(request, invitation):
    """Why a link cannot be used, and the status that says so; ``None`` if it can."""
    if invitation is None:
        return _("This invitation link is not valid. Check that it was copied whole."), 404
    if invitation.status == Invitation.Status.ACCEPTED:
        return _("This invitation has already been used to create an account."), 410
    if invitation.status == Invitation.Status.REVOKED:
        return _("This invitation was withdrawn by the moderators."), 410
    if invitation.is_expired:
        return _("This invitation has expired. Ask the moderators to send it again."), 410
    if request.user.is_authenticated:
        return _("You are signed in already: invitations are for people without an account."), 409
    return None


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation: shows whom it is for; accepting it opens the sign-up, where
    the invited address counts as verified and the new account joins as a member."""
    invitation = (
        Invitation.objects.select_related("institute", "invited_by").filter(token=token).first()
    )
    refusal = _refusal(request, invitation)
    if refusal is not None:
        message, status = refusal
        return render(
            request,
            "invitations/refused.html",
            {"message": message, "title": _("Invitation")},
            status=status,
        )
    if request.method == "POST":
        request.session[SESSION_KEY] = invitation.token
        get_adapter(request).stash_verified_email(request, invitation.email)
        return redirect("account_signup")
    return render(
        request,
        "invitations/accept.html",
        {"invitation": invitation, "title": _("Your invitation")},
    )
