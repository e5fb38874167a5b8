"""How complete a profile is, and the next concrete steps to make it findable."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass
class Completeness:
    percent: int
    nudges: list


def completeness(profile) -> Completeness:
    checks = [
        (bool(profile.position), _("Add your position")),
        (bool(profile.biography.strip()), _("Write a short biography")),
        (profile.themes.exists(), _("Choose the themes you work on")),
        (profile.methods.exists(), _("Add your methods")),
        (
            profile.regions.exists() or profile.countries.exists(),
            _("Add the regions or countries you work on"),
        ),
        (profile.languages.exists(), _("Add the languages you work in")),
        (profile.publications.exists(), _("Add a publication or import them from ORCID")),
        (bool(profile.orcid), _("Add your ORCID iD")),
        (bool(profile.photo), _("Add a photo")),
    ]
    done = sum(1 for ok, _nudge in checks if ok)
    return Completeness(
        percent=round(100 * done / len(checks)),
        nudges=[nudge for ok, nudge in checks if not ok],
    )
