from allauth.account.adapter import get_adapter
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
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
    # The invitee's language, as the moderator chose it, unless this browser chose one already
    # (the language switcher's cookie): this page, and the sign-up it leads to, are in it.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in dict(settings.LANGUAGES) or invitation is None or request.user.is_authenticated:
        language = translation.get_language()
    else:
        language = invitation.language
    with translation.override(language):
        refusal = _refusal(request, invitation)
        if refusal is not None:
            message, status = refusal
            response = render(
                request,
                "invitations/refused.html",
                {"message": message, "title": _("Invitation")},
                status=status,
            )
            response.headers["Content-Language"] = language
            return response
    if request.method == "POST":
        request.session[SESSION_KEY] = invitation.token
        get_adapter(request).stash_verified_email(request, invitation.email)
        response = redirect("account_signup")
        if chosen not in dict(settings.LANGUAGES):
            _remember_language(response, language)
        return response
    with translation.override(language):
        response = render(
            request,
            "invitations/accept.html",
            {"invitation": invitation, "title": _("Your invitation")},
        )
    response.headers["Content-Language"] = language
    return response


def _remember_language(response: HttpResponse, language: str) -> None:
    """The language cookie, as Django's ``set_language`` sets it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
