"""ASGI entry point: HTTP through Django; WebSockets through channels, authenticated and
origin-checked (scheme, host and port: ``core.websocket``)."""

import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from core.asgi import get_asgi_application

# Django's handler, keeping the threads that run requests' sync code for the next requests.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from config.routing import websocket_urlpatterns  # noqa: E402
from core.websocket import SiteOriginValidator  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": SiteOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

# What is loaded by now (settings, apps, models, URLs) lives as long as the process: keep it out
# of the collector's full passes, which otherwise walk it all (pauses of 80-160 ms were measured
# in the middle of requests).
gc.freeze()
