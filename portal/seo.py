"""What search engines and link previews read: canonical URLs, Open Graph and schema.org."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

from directory.views import json_ld

SCHEMA_TYPES = {
    "report": "Report",
    "policy_brief": "Report",
    "working_paper": "Report",
    "article": "ScholarlyArticle",
    "book": "Book",
    "dataset": "Dataset",
}
ATTENDANCE = "https://schema.org/{}EventAttendanceMode"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def this_page(request) -> str:
    """The page's path in the language it is shown in (``/fr/outputs/`` for the French page,
    even when it was reached at ``/outputs/`` by a French browser)."""
    match = request.resolver_match
    try:
        return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except (AttributeError, NoReverseMatch):
        return request.path


def page(request, *, description: str = "", data=None, og_type: str = "website") -> dict:
    """Template context for ``portal/_base.html``'s head."""
    return {
        "canonical_url": absolute(this_page(request)),
        "og_description": " ".join(strip_tags(description).split()),
        "og_type": og_type,
        "json_ld": json_ld(data) if data else "",
    }


def _organization(institute) -> dict:
    found = {"@type": "Organization", "name": institute.name, "alternateName": institute.acronym}
    if institute.website:
        found["url"] = institute.website
    return found


def network(institutes) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Migration Network",
        "url": absolute("/"),
        "subOrganization": [_organization(institute) for institute in institutes],
    }


def institute(found) -> dict:
    return {
        "@context": "https://schema.org",
        **_organization(found),
        "@id": absolute(reverse("portal:institute", args=[found.pk])),
    }


def _author(author) -> dict:
    person = {"@type": "Person", "name": author.name}
    profile = author.public_profile
    if profile is not None:
        person["url"] = absolute(reverse("directory:public_profile", args=[profile.pk]))
    return person


def output(found) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[found.kind],
        "name": found.title,
        "headline": found.title[:110],
        "url": absolute(found.get_absolute_url()),
        "datePublished": found.date.isoformat(),
        "abstract": strip_tags(found.abstract_html).strip(),
        "author": [_author(author) for author in found.authors.all()],
        "publisher": [_organization(institute) for institute in found.institutes.all()],
        "keywords": [theme.label for theme in found.themes.all()],
    }
    if found.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": found.doi}
        data["sameAs"] = found.doi_url
    if found.pdf:
        data["encoding"] = {
            "@type": "MediaObject",
            "encodingFormat": "application/pdf",
            "contentUrl": absolute(reverse("portal:output_pdf", args=[found.pk])),
        }
    return data


def event(found) -> dict:
    places = []
    if found.place:
        places.append({"@type": "Place", "name": found.place, "address": found.place})
    if found.online_url:
        places.append({"@type": "VirtualLocation", "url": found.online_url})
    mode = "Mixed" if found.place and found.online_url else "Online" if found.online_url else ""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": found.title,
        "url": absolute(found.get_absolute_url()),
        "startDate": found.local_start.isoformat(),
        "endDate": found.local_end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE.format(mode or "Offline"),
        "location": places[0] if len(places) == 1 else places,
        "description": strip_tags(found.description_html).strip(),
        "organizer": [_organization(institute) for institute in found.institutes.all()],
    }
    return data
