"""allauth policy for this network: who may sign up, and how a new account is filled in."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from core.text import clean_display_text

from .institutional import refuse_saml_error
from .signals import sessions_ended


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Anyone may sign up; membership is decided afterwards (by domain or by a moderator).
        return True

    def pre_authenticate(self, request, **credentials):
        """Refuse a sign-in while failed ones are over ``login_failed``, without counting it:
        allauth counts every attempt before checking the password and gives the count back on
        success, so colleagues signing in at once behind one institute address were refused for
        each other's correct sign-ins still being checked. Only failures count here."""
        if not ratelimit.consume(
            request, **self._failed_sign_in(request, credentials), dry_run=True
        ):
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request, **credentials):
        ratelimit.consume(request, **self._failed_sign_in(request, credentials))

    def _failed_sign_in(self, request, credentials) -> dict:
        return {
            "action": "login_failed",
            "key": self._get_login_attempts_cache_key(request, **credentials),
        }

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        if form is not None and "display_name" in form.cleaned_data:
            user.display_name = form.cleaned_data["display_name"]
        # The language they signed up in is theirs until they choose another (the switcher).
        user.language = user.language or translation.get_language() or ""
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and not user.is_member:
            return reverse("accounts:status")
        return super().get_login_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def on_authentication_error(self, request, provider, **kwargs):
        refuse_saml_error(request, provider)
        super().on_authentication_error(request, provider, **kwargs)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = " ".join(part for part in (data.get("first_name"), data.get("last_name")) if part)
        user.display_name = clean_display_text(name or data.get("name") or "")[:120]
        return user


class UserSessionsAdapter(DefaultUserSessionsAdapter):
    """Ending sessions from the session list also closes the WebSockets opened from them."""

    def end_sessions(self, sessions):
        sessions = list(sessions)
        super().end_sessions(sessions)
        by_user = {}
        for session in sessions:
            by_user.setdefault(session.user_id, []).append(session.session_key)
        for user in get_user_model().objects.filter(pk__in=by_user):
            sessions_ended.send(sender=type(user), user=user, session_keys=by_user[user.pk])
