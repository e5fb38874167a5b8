"""Demo profiles for ``manage.py load_demo``: invented people, safe to load again."""

import random

from django.db import transaction

from core.markup import render_markdown

from . import indexing
from .actions import ensure_profile, normalize_keyword
from .models import Country, Keyword, Language, Method, Publication, Region, Theme
from .seeding import Vocabulary, invent

# Hand-written profiles for the people the demo guide names; everyone else gets an invented one.
CURATED = {
    "amina.haddad@gcm.unu.example": {
        "position": "Senior Research Fellow",
        "biography": (
            "I study how **remittances** and mobile money shape household resilience in East "
            "Africa, and how diaspora associations finance local development.\n\n"
            "Currently leading a comparative study of remittance corridors between the Gulf "
            "and the Horn of Africa."
        ),
        "themes": ["remittances", "diasporas", "labour-migration-and-skills"],
        "methods": ["census-and-household-surveys", "econometrics", "mixed-methods"],
        "countries": ["KE", "ET", "SO"],
        "regions": ["145"],
        "languages": ["en", "ar", "fr"],
        "keywords": ["mobile money"],
        "open_to_collaborate": True,
        "available_for_advice": True,
        "publications": [
            ("Remittances and household resilience in Kenya", 2023, "Migration Studies"),
            ("Diaspora finance for local development", 2021, "Policy brief"),
        ],
    },
    "tomas.okonkwo@ehs.unu.example": {
        "position": "Research Associate",
        "biography": (
            "I work on **climate mobility** and disaster displacement in West Africa and the "
            "Sahel, combining remote sensing with household surveys."
        ),
        "themes": ["climate-mobility", "disaster-displacement", "environmental-migration"],
        "methods": ["remote-sensing-and-gis", "census-and-household-surveys"],
        "countries": ["NG", "NE", "ML"],
        "regions": ["011"],
        "languages": ["en", "fr"],
        "keywords": ["Sahel"],
        "open_to_collaborate": True,
        "supervising_students": True,
        "publications": [
            (
                "Flood displacement and return in the Niger Delta",
                2024,
                "Population and Environment",
            ),
        ],
    },
}


def _terms(model, keys, field):
    return list(model.objects.filter(**{f"{field}__in": keys}))


def _curated(entry):
    return {
        "position": entry["position"],
        "biography": entry["biography"],
        "themes": _terms(Theme, entry["themes"], "slug"),
        "methods": _terms(Method, entry["methods"], "slug"),
        "countries": _terms(Country, entry["countries"], "code"),
        "regions": _terms(Region, entry["regions"], "code"),
        "languages": _terms(Language, entry["languages"], "code"),
        "open_to_collaborate": entry.get("open_to_collaborate", False),
        "available_for_advice": entry.get("available_for_advice", False),
        "supervising_students": entry.get("supervising_students", False),
        "publications": [
            {"title": title, "year": year, "venue": venue}
            for title, year, venue in entry["publications"]
        ],
        "keywords": entry.get("keywords", []),
    }


@transaction.atomic
def load(people) -> None:
    vocabulary = Vocabulary.load()
    with indexing.deferred():
        for person in people:
            rng = random.Random(person.email)
            content = (
                _curated(CURATED[person.email])
                if person.email in CURATED
                else invent(rng, vocabulary)
            )
            profile = ensure_profile(person)
            for name in (
                "position",
                "biography",
                "open_to_collaborate",
                "available_for_advice",
                "supervising_students",
            ):
                setattr(profile, name, content[name])
            profile.biography_html = render_markdown(profile.biography)
            profile.save()
            for relation in ("themes", "methods", "countries", "regions", "languages"):
                getattr(profile, relation).set(content[relation])
            keywords = []
            for name in content.get("keywords", []):
                keyword, _created = Keyword.objects.get_or_create(
                    normalized=normalize_keyword(name),
                    defaults={"name": name, "proposed_by": person},
                )
                keywords.append(keyword)
            profile.keywords.set(keywords)
            for publication in content["publications"]:
                Publication.objects.get_or_create(
                    profile=profile,
                    title=publication["title"],
                    defaults={"year": publication["year"], "venue": publication["venue"]},
                )
