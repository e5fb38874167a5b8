from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.orcid.views import OrcidOAuth2Adapter
from django.conf import settings
from django.http import Http404


class OrcidAdapter(OrcidOAuth2Adapter):
    @property
    def authorize_url(self) -> str:
        return f"{settings.ORCID_OAUTH_URL}/oauth/authorize"

    @property
    def access_token_url(self) -> str:
        return f"{settings.ORCID_OAUTH_URL}/oauth/token"

    @property
    def profile_url(self) -> str:
        return f"{settings.ORCID_API_URL}/v3.0/%s/record"


def _configured(view):
    """Without client keys (from the environment or the admin), ORCID sign-in does not exist."""

    def wrapper(request, *args, **kwargs):
        if not settings.ORCID_SIGN_IN and not SocialApp.objects.filter(provider="orcid").exists():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


oauth2_login = _configured(OAuth2LoginView.adapter_view(OrcidAdapter))
oauth2_callback = _configured(OAuth2CallbackView.adapter_view(OrcidAdapter))
