from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from portal import actions, caching
from portal.models import Event, Output, Status

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_output(user, *, title="Remittances after the pandemic", status=Status.PUBLISHED, **extra):
    fields = {
        "kind": Output.Kind.REPORT,
        "title": title,
        "date": date(2026, 5, 1),
        "abstract": "What changed in **remittance** flows.",
        **extra,
    }
    output = actions.save_output(
        user,
        Output(**fields),
        relations=extra.pop("relations", {}),
        authors=[user, "A. Guest"],
        submit=status != Status.DRAFT,
    )
    Output.objects.filter(pk=output.pk).update(status=status)
    caching.changed()  # the update above is a direct write: no signal retires kept pages
    output.refresh_from_db()
    return output


def make_event(user, *, title="Climate mobility symposium", status=Status.PUBLISHED, **extra):
    start = extra.pop("start", timezone.now() + timedelta(days=10))
    fields = {
        "kind": Event.Kind.SYMPOSIUM,
        "title": title,
        "start": start,
        "end": extra.pop("end", start + timedelta(hours=6)),
        "time_zone": "Europe/Berlin",
        "place": "Bonn",
        "description": "Two panels on climate mobility.",
        **extra,
    }
    event = actions.save_event(user, Event(**fields), relations={}, submit=True)
    Event.objects.filter(pk=event.pk).update(status=status)
    caching.changed()
    event.refresh_from_db()
    return event


@pytest.fixture
def published_output(member):
    return make_output(member)


@pytest.fixture
def published_event(member):
    return make_event(member)


@pytest.fixture
def berlin():
    return ZoneInfo("Europe/Berlin")


def at(zone, *args) -> datetime:
    return datetime(*args, tzinfo=zone)
