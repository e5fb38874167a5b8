from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("status/", views.status, name="status"),
    path("settings/", views.settings_overview, name="settings"),
    path("moderation/applications/", views.queue, name="queue"),
    path("moderation/applications/<int:pk>/", views.decide, name="decide"),
    path("moderation/people/", views.people, name="people"),
    path("moderation/people/<int:pk>/access/", views.deactivate, name="deactivate"),
]
