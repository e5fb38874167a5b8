"""How complete a profile is, and the next concrete steps to make it findable."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .models import Profile, Publication

# What a profile holds besides its own columns: each relation's rows, asked in one query.
HELD = ("themes", "methods", "regions", "countries", "languages")


@dataclass
class Completeness:
    percent: int
    nudges: list


def held(profile) -> dict[str, bool]:
    """{relation: whether the profile has any}, for ``HELD`` and publications: one query."""
    exists = {
        f"has_{name}": Exists(
            Profile._meta.get_field(name).remote_field.through.objects.filter(
                profile_id=OuterRef("pk")
            )
        )
        for name in HELD
    }
    exists["has_publications"] = Exists(Publication.objects.filter(profile_id=OuterRef("pk")))
    found = Profile.objects.filter(pk=profile.pk).order_by().values(**exists).get()
    return {name.removeprefix("has_"): bool(value) for name, value in found.items()}


def completeness(profile) -> Completeness:
    has = held(profile)
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
