""" "Colleagues who bridge your themes with others", for a member's home page.

A colleague bridges when they hold one of your themes and also themes of a focus area you
do not work in: they join your approach to another. Worked out in two queries whatever the size
of the network (a bounded set of the most recently updated colleagues sharing one of your
themes, and those colleagues' themes), and kept as ids under the profiles' and the terms'
version tokens, so a home page reads only the colleagues shown, through ``visible_to``; the
themes are named from the cached vocabulary (``directory.profile_terms``).
"""

import hashlib
from dataclasses import dataclass

from core import freshness
from directory.models import Profile, Theme
from directory.models.profiles import facts_required
from directory.profile_terms import held_ids, tokens, vocabulary

CANDIDATES = 200
SHOWN = 5
KEPT_SECONDS = 600


@dataclass
class Bridge:
    profile: Profile
    shared: list[Theme]
    beyond: list[Theme]


def bridging_colleagues(viewer, profile: Profile, theme_ids=None, versions=None) -> list[Bridge]:
    """``theme_ids``: the profile's own themes, ``versions``: the version tokens
    (``profile_terms.tokens()``), when the caller read them already."""
    if theme_ids is None:
        theme_ids = held_ids(profile.pk)["themes"]
    if not theme_ids:
        return []
    versions = versions or tokens()  # one round trip for the kept bridges and the vocabulary
    audience = tuple(fact.name for fact in facts_required(viewer))
    question = (profile.pk, audience, tuple(sorted(theme_ids)))
    digest = hashlib.sha256(repr(question).encode()).hexdigest()
    found = freshness.kept(
        lambda: f"insight:bridging:{':'.join(versions)}:{digest}",
        lambda: _bridges(viewer, profile, set(theme_ids), versions),
        KEPT_SECONDS,
    )
    if not found:
        return []
    # Read through visible_to(): kept ids from before a deactivation must not show them.
    colleagues = (
        Profile.objects.visible_to(viewer)
        .select_related("user", "user__institute")
        .in_bulk([pk for pk, _shared, _beyond in found])
    )
    themes = vocabulary(versions[1] if versions else None)["themes"]

    def named(ids):
        return [
            Theme(**dict(zip(("pk", "name", "slug", "parent_id"), themes[pk][1:], strict=True)))
            for pk in ids
            if pk in themes
        ]

    return [
        Bridge(colleagues[pk], named(shared), named(beyond))
        for pk, shared, beyond in found
        if pk in colleagues
    ]


def _bridges(viewer, profile, my_ids: set[int], versions) -> list[tuple[int, list[int], list[int]]]:
    """[(colleague's profile id, shared theme ids, theme ids beyond)], the best ``SHOWN``."""
    themes = vocabulary(versions[1] if versions else None)["themes"]
    my_areas = {themes[pk][4] or pk for pk in my_ids if pk in themes}
    candidates = list(
        Profile.objects.visible_to(viewer)
        .exclude(pk=profile.pk)
        .filter(
            pk__in=Profile.themes.through.objects.filter(theme_id__in=my_ids).values("profile_id")
        )
        .order_by("-updated", "pk")
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    held: dict[int, list[int]] = {pk: [] for pk in candidates}
    for profile_id, theme_id in Profile.themes.through.objects.filter(
        profile_id__in=candidates
    ).values_list("profile_id", "theme_id"):
        if theme_id in themes:
            held[profile_id].append(theme_id)
    found = []
    for pk in candidates:
        ordered = sorted(held[pk], key=lambda theme_id: themes[theme_id][0])
        shared = [t for t in ordered if t in my_ids]
        beyond = [t for t in ordered if (themes[t][4] or t) not in my_areas]
        if shared and beyond:
            found.append((pk, shared, beyond))
    found.sort(key=lambda bridge: (-len(bridge[2]) - len(bridge[1]), bridge[0]))
    return found[:SHOWN]
