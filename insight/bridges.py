"""Bridges between approaches: who combines two themes, and which pairs few combine.

``compute(audience)`` reads, in a few grouped queries whatever the number of profiles:

- how many profiles hold each theme and each focus area (a focus area is held through any of
  its themes, or itself);
- how many hold each pair of themes, and each pair of focus areas;
- how many initiatives and published outputs name both sides of each pair of focus areas.

From these it builds the focus-area matrix and the "under-connected" theme pairs: both themes
held by many profiles, combined by far fewer than their numbers would lead one to expect. The
people, initiatives and outputs of one pair are read when that pair is asked for
(``people``, ``joining_initiatives``, ``joining_outputs``), like a directory page.
"""

# ruff: noqa: S608  (table and column names come from model metadata, never from input)

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q
from django.http import QueryDict

from directory.filters import ProfileFilter, directory_profiles
from directory.models import Profile, Theme
from forum.models import Initiative
from portal.models import Output

from . import audiences

UNDER_CONNECTED_SHOWN = 12
# A pair is only called under-connected when each theme is held by at least this many profiles.
UNDER_CONNECTED_MIN_HOLDERS = 3


@dataclass
class Bridges:
    """What the bridges page shows for one audience (kept in the cache: plain data only)."""

    total: int = 0
    areas: list[tuple[int, str, str]] = field(default_factory=list)  # (id, name, slug)
    themes: dict[int, tuple[str, str, int | None]] = field(default_factory=dict)
    held: dict[int, int] = field(default_factory=dict)  # theme or area id -> profiles
    area_pairs: dict[tuple[int, int], int] = field(default_factory=dict)
    theme_pairs: dict[tuple[int, int], int] = field(default_factory=dict)
    area_initiatives: dict[tuple[int, int], int] = field(default_factory=dict)
    area_outputs: dict[tuple[int, int], int] = field(default_factory=dict)
    under_connected: list[tuple[int, int, int, float]] = field(default_factory=list)

    def lift(self, a: int, b: int) -> float | None:
        """Focus areas ``a`` and ``b``: profiles holding both over what their numbers predict."""
        expected = self.held.get(a, 0) * self.held.get(b, 0) / self.total if self.total else 0
        return self.area_pairs.get(key(a, b), 0) / expected if expected else None


def key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _ids_sql(queryset) -> tuple[str, list]:
    sql, params = queryset.order_by().values_list("pk").query.sql_with_params()
    return sql, list(params)


