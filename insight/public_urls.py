"""The public versions, under the public site's language prefixes (``config/urls.py``)."""

from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("network/bridges/", views.public_bridges, name="bridges"),
    path("network/collaboration/", views.public_collaboration, name="collaboration"),
    path("network/sdgs/", views.public_sdgs, name="sdgs"),
]
