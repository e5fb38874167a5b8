from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from accounts.views import set_language
from portal.api import api as public_api

from . import views

urlpatterns = [
    path("home/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("directory/", include("directory.urls")),
    path("forum/", include("forum.urls")),
    path("insight/", include("insight.urls")),
    path("notifications/", include("notifications.urls")),
    path("messages/", include("conversations.urls")),
    path("moderation/", include("moderation.urls")),
    path("invitations/", include("invitations.urls")),
    path("files/", include("attachments.urls")),
    path("", include("privacy.urls")),
    path("api/", public_api.urls),
    path("admin/", admin.site.urls),
]
# The public site carries its language in the URL (/fr/outputs/, /ar/events/1/); without a
# prefix the page is in the visitor's language (cookie, browser) and reverse() gives the prefix
# of the active language (accounts.middleware.LanguageMiddleware; docs/architecture.md,
# "Languages"). Members' pages have no prefix.
urlpatterns += i18n_patterns(
    path("", views.landing, name="landing"),
    path("", include("portal.urls")),
    path("", include("insight.public_urls")),
    prefix_default_language=False,
)

handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler429 = "config.views.too_many_requests"  # allauth's rate limits answer through it
handler500 = "config.views.server_error"
