"""Regional perspectives: for every M49 region, sub-region and group, the experts who focus on
it, the initiatives, practices, outputs and events about it, and the themes studied there.

``compute(audience)`` returns one ``Place`` per region, kept by ``insight.snapshot`` like the
other insight results. A thing about a sub-region or a country is about every region above it
too (Senegal is in Western Africa, Sub-Saharan Africa, Africa, and the LDC group): profiles
carry that already (``Profile.places``, kept by the directory); threads and outputs are lifted
here through the vocabularies; an event, which has only a place in words, is placed through the
country or region its place names (``directory.suggestions``, the same explainable matching).
Internal migration is a facet of the themes vocabulary: the ``internal-*`` themes.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from directory import suggestions
from directory.models import Country, Profile, Region, Theme
from portal.models import Event

from . import audiences
from .sdgs import practices as shown_practices

SHOWN = 6
THEMES_SHOWN = 10
INTERNAL_PREFIX = "internal-"


@dataclass
class Place:
    code: str
    name: str
    kind: str
    parent: str | None  # the code of the region above
    counts: dict[str, int] = field(default_factory=dict)
    experts: list[tuple[int, str, str]] = field(default_factory=list)  # (profile, name, institute)
    initiatives: list[tuple[int, str]] = field(default_factory=list)  # (thread id, title)
    practices: list[tuple[int, int, str]] = field(default_factory=list)  # (id, thread id, title)
    outputs: list[tuple[int, str]] = field(default_factory=list)
    events: list[tuple[int, str]] = field(default_factory=list)
    themes: list[tuple[str, str, int]] = field(default_factory=list)  # (name, slug, experts)
    internal: int = 0  # experts on an internal-migration theme


def _lifts():
    """Region id -> the ids of it and every region above it; country id -> the regions it is in
    (its sub-region and above, and its groups)."""
    parents = dict(Region.objects.values_list("pk", "parent_id"))

    def upward(pk):
        found = []
        while pk is not None and pk not in found:
            found.append(pk)
            pk = parents.get(pk)
        return found

    regions = {pk: upward(pk) for pk in parents}
    countries = defaultdict(set)
    for pk, subregion in Country.objects.values_list("pk", "subregion_id"):
        countries[pk].update(regions.get(subregion, ()))
    for pk, group in Country.groups.through.objects.values_list("country_id", "region_id"):
        countries[pk].add(group)
    return regions, countries


class _Collector:
    def __init__(self, places: dict[int, Place], regions, countries):
        self.places, self.regions, self.countries = places, regions, countries
        self.seen: dict[str, set[tuple[int, object]]] = defaultdict(set)

    def add(self, kind: str, key, shown: tuple, *, regions=(), countries=()) -> None:
        """Count ``key`` (one item) once in each region it is about, lifted upward."""
        lifted = set()
        for region in regions:
            lifted.update(self.regions.get(region, ()))
        for country in countries:
            lifted.update(self.countries.get(country, ()))
        for region in lifted:
            place = self.places.get(region)
            if place is None or (region, key) in self.seen[kind]:
                continue
            self.seen[kind].add((region, key))
            place.counts[kind] = place.counts.get(kind, 0) + 1
            items = getattr(place, kind)
            if len(items) < SHOWN:
                items.append(shown)


def _experts(places: dict[int, Place], profiles) -> None:
    through = Profile.places.through
    counted = through.objects.filter(profile__in=profiles).values("region_id")
    for row in counted.annotate(n=Count("profile_id")):
        if row["region_id"] in places:
            places[row["region_id"]].counts["experts"] = row["n"]
    themes = dict(Theme.objects.values_list("pk", "slug"))
    names = dict(Theme.objects.values_list("pk", "name"))
    by_region = defaultdict(Counter)
    internal = defaultdict(set)
    rows = (
        Profile.themes.through.objects.filter(profile__in=profiles, profile__places__isnull=False)
        .values_list("profile__places", "theme_id", "profile_id")
        .iterator(chunk_size=5000)
    )
    for region, theme, profile in rows:
        by_region[region][theme] += 1
        if themes.get(theme, "").startswith(INTERNAL_PREFIX):
            internal[region].add(profile)
    for region, place in places.items():
        place.themes = [
            (names[pk], themes[pk], n) for pk, n in by_region[region].most_common(THEMES_SHOWN)
        ]
        place.internal = len(internal[region])
        place.experts = [
            (pk, name, acronym or "")
            for pk, name, acronym in profiles.filter(places=region)
            .order_by("-updated", "pk")
            .values_list("pk", "user__display_name", "user__institute__acronym")[:SHOWN]
        ]


def _events(collector: _Collector) -> None:
    rows = list(
        Event.objects.public()
        .exclude(place="")
        .order_by("-start")
        .values_list("pk", "title", "place")
    )
    found = suggestions.find([(pk, place) for pk, _title, place in rows])
    regions_of, countries_of = defaultdict(set), defaultdict(set)
    for suggestion in found:
        target = countries_of if suggestion.kind == "country" else regions_of
        if suggestion.kind in ("country", "region"):
            for pk in suggestion.works:
                target[pk].add(suggestion.term.pk)
    for pk, title, _place in rows:
        collector.add("events", pk, (pk, title), regions=regions_of[pk], countries=countries_of[pk])


def compute(audience: str) -> list[Place]:
    places = {
        pk: Place(code, name, kind, None)
        for pk, code, name, kind in Region.objects.exclude(kind=Region.Kind.GLOBAL)
        .order_by("kind", "order", "name")
        .values_list("pk", "code", "name", "kind")
    }
    codes = {pk: place.code for pk, place in places.items()}
    for pk, parent in Region.objects.filter(pk__in=places).values_list("pk", "parent_id"):
        places[pk].parent = codes.get(parent)
    regions, countries = _lifts()
    collector = _Collector(places, regions, countries)
    _experts(places, audiences.profiles(audience))
    for thread, title, region in (
        audiences.initiatives(audience)
        .order_by("-pk")
        .values_list("thread_id", "thread__title", "thread__regions")
    ):
        collector.add("initiatives", thread, (thread, title), regions=[region])
    for pk, thread, title, region, country in (
        shown_practices(audience)
        .order_by("-pk")
        .values_list("pk", "thread_id", "thread__title", "thread__regions", "country_id")
    ):
        collector.add("practices", pk, (pk, thread, title), regions=[region], countries=[country])
    outputs = audiences.outputs(audience).order_by("-date", "-pk")
    for pk, title, region in outputs.values_list("pk", "title", "regions"):
        collector.add("outputs", pk, (pk, title), regions=[region])
    for pk, title, country in outputs.values_list("pk", "title", "countries"):
        collector.add("outputs", pk, (pk, title), countries=[country])
    _events(collector)
    return list(places.values())
