"""The portal's views, by topic: the public pages, outputs, events, stakeholders' subscriptions,
members' submissions and the moderators' review. ``portal/urls.py`` names them from here."""

from .events import calendar_feed, cancel_registration, event, event_ics, events, register
from .outputs import output, output_pdf, outputs
from .pages import (
    about,
    contact,
    experts,
    home,
    institute,
    institutes,
    practice,
    practices,
    robots,
    search,
)
from .review import moderation, practice_public, review_event, review_output
from .submissions import event_edit, event_new, mine, output_edit, output_new
from .subscriptions import confirm_subscription, subscribe, unsubscribe

__all__ = [
    "about",
    "calendar_feed",
    "cancel_registration",
    "confirm_subscription",
    "contact",
    "event",
    "event_edit",
    "event_ics",
    "event_new",
    "events",
    "experts",
    "home",
    "institute",
    "institutes",
    "mine",
    "moderation",
    "output",
    "output_edit",
    "output_new",
    "output_pdf",
    "outputs",
    "practice",
    "practice_public",
    "practices",
    "register",
    "review_event",
    "review_output",
    "robots",
    "search",
    "subscribe",
    "unsubscribe",
]
