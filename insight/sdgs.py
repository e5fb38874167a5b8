"""What the network contributes per Sustainable Development Goal: published outputs, curated
practices and initiatives naming each goal. The vocabulary holds the 17 goals (not their
targets), so contributions are counted per goal.

``compute(audience)``: for each goal, how many of each kind and the most recent few (titles and
ids, links made when shown). The public sees published outputs and practices moderators made
public; members also curated practices and the initiatives every member reads.
"""

from dataclasses import dataclass, field

from directory.models import SDG
from forum.models import Practice

from . import audiences

SHOWN = 5


@dataclass
class Goal:
    number: int
    name: str
    outputs: list[tuple[int, str]] = field(default_factory=list)
    practices: list[tuple[int, int, str]] = field(default_factory=list)  # (id, thread id, title)
    initiatives: list[tuple[int, str]] = field(default_factory=list)  # (thread id, title)
    counts: dict[str, int] = field(default_factory=dict)


def practices(audience: str):
    if audience == audiences.MEMBERS:
        return Practice.objects.curated().filter(thread__in=audiences.every_member_reads())
    return Practice.objects.public()


def _gather(goals, queryset, kind: str, fields: tuple[str, ...], order: str) -> None:
    """Each row of ``queryset`` naming a goal, as ``fields`` (ids first, the title last)."""
    rows = queryset.filter(sdgs__isnull=False).order_by(order).values_list("sdgs", *fields)
    for goal_id, *shown_fields in rows.iterator(chunk_size=2000):
        goal = goals.get(goal_id)
        if goal is None:
            continue
        goal.counts[kind] = goal.counts.get(kind, 0) + 1
        shown = getattr(goal, kind)
        if len(shown) < SHOWN:
            shown.append(tuple(shown_fields))


def compute(audience: str) -> list[Goal]:
    goals = {
        pk: Goal(number, name)
        for pk, number, name in SDG.objects.values_list("pk", "number", "name")
    }
    _gather(goals, audiences.outputs(audience), "outputs", ("pk", "title"), "-date")
    _gather(goals, practices(audience), "practices", ("pk", "thread_id", "thread__title"), "-pk")
    _gather(
        goals, audiences.initiatives(audience), "initiatives", ("thread_id", "thread__title"), "-pk"
    )
    return sorted(goals.values(), key=lambda goal: goal.number)
