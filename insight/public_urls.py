"""The public versions, under the public site's language prefixes (``config/urls.py``)."""

from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("network/bridges/", views.public_bridges, name="bridges"),
    path("network/collaboration/", views.public_collaboration, name="collaboration"),
    path("network/sdgs/", views.public_sdgs, name="sdgs"),
    path("network/regions/", views.public_regions, name="regions"),
    path("network/regions/compare/", views.public_compare_regions, name="compare_regions"),
    path("network/regions/<str:code>/", views.public_region, name="region"),
]
