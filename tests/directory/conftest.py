import pytest

from directory import actions
from directory.models import Country, Language, Method, Region, Theme


def terms(model, *keys, field="slug"):
    return list(model.objects.filter(**{f"{field}__in": keys}))


def fill_profile(user, *, themes=(), methods=(), countries=(), regions=(), languages=(), **fields):
    """A profile with these terms (slugs and codes), written directly: tests of reads."""
    profile = actions.ensure_profile(user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    profile.themes.set(terms(Theme, *themes))
    profile.methods.set(terms(Method, *methods))
    profile.countries.set(terms(Country, *countries, field="code"))
    profile.regions.set(terms(Region, *regions, field="code"))
    profile.languages.set(terms(Language, *languages, field="code"))
    profile.refresh_from_db()
    return profile


@pytest.fixture
def alice_profile(member):
    return fill_profile(
        member,
        position="Senior researcher",
        biography="Studies *remittances* and mobile money in East Africa.",
        themes=["remittances", "labour-migration-and-skills"],
        methods=["census-and-household-surveys", "econometrics"],
        countries=["KE", "UG"],
        languages=["en", "fr"],
        open_to_collaborate=True,
    )


@pytest.fixture
def bob_profile(other_member):
    return fill_profile(
        other_member,
        position="Climate mobility researcher",
        themes=["climate-mobility", "remittances"],
        methods=["remote-sensing-and-gis"],
        regions=["002"],
        countries=["BD"],
        languages=["en", "de"],
        available_for_advice=True,
    )
