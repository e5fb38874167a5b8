from django.urls import path
from django.views.generic import RedirectView

from . import views


def moved(name):
    """An address of before the moderation area (/moderation/), leading to its new place."""
    return RedirectView.as_view(pattern_name=f"moderation:{name}", query_string=True)


app_name = "accounts"
urlpatterns = [
    path("status/", views.status, name="status"),
    path("settings/", views.settings_overview, name="settings"),
    path("moderation/applications/", moved("applications"), name="queue"),
    path("moderation/applications/<int:pk>/", moved("decide"), name="decide"),
    path("moderation/people/", moved("people"), name="people"),
    path("moderation/people/<int:pk>/access/", moved("deactivate"), name="deactivate"),
]
