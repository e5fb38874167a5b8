"""Collaboration across institutes: who co-authors with whom, who works together, who could.

``compute(audience)``:

- **co-authorship**: a work is a DOI (case folded) on the publications of two or more profiles
  of the audience (ORCID imports and hand-added ones alike), or a published portal output with
  two or more member authors (keyed by its DOI when it has one, so an output and the
  publications it appears as count once). Each pair of authors from institutes I and J makes
  the work count once for the cell (I, J); people of one institute count on the diagonal.
- **joint initiatives** (members only): the institutes an initiative names, and those of its
  participants.
- **could work together**: pairs of institutes whose members share themes, with no work and no
  initiative in common, most shared themes first.

Everything is counted in grouped queries; the graph's layout is ``insight.graph``.
"""

# ruff: noqa: S608  (table and column names come from model metadata, never from input)

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.core.exceptions import EmptyResultSet
from django.db import connection

from accounts.models import Institute, User
from directory.models import Profile, Publication
from forum.models import Participation
from portal.models import Output, OutputAuthor

from . import audiences, graph

SHOWN_OPPORTUNITIES = 12


@dataclass
class Collaboration:
    institutes: list[tuple[int, str, str]] = field(default_factory=list)  # (id, acronym, name)
    members: dict[int, int] = field(default_factory=dict)  # institute -> profiles
    works: dict[tuple[int, int], int] = field(default_factory=dict)
    initiatives: dict[tuple[int, int], int] = field(default_factory=dict)
    edges: int = 0  # co-authorship edges between people (pairs of authors of a work)
    opportunities: list[tuple[int, int, int]] = field(default_factory=list)  # (i, j, themes)
    layout: dict[int, tuple[float, float]] = field(default_factory=dict)

    def cell(self, a: int, b: int) -> tuple[int, int]:
        pair = (a, b) if a <= b else (b, a)
        return self.works.get(pair, 0), self.initiatives.get(pair, 0)


def _ordered(x: str, y: str) -> tuple[str, str]:
    return (
        f"CASE WHEN {x} <= {y} THEN {x} ELSE {y} END",
        f"CASE WHEN {x} <= {y} THEN {y} ELSE {x} END",
    )


def compute(audience: str) -> Collaboration:
    found = Collaboration()
    try:
        ids_sql, params = (
            audiences.profiles(audience).order_by().values_list("pk").query.sql_with_params()
        )
        outputs_sql, output_params = (
            audiences.outputs(audience).order_by().values_list("pk").query.sql_with_params()
        )
    except EmptyResultSet:
        return found
    params, output_params = list(params), list(output_params)
    publication = Publication._meta.db_table
    profile = Profile._meta.db_table
    user = User._meta.db_table
    author = OutputAuthor._meta.db_table
    output = Output._meta.db_table
    people = (
        f"WITH r(id) AS ({ids_sql}), "
        f"who(pid, uid, inst) AS (SELECT p.id, p.user_id, u.institute_id FROM {profile} p "
        f"JOIN r ON r.id = p.id JOIN {user} u ON u.id = p.user_id "
        "WHERE u.institute_id IS NOT NULL) "
    )
    works = (
        people[:-1] + f", o(id) AS ({outputs_sql}), "
        f"w(k, pid, inst) AS (SELECT LOWER(pb.doi), who.pid, who.inst FROM {publication} pb "
        "JOIN who ON who.pid = pb.profile_id WHERE pb.doi <> '' "
        f"UNION SELECT CASE WHEN op.doi <> '' THEN LOWER(op.doi) ELSE 'output:' || op.id END, "
        f"who.pid, who.inst FROM {author} a JOIN o ON o.id = a.output_id "
        f"JOIN {output} op ON op.id = a.output_id JOIN who ON who.uid = a.member_id) "
    )
    low, high = _ordered("x.inst", "y.inst")
    with connection.cursor() as cursor:
        cursor.execute(people + "SELECT inst, COUNT(*) FROM who GROUP BY inst", params)
        found.members = dict(cursor.fetchall())
        cursor.execute(
            works + f"SELECT {low}, {high}, COUNT(DISTINCT x.k), COUNT(*) FROM w x JOIN w y "
            f"ON x.k = y.k AND x.pid < y.pid GROUP BY {low}, {high}",
            params + output_params,
        )
        for i, j, count, edges in cursor.fetchall():
            found.works[(i, j)] = count
            found.edges += edges
        cursor.execute(
            people + f"SELECT DISTINCT who.inst, t.theme_id FROM "
            f"{Profile.themes.through._meta.db_table} t JOIN who ON who.pid = t.profile_id",
            params,
        )
        themes: dict[int, set[int]] = defaultdict(set)
        for institute, theme in cursor.fetchall():
            themes[institute].add(theme)
    found.initiatives = _joint_initiatives(audience)
    found.institutes = [
        (pk, acronym, name)
        for pk, acronym, name in Institute.objects.order_by("acronym").values_list(
            "pk", "acronym", "name"
        )
        if pk in found.members or any(pk in pair for pair in (*found.works, *found.initiatives))
    ]
    found.opportunities = _opportunities(found, themes)
    found.layout = graph.layout(
        [pk for pk, _a, _n in found.institutes],
        {
            pair: found.works.get(pair, 0) + found.initiatives.get(pair, 0)
            for pair in {*found.works, *found.initiatives}
            if pair[0] != pair[1]
        },
    )
    return found


def _joint_initiatives(audience: str) -> dict[tuple[int, int], int]:
    initiatives = audiences.initiatives(audience)
    involved: dict[int, set[int]] = defaultdict(set)
    for pk, institute in initiatives.filter(institutes__isnull=False).values_list(
        "pk", "institutes"
    ):
        involved[pk].add(institute)
    for pk, institute in (
        Participation.objects.filter(
            initiative__in=initiatives.values("pk"), user__institute__isnull=False
        )
        .values_list("initiative_id", "user__institute_id")
        .distinct()
    ):
        involved[pk].add(institute)
    counted: dict[tuple[int, int], int] = defaultdict(int)
    for institutes in involved.values():
        for pair in combinations(sorted(institutes), 2):
            counted[pair] += 1
    return dict(counted)


def _opportunities(found: Collaboration, themes: dict[int, set[int]]):
    worked = {pair for pair, n in (*found.works.items(), *found.initiatives.items()) if n}
    pairs = []
    for i, j in combinations(sorted(themes), 2):
        shared = len(themes[i] & themes[j])
        if shared and (i, j) not in worked:
            pairs.append((i, j, shared))
    pairs.sort(key=lambda row: (-row[2], row[0], row[1]))
    return pairs[:SHOWN_OPPORTUNITIES]
