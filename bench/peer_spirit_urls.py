"""Spirit's URLs as its project template includes them (``bench/peer_spirit.py``'s site)."""

from django.urls import include, path

urlpatterns = [path("", include("spirit.urls"))]
