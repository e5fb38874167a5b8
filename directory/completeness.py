"""How complete a profile is, and the next concrete steps to make it findable."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .profile_terms import held_ids

# What a profile holds besides its own columns: each relation's rows, asked in one query.
HELD = ("themes", "methods", "regions", "countries", "languages")


@dataclass
class Completeness:
    percent: int
    nudges: list


def held(profile) -> dict[str, bool]:
    """{relation: whether the profile has any}, for ``HELD`` and publications: one query."""
    found = held_ids(profile.pk)
    return {name: bool(found[name]) for name in (*HELD, "publications")}


def completeness(profile, has: dict[str, bool] | None = None) -> Completeness:
    """``has``: ``held(profile)``, when the caller read it already."""
    has = held(profile) if has is None else has
    checks = [
        (bool(profile.position), _("Add your position")),
        (bool(profile.biography.strip()), _("Write a short biography")),
        (has["themes"], _("Choose the themes you work on")),
        (has["methods"], _("Add your methods")),
        (has["regions"] or has["countries"], _("Add the regions or countries you work on")),
        (has["languages"], _("Add the languages you work in")),
        (has["publications"], _("Add a publication or import them from ORCID")),
        (bool(profile.orcid), _("Add your ORCID iD")),
        (bool(profile.photo), _("Add a photo")),
    ]
    done = sum(1 for ok, _nudge in checks if ok)
    return Completeness(
        percent=round(100 * done / len(checks)),
        nudges=[nudge for ok, nudge in checks if not ok],
    )
