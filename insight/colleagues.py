""" "Colleagues who bridge your themes with others", for a member's home page.

A colleague bridges when they hold one of your themes and also themes of a focus area you
do not work in: they join your approach to another. Read in three queries whatever the size of
the network: your themes, a bounded set of the most recently updated colleagues sharing one,
and those colleagues' themes.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from directory.models import Profile, Theme

CANDIDATES = 200
SHOWN = 5


@dataclass
class Bridge:
    profile: Profile
    shared: list[Theme]
    beyond: list[Theme]


def bridging_colleagues(viewer, profile: Profile) -> list[Bridge]:
    mine = list(profile.themes.only("pk", "name", "slug", "parent_id"))
    if not mine:
        return []
    my_ids = {theme.pk for theme in mine}
    my_areas = {theme.parent_id or theme.pk for theme in mine}
    candidates = (
        Profile.objects.visible_to(viewer)
        .exclude(pk=profile.pk)
        .filter(
            pk__in=Profile.themes.through.objects.filter(theme_id__in=my_ids).values("profile_id")
        )
        .select_related("user", "user__institute")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("pk", "name", "slug", "parent_id"))
        )
        .order_by("-updated", "pk")[:CANDIDATES]
    )
    found = []
    for colleague in candidates:
        themes = list(colleague.themes.all())
        shared = [t for t in themes if t.pk in my_ids]
        beyond = [t for t in themes if (t.parent_id or t.pk) not in my_areas]
        if shared and beyond:
            found.append(Bridge(colleague, shared, beyond))
    found.sort(key=lambda bridge: (-len(bridge.beyond) - len(bridge.shared), bridge.profile.pk))
    return found[:SHOWN]
