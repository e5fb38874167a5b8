"""iCalendar (RFC 5545) for events, written with the ``icalendar`` library."""

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODID = "-//Migration Network//Public portal//EN"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _component(event) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"event-{event.pk}@{settings.SITE_URL.split('://')[-1]}")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.local_start)
    item.add("dtend", event.local_end)
    item.add("summary", event.title)
    item.add("description", event.description)
    item.add("url", settings.SITE_URL + event.get_absolute_url())
    location = event.place or event.online_url
    if location:
        item.add("location", location)
    return item


def feed(events, name: str) -> bytes:
    cal = _calendar(name)
    for event in events:
        cal.add_component(_component(event))
    cal.add_missing_timezones()
    return cal.to_ical()


def event_ics(event) -> bytes:
    return feed([event], event.title)


def filename(event) -> str:
    return f"{slugify(event.title)[:60].strip('-') or 'event'}.ics"
