"""Who fits: experts ranked by shared themes, methods and places, with the reasons shown.

Used by the forum (an initiative's suggested experts), by profiles (similar experts) and by
"Find collaborators". A focus area counts as all of its themes; a region as every place in it.
"""

import hashlib
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from core import freshness
from core.db import is_postgres

from . import dimensions, facets
from .filters import versions
from .models import Country, Method, Profile, Region, Theme, ids_of

RANKING_SECONDS = 600
THEME_WEIGHT = 3
METHOD_WEIGHT = 2
PLACE_WEIGHT = 2


@dataclass
class ExpertMatch:
    profile: Profile
    score: int
    themes: list = field(default_factory=list)
    methods: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    countries: list = field(default_factory=list)

    @property
    def user(self):
        return self.profile.user

    @property
    def shared(self) -> list:
        """Everything in common, most telling first: for "why" lines in templates."""
        return [*self.themes, *self.methods, *self.countries, *self.regions]


def _overlap(through, column: str, ids: set[int]):
    counts = (
        through.objects.filter(profile_id=OuterRef("pk"), **{f"{column}__in": ids})
        .order_by()
        .values("profile_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def experts_for(
    *,
    themes=(),
    methods=(),
    regions=(),
    countries=(),
    exclude_user_ids=(),
    limit=10,
    tokens=None,
    fields=(),
) -> list[ExpertMatch]:
    """Members' profiles sharing the most with the request, best first, with what they share.

    The ranking and what each ranked profile shares (as term ids and names) are worked out
    once per question and kept until a profile or a term changes (``_cached_plan``); a warm
    call reads only the ranked profiles, through ``of_members()``. ``tokens``: the version
    tokens (``filters.versions()``) when the caller read them already; ``fields``: only these
    columns of the profiles (``QuerySet.only``), for a caller that shows no more.
    """
    request = tuple(
        sorted(ids_of(items)) for items in (themes, methods, regions, countries, exclude_user_ids)
    )
    if not any(request[:4]):
        return []
    plan = _cached_plan(request, limit, tokens)
    if not plan:
        return []
    # Read through of_members(): a plan kept from before a deactivation must not show them.
    profiles = Profile.objects.of_members().select_related("user", "user__institute")
    if fields:
        profiles = profiles.only(*fields)
    found = profiles.in_bulk([pk for pk, _score, _shared in plan])
    ranked = []
    for pk, points, shared in plan:
        if pk in found:
            found[pk].score = points
            match = ExpertMatch(profile=found[pk], score=points)
            for attribute, terms in shared.items():
                model = SHARED_MODELS[attribute]
                setattr(match, attribute, [model(**values) for values in terms])
            ranked.append(match)
    return ranked


# What a shared term keeps in the plan: enough for its label and its link.
SHARED_MODELS = {"themes": Theme, "methods": Method, "countries": Country, "regions": Region}
SHARED_FIELDS = {
    "themes": ("pk", "name", "slug", "parent_id"),
    "methods": ("pk", "name", "slug"),
    "countries": ("pk", "name", "code"),
    "regions": ("pk", "name", "code"),
}


def _plan(request, limit) -> list[tuple[int, int, dict[str, list[dict]]]]:
    """[(profile id, score, {"themes": [term values], ...})], best first: the ranking and what
    each ranked profile shares."""
    themes, methods, regions, countries, exclude_user_ids = request
    parents = dict(Theme.objects.expand(themes).values_list("pk", "parent_id")) if themes else {}
    theme_ids = set(parents)
    leaf_ids = {pk for pk, parent_id in parents.items() if parent_id is not None}
    method_ids = set(methods)
    country_ids = set(countries)
    # A profile's "places" hold every region above its own focus, so the requested regions
    # match directly; a requested country also matches people who work on its sub-region.
    place_ids = set(regions)
    if country_ids:
        place_ids |= set(
            Country.objects.filter(pk__in=country_ids).values_list("subregion_id", flat=True)
        )
    if not (theme_ids or method_ids or place_ids or country_ids):
        return []
    candidates = Profile.objects.exclude(user_id__in=list(exclude_user_ids))
    if is_postgres():
        scored = _scored_from_facets(candidates, leaf_ids, method_ids, place_ids, country_ids)
    else:
        scored = _scored_from_tables(candidates, theme_ids, method_ids, place_ids, country_ids)
    ranking = list(scored.order_by("-score", "-updated", "pk").values_list("pk", "score")[:limit])
    shared = _explain([pk for pk, _score in ranking], theme_ids, method_ids, place_ids, country_ids)
    return [(pk, score, shared[pk]) for pk, score in ranking]


def _scored_from_tables(candidates, theme_ids, method_ids, place_ids, country_ids):
    """Members' profiles scored by counting their terms in the relation tables."""
    score = Value(0)
    if theme_ids:
        score = score + THEME_WEIGHT * _overlap(Profile.themes.through, "theme_id", theme_ids)
    if method_ids:
        score = score + METHOD_WEIGHT * _overlap(Profile.methods.through, "method_id", method_ids)
    if place_ids:
        score = score + PLACE_WEIGHT * _overlap(Profile.places.through, "region_id", place_ids)
    if country_ids:
        score = score + PLACE_WEIGHT * _overlap(
            Profile.countries.through, "country_id", country_ids
        )
    return candidates.of_members().annotate(score=score).filter(score__gt=0)


# Four (values, weight) pairs, then every wanted value: see _scored_from_facets.
FACETS_SCORE_SQL = """(
    SELECT sum(CASE
        WHEN f = ANY(%s::integer[]) THEN %s
        WHEN f = ANY(%s::integer[]) THEN %s
        WHEN f = ANY(%s::integer[]) THEN %s
        WHEN f = ANY(%s::integer[]) THEN %s
    END) FROM unnest({column}) f WHERE f = ANY(%s::integer[])
)"""


def _scored_from_facets(candidates, leaf_ids, method_ids, place_ids, country_ids):
    """PostgreSQL: find and score candidates from the ``facets`` array alone (no joins).

    Members' profiles holding any wanted term come from the array's index (the same set as
    "score above zero" without scoring every profile to learn it), and each is scored by
    walking its own array. Themes are counted by their leaves: the array also holds the focus
    area above each theme, which profiles do not choose themselves.
    """
    terms = dimensions.TERMS_BY_NAME
    weights = [
        (THEME_WEIGHT, [terms["theme"].offset + pk for pk in leaf_ids]),
        (METHOD_WEIGHT, [terms["method"].offset + pk for pk in method_ids]),
        (PLACE_WEIGHT, [terms["region"].offset + pk for pk in place_ids]),
        (PLACE_WEIGHT, [terms["country"].offset + pk for pk in country_ids]),
    ]
    wanted = sorted(value for _weight, values in weights for value in values)
    score = facets.FacetsExpression(
        FACETS_SCORE_SQL,
        [param for weight, values in weights for param in (values, weight)] + [wanted],
        output_field=IntegerField(),
    )
    return candidates.filter(
        facets.holding_all([facets.LISTED]), facets.holding_any(wanted)
    ).annotate(score=score)


def _cached_plan(request, limit, tokens=None) -> list[tuple[int, int, dict[str, list[dict]]]]:
    """The plan for this question, kept until a profile or a term changes (or
    ``RANKING_SECONDS``).

    Ranking scores every member's profile that shares anything (about half of them for a
    typical profile; a fifth of a second over 100,000 on PostgreSQL), while a profile page, an
    initiative or "Find collaborators" asks the same question again and again; what the ranked
    profiles share (four queries) changes with them.
    """
    digest = hashlib.sha256(repr((request, limit)).encode()).hexdigest()
    return freshness.kept(
        lambda: f"directory:experts:{':'.join(tokens or versions())}:{digest}",
        lambda: _plan(request, limit),
        RANKING_SECONDS,
    )


def _explain(ids, theme_ids, method_ids, place_ids, country_ids) -> dict[int, dict]:
    """{profile id: {"themes": [term values], ...}}, what each shares: one query per kind."""
    shared = {pk: {} for pk in ids}
    if not shared:
        return {}
    wanted = [
        ("themes", Profile.themes.through, "theme", theme_ids),
        ("methods", Profile.methods.through, "method", method_ids),
        ("countries", Profile.countries.through, "country", country_ids),
        ("regions", Profile.places.through, "region", place_ids),
    ]
    for attribute, through, column, ids_wanted in wanted:
        if not ids_wanted:
            continue
        fields = SHARED_FIELDS[attribute]
        rows = (
            through.objects.filter(profile_id__in=shared, **{f"{column}_id__in": ids_wanted})
            .order_by(f"{column}_id")  # deterministic: before, the database's own order
            .values_list("profile_id", *(f"{column}__{name}" for name in fields))
        )
        for profile_id, *values in rows:
            shared[profile_id].setdefault(attribute, []).append(
                dict(zip(fields, values, strict=True))
            )
    return shared
