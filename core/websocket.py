"""WebSockets are opened only from the site's own pages: the whole origin is checked.

channels' ``AllowedHostsOriginValidator`` compares host names only, so a page on another port or
scheme of an allowed host (another service on the same machine) could open a socket with the
member's cookies. Here the scheme, host and port of ``Origin`` must be those of ``SITE_URL`` or of
one of ``CSRF_TRUSTED_ORIGINS`` (``https://*.example.org`` there allows its subdomains), read at
each connection so that settings changed in tests apply.
"""

from channels.security.websocket import OriginValidator
from django.conf import settings


def site_origins() -> list[str]:
    origins = [settings.SITE_URL, *settings.CSRF_TRUSTED_ORIGINS]
    # channels writes "any subdomain of" as a leading dot, Django as "*.".
    return list(dict.fromkeys(origin.rstrip("/").replace("://*.", "://.") for origin in origins))


class SiteOriginValidator(OriginValidator):
    def __init__(self, application):
        super().__init__(application, allowed_origins=())

    def validate_origin(self, parsed_origin):
        return any(self.match_allowed_origin(parsed_origin, origin) for origin in site_origins())
