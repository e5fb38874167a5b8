"""What the public site shows, as querysets that pages, the API and the sitemap share: public
profiles, public practices and the events still to come."""

from django.utils import timezone

from directory.models import Profile
from forum.models import Practice

from .models import Event


def public_profiles():
    return Profile.objects.public().select_related("user", "user__institute")


def public_practices():
    return (
        Practice.objects.public()
        .select_related("thread", "country", "institute")
        .order_by("-featured", "-curated_at", "-pk")
    )


def next_events():
    """Ongoing events first, then the upcoming ones, soonest first."""
    return Event.objects.public().filter(end__gte=timezone.now()).order_by("start", "pk")
