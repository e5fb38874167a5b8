from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import RedirectView

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("about/", views.about, name="about"),
    path("contact/", views.contact, name="contact"),
    path("search/", views.search, name="search"),
    path("institutes/", views.institutes, name="institutes"),
    path("institutes/<int:pk>/", views.institute, name="institute"),
    path("outputs/", views.outputs, name="outputs"),
    path("outputs/feed.atom", feeds.OutputFeed(), name="outputs_feed"),
    path("outputs/<int:pk>/", views.output, name="output"),
    path("outputs/<int:pk>/document.pdf", views.output_pdf, name="output_pdf"),
    path("events/", views.events, name="events"),
    path("events/calendar.ics", views.calendar_feed, name="calendar"),
    path("events/feed.atom", feeds.EventFeed(), name="events_feed"),
    path("events/<int:pk>/", views.event, name="event"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("events/<int:pk>/register/", views.register, name="register"),
    path(
        "events/registrations/<str:token>/cancel/",
        views.cancel_registration,
        name="cancel_registration",
    ),
    path("practices/", views.practices, name="practices"),
    path("practices/<int:pk>/", views.practice, name="practice"),
    path("experts/", views.experts, name="experts"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path(
        "subscribe/confirm/<str:token>/",
        views.confirm_subscription,
        name="confirm_subscription",
    ),
    path("subscribe/stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("robots.txt", views.robots, name="robots"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    # Members and moderators.
    path("portal/", views.mine, name="mine"),
    path("portal/outputs/new/", views.output_new, name="output_new"),
    path("portal/outputs/<int:pk>/edit/", views.output_edit, name="output_edit"),
    path("portal/events/new/", views.event_new, name="event_new"),
    path("portal/events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path(
        "portal/moderation/",
        RedirectView.as_view(pattern_name="moderation:portal"),
        name="moderation",
    ),
    path("portal/moderation/outputs/<int:pk>/", views.review_output, name="review_output"),
    path("portal/moderation/events/<int:pk>/", views.review_event, name="review_event"),
    path(
        "portal/moderation/practices/<int:pk>/public/",
        views.practice_public,
        name="practice_public",
    ),
]