def compute(audience: str) -> Bridges:
    found = Bridges()
    theme_table = Theme._meta.db_table
    for pk, name, slug, parent_id in Theme.objects.values_list("pk", "name", "slug", "parent_id"):
        found.themes[pk] = (name, slug, parent_id)
        if parent_id is None:
            found.areas.append((pk, name, slug))
    try:
        ids_sql, params = _ids_sql(audiences.profiles(audience))
    except EmptyResultSet:
        return found
    through = Profile.themes.through._meta.db_table
    held = (
        f"WITH r(id) AS ({ids_sql}), "
        f"h(pid, tid) AS (SELECT t.profile_id, t.theme_id FROM {through} t "
        "JOIN r ON r.id = t.profile_id), "
        f"a(pid, aid) AS (SELECT DISTINCT h.pid, COALESCE(th.parent_id, th.id) FROM h "
        f"JOIN {theme_table} th ON th.id = h.tid) "
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({ids_sql}) r", params)
        found.total = cursor.fetchone()[0]
        cursor.execute(held + "SELECT tid, COUNT(*) FROM h GROUP BY tid", params)
        singles = dict(cursor.fetchall())
        cursor.execute(held + "SELECT aid, COUNT(*) FROM a GROUP BY aid", params)
        found.held = {**singles, **dict(cursor.fetchall())}
        cursor.execute(
            held + "SELECT x.tid, y.tid, COUNT(*) FROM h x JOIN h y "
            "ON x.pid = y.pid AND x.tid < y.tid GROUP BY x.tid, y.tid",
            params,
        )
        found.theme_pairs = {(x, y): n for x, y, n in cursor.fetchall()}
        cursor.execute(
            held + "SELECT x.aid, y.aid, COUNT(*) FROM a x JOIN a y "
            "ON x.pid = y.pid AND x.aid < y.aid GROUP BY x.aid, y.aid",
            params,
        )
        found.area_pairs = {(x, y): n for x, y, n in cursor.fetchall()}
    found.area_initiatives = _area_pairs_of(
        _themes_of_initiatives(audiences.initiatives(audience)), found.themes
    )
    found.area_outputs = _area_pairs_of(
        _themes_of(audiences.outputs(audience), "themes"), found.themes
    )
    found.under_connected = under_connected(found)
    return found


def _themes_of(queryset, relation: str) -> dict[int, set[int]]:
    themes: dict[int, set[int]] = defaultdict(set)
    for pk, theme in queryset.filter(**{f"{relation}__isnull": False}).values_list("pk", relation):
        themes[pk].add(theme)
    return themes


def _themes_of_initiatives(initiatives) -> dict[int, set[int]]:
    """An initiative's themes: the expertise it seeks and its thread's themes."""
    themes = _themes_of(initiatives, "sought_themes")
    for pk, theme in _themes_of(initiatives, "thread__themes").items():
        themes[pk] |= theme
    return themes


def _area_pairs_of(themes_by_item, themes) -> dict[tuple[int, int], int]:
    counted: dict[tuple[int, int], int] = defaultdict(int)
    for held in themes_by_item.values():
        areas = {themes[t][2] or t for t in held if t in themes}
        for pair in combinations(sorted(areas), 2):
            counted[pair] += 1
    return dict(counted)


def under_connected(found: Bridges) -> list[tuple[int, int, int, float]]:
    """Theme pairs of different focus areas, each held by many, combined by few: (a, b,
    profiles holding both, observed / expected), least connected first."""
    if not found.total:
        return []
    leaves = [
        pk
        for pk, (_name, _slug, parent) in found.themes.items()
        if parent is not None and found.held.get(pk, 0) >= UNDER_CONNECTED_MIN_HOLDERS
    ]
    scored = []
    for a, b in combinations(sorted(leaves), 2):
        if found.themes[a][2] == found.themes[b][2]:
            continue  # two themes of one focus area are not "different approaches"
        expected = found.held[a] * found.held[b] / found.total
        both = found.theme_pairs.get((a, b), 0)
        scored.append((a, b, both, both / expected))
    scored.sort(key=lambda row: (row[3], -min(found.held[row[0]], found.held[row[1]])))
    return scored[:UNDER_CONNECTED_SHOWN]


def directory_query(a: Theme, b: Theme) -> dict[str, str]:
    """The directory's own filter parameters for "holding both": theme=a, also=b (slugs)."""
    return {"theme": a.slug, "also": b.slug}


def people(viewer, a: Theme, b: Theme):
    """Profiles the viewer may see holding both (a focus area through any of its themes): the
    directory's own filter, so the page and the directory link list the same people."""
    data = QueryDict(mutable=True)
    data.update(directory_query(a, b))
    people = directory_profiles(viewer).select_related("user", "user__institute")
    filterset = ProfileFilter(data, queryset=people)
    if not filterset.is_valid():
        return Profile.objects.none()
    return filterset.qs.order_by("search_name", "pk")


def joining_initiatives(audience: str, a: Theme, b: Theme):
    """Initiatives naming both (sought expertise or the thread's themes)."""
    base = audiences.initiatives(audience)
    sides = []
    for theme in (a, b):
        expanded = Theme.objects.expand([theme])
        sides.append(
            Initiative.objects.filter(
                Q(sought_themes__in=expanded) | Q(thread__themes__in=expanded)
            ).values("pk")
        )
    return (
        base.filter(pk__in=sides[0])
        .filter(pk__in=sides[1])
        .select_related("thread")
        .prefetch_related("participations__user")
        .order_by("-status_changed_at", "pk")
    )


def joining_outputs(audience: str, a: Theme, b: Theme):
    base = audiences.outputs(audience)
    for theme in (a, b):
        base = base.filter(
            pk__in=Output.objects.filter(themes__in=Theme.objects.expand([theme])).values("pk")
        )
    return base.order_by("-pk")
