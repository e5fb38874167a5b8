"""Institutional sign-in: an institute's own identity provider vouches that a person works there.

Each institute's provider is one app of allauth's ``openid_connect`` provider (``OIDC_INSTITUTES``)
or of its ``saml`` provider (SAML 2.0, ``SAML_INSTITUTES``), configured in the admin (Social
applications) or in the environment, whose settings name the institute
(``"institute": "<acronym>"``). A sign-in through it with a verified address makes the person a
member of that institute; one without a verified address, or an answer that is an error, is
refused, the person signed out and told why, nothing created.

Verified: for OpenID Connect, the provider's ``email_verified`` claim. For SAML, which has no such
standard attribute, the app's ``"verified_email"`` setting (allauth's: ``true``, or the list of
domains whose addresses the institute vouches for), or else an attribute mapped to
``email_verified`` (``attribute_mapping``) that says true.
"""

import logging

from allauth.account.signals import user_logged_in
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.signals import pre_social_login, social_account_added
from django.contrib.auth import logout
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import actions
from .models import Application, Institute, MembershipEvent, User

PROVIDERS = frozenset({"openid_connect", "saml"})
logger = logging.getLogger(__name__)


def institute_of(request, sociallogin) -> Institute | None:
    """The member institute whose identity provider this sign-in came through, if any."""
    # The provider of this sign-in as it came in: several SAML apps may share one provider id.
    provider = getattr(sociallogin, "provider", None) or sociallogin.account.get_provider(request)
    if provider.id not in PROVIDERS:
        return None
    acronym = (provider.app.settings or {}).get("institute")
    return Institute.objects.filter(acronym=acronym, is_member=True).first() if acronym else None


def refusal(request, reason: str, advice: str, status: int):
    """The page of a refused institutional sign-in: the person signed out, told why."""
    logout(request)
    return render(
        request,
        "accounts/institutional_refused.html",
        {"title": _("Sign-in refused"), "reason": reason, "advice": advice},
        status=status,
    )


@receiver(pre_social_login)
def refuse_saml_apps_without_entity_id(sender, request, sociallogin, **kwargs):
    """A SAML app's provider id (the IdP's entity ID) keeps each IdP's accounts apart: without
    it every SAML app's accounts share the provider ``saml``, and one institute's IdP naming
    someone else's identifier (an email address as NameID) would sign in as them."""
    provider = sociallogin.provider
    if provider.id != "saml" or provider.app.provider_id:
        return
    logger.error(
        "SAML app %r has no provider id (the IdP's entity ID): sign-ins refused",
        provider.app.client_id,
    )
    acronym = (provider.app.settings or {}).get("institute") or provider.app.name
    raise ImmediateHttpResponse(
        refusal(
            request,
            _(
                "%(institute)s's sign-in is not completely set up here yet, so it cannot be "
                "used. Nothing was saved and you are not signed in."
            )
            % {"institute": acronym},
            _("Sign in with your email address and password instead."),
            403,
        )
    )


@receiver(pre_social_login)
def refuse_unverified_addresses(sender, request, sociallogin, **kwargs):
    institute = institute_of(request, sociallogin)
    if institute is None:
        return
    if any(address.verified for address in sociallogin.email_addresses):
        return
    names = {"institute": institute.acronym}
    raise ImmediateHttpResponse(
        refusal(
            request,
            _(
                "%(institute)s's sign-in did not confirm your email address, so we cannot "
                "tell that it is yours. Nothing was saved and you are not signed in."
            )
            % names,
            _(
                "Ask %(institute)s's IT service to confirm your address with their sign-in, "
                "or sign in with your email address and password instead."
            )
            % names,
            403,
        )
    )


def refuse_saml_error(request, provider):
    """An answer that failed from an institute's provider, SAML (a status other than success, a
    bad signature, an expired or misdirected assertion) or OpenID Connect (``error=`` on the
    callback, such as ``access_denied``, or a token request refused): refused on the same page,
    not allauth's generic one. allauth has logged the reason."""
    acronym = (provider.app.settings or {}).get("institute") if provider.app else None
    if provider.id not in PROVIDERS or not acronym:
        return
    names = {"institute": acronym}
    raise ImmediateHttpResponse(
        refusal(
            request,
            _(
                "%(institute)s's sign-in answered with an error, so it did not confirm who you "
                "are. Nothing was saved and you are not signed in."
            )
            % names,
            _(
                "Try again; if it fails again, ask %(institute)s's IT service, or sign in with "
                "your email address and password instead."
            )
            % names,
            401,
        )
    )


@transaction.atomic
def admit(request, user: User, sociallogin) -> bool:
    """Make ``user`` a member of the institute whose provider they signed in through."""
    institute = institute_of(request, sociallogin)
    if institute is None or user.is_member or not user.is_active:
        return False
    if user.status == User.Status.DEACTIVATED:
        return False  # a moderator's decision stands
    actions._make_member(user, institute)
    Application.objects.filter(user=user, status=Application.Status.PENDING).update(
        status=Application.Status.APPROVED,
        decided_at=timezone.now(),
        reason="institutional sign-in",
    )
    MembershipEvent.objects.create(
        user=user,
        kind=MembershipEvent.Kind.JOINED_BY_DOMAIN,
        reason=f"Signed in through {institute.acronym}'s identity provider "
        f"({sociallogin.account.provider})",
    )
    return True


@receiver(user_logged_in)
def admit_on_sign_in(sender, request, user, sociallogin=None, **kwargs):
    if sociallogin is not None:
        admit(request, user, sociallogin)


@receiver(social_account_added)
def admit_on_connect(sender, request, sociallogin, **kwargs):
    admit(request, sociallogin.user, sociallogin)
