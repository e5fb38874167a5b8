from django.urls import path

from . import views

app_name = "insight"
urlpatterns = [
    path("bridges/", views.bridges_page, name="bridges"),
    path("collaboration/", views.collaboration_page, name="collaboration"),
    path("sdgs/", views.sdgs_page, name="sdgs"),
    path("regions/", views.regions_page, name="regions"),
    path("regions/compare/", views.compare_regions, name="compare_regions"),
    path("regions/<str:code>/", views.region_page, name="region"),
]
