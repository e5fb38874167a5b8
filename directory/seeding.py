"""Invented but plausible profiles, for the demo, for load tests and for the benchmark.

Every person here is made up: names are drawn from lists of common first and family names.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Institute, User

from . import indexing, search
from .filters import data_changed
from .models import Country, Language, Method, Profile, Publication, Region, Theme

FIRST_NAMES = [
    "Amina",
    "Tomás",
    "Lena",
    "Kwame",
    "Mei",
    "Rahul",
    "Sofia",
    "Yusuf",
    "Ana",
    "Olusegun",
    "Ingrid",
    "Farah",
    "Mateo",
    "Chiara",
    "Dmitri",
    "Nadia",
    "Kofi",
    "Aiko",
    "Laila",
    "Jonas",
    "Zeynep",
    "Camila",
    "Thandiwe",
    "Hamid",
    "Elena",
    "Mariam",
    "Pablo",
    "Yaw",
    "Hana",
    "Omar",
    "Lucía",
    "Arjun",
    "Fatou",
    "Henrik",
    "Noor",
    "Bilal",
    "Rosa",
    "Tariq",
    "Nia",
    "Émile",
    "Ayşe",
    "Joaquín",
    "Siddharth",
    "Wanjiru",
    "Björn",
    "Leila",
    "Jamal",
    "Ximena",
    "Chidi",
    "Selin",
    "Ngozi",
    "Malik",
    "Inés",
    "Dong",
    "Priya",
    "Kenji",
    "Zainab",
    "Lars",
    "Adaeze",
]
FAMILY_NAMES = [
    "Haddad",
    "Okonkwo",
    "Schmidt",
    "Mensah",
    "Chen",
    "Sharma",
    "García",
    "Abdi",
    "Silva",
    "Adeyemi",
    "Johansson",
    "Rahimi",
    "López",
    "Romano",
    "Ivanova",
    "Khalil",
    "Owusu",
    "Tanaka",
    "Benali",
    "Weber",
    "Y\u0131lmaz",
    "Torres",
    "Dlamini",
    "Karimi",
    "Petrova",
    "Nakamura",
    "Fernández",
    "Asante",
    "Park",
    "Hussein",
    "Moreno",
    "Gupta",
    "Diallo",
    "Nilsson",
    "Qureshi",
    "Ahmed",
    "Rossi",
    "Mwangi",
    "Dubois",
    "Öztürk",
    "Castillo",
    "Iyer",
    "Kamau",
    "Lindqvist",
    "Mansour",
    "Boateng",
    "Navarro",
    "Nguyen",
    "Ochieng",
    "Müller",
    "Sánchez",
    "Ba",
    "Eriksen",
    "Farouk",
    "Kowalski",
    "Alvarez",
    "Tesfaye",
    "Osei",
]
POSITIONS = (
    "Research Fellow",
    "Senior Researcher",
    "Postdoctoral Fellow",
    "PhD Researcher",
    "Associate Professor",
    "Professor",
    "Policy Analyst",
    "Programme Officer",
    "Data Scientist",
    "Visiting Scholar",
)
VENUES = (
    "International Migration Review",
    "Journal of Ethnic and Migration Studies",
    "Population and Environment",
    "World Development",
    "Migration Studies",
    "Global Networks",
    "Journal of Refugee Studies",
    "Comparative Migration Studies",
    "Policy brief",
    "Working paper",
)
TITLE_OPENINGS = (
    "Rethinking",
    "Measuring",
    "The politics of",
    "Evidence on",
    "Mapping",
    "Beyond",
    "Understanding",
    "New perspectives on",
)
LANGUAGE_CODES = ("en", "fr", "es", "ar", "pt", "de", "ru", "zh", "sw", "hi", "tr", "it", "nl")


@dataclass
class Vocabulary:
    themes: list
    methods: list
    countries: list
    regions: list
    languages: list
    institutes: list = field(default_factory=list)

    @classmethod
    def load(cls):
        return cls(
            themes=list(Theme.objects.leaves()),
            methods=list(Method.objects.all()),
            countries=list(Country.objects.exclude(code="AQ")),
            regions=list(Region.objects.exclude(code="010")),
            languages=list(Language.objects.filter(code__in=LANGUAGE_CODES)),
            institutes=list(Institute.objects.all()),
        )


def invent(rng: random.Random, vocabulary: Vocabulary) -> dict:
    """One invented person's profile content."""
    themes = rng.sample(vocabulary.themes, rng.randint(1, 4))
    methods = rng.sample(vocabulary.methods, rng.randint(0, 3))
    countries = rng.sample(vocabulary.countries, rng.choice((0, 1, 1, 2, 3)))
    regions = rng.sample(vocabulary.regions, rng.choice((0, 0, 1, 1, 2)))
    languages = ["en", *rng.sample(LANGUAGE_CODES[1:], rng.randint(0, 2))]
    subject = themes[0].name.lower()
    place = countries[0].name if countries else "comparative perspective"
    return {
        "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}",
        "position": rng.choice(POSITIONS),
        "biography": (
            f"Works on {subject}"
            + (f" with a focus on {place}" if countries else "")
            + (f", using {methods[0].name.lower()}" if methods else "")
            + ". Previously worked with national statistical offices and city governments."
        ),
        "themes": themes,
        "methods": methods,
        "countries": countries,
        "regions": regions,
        "languages": [lang for lang in vocabulary.languages if lang.code in languages],
        "open_to_collaborate": rng.random() < 0.6,
        "available_for_advice": rng.random() < 0.3,
        "supervising_students": rng.random() < 0.25,
        "publications": [
            {
                "title": f"{rng.choice(TITLE_OPENINGS)} {rng.choice(themes).name.lower()}"
                + (f" in {place}" if countries else ""),
                "year": rng.randint(2008, 2026),
                "venue": rng.choice(VENUES),
            }
            for _ in range(rng.choice((0, 1, 2, 3)))
        ],
    }


def search_texts(user, person: dict, institute_of: dict) -> tuple[str, str, str]:
    """What ``indexing.documents`` would compute, without reading the rows back."""
    institute = institute_of.get(user.institute_id)
    body = [person["position"], person["biography"]]
    if institute is not None:
        body += [institute.name, institute.acronym]
    body += [country.name for country in person["countries"]]
    body += [region.name for region in person["regions"]]
    for publication in person["publications"]:
        body += [publication["title"], publication["venue"]]
    tags = [term.name for term in (*person["themes"], *person["methods"])]
    return search.texts(user.display_name, tags, body)


def create_profiles(count: int, *, seed: int = 2026, batch_size: int = 2000, progress=None):
    """Bulk-create ``count`` members with invented profiles; ``progress(done, total)`` reports."""
    rng = random.Random(seed)
    vocabulary = Vocabulary.load()
    password = make_password(None)
    ancestors, country_places = indexing.place_maps()
    institute_of = {institute.pk: institute for institute in vocabulary.institutes}
    start = User.objects.count()
    now = timezone.now()
    done = 0
    while done < count:
        size = min(batch_size, count - done)
        people = [invent(rng, vocabulary) for _ in range(size)]
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"seed-{seed}-{start + done + n}@seed.example",
                        display_name=person["name"],
                        password=password,
                        status=User.Status.MEMBER,
                        member_since=now - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60)),
                        institute=rng.choice(vocabulary.institutes)
                        if vocabulary.institutes
                        else None,
                    )
                    for n, person in enumerate(people)
                ]
            )
            profiles = Profile.objects.bulk_create(
                [
                    Profile(
                        user=user,
                        position=person["position"],
                        biography=person["biography"],
                        biography_html=f"<p>{person['biography']}</p>",
                        open_to_collaborate=person["open_to_collaborate"],
                        available_for_advice=person["available_for_advice"],
                        supervising_students=person["supervising_students"],
                    )
                    for user, person in zip(users, people, strict=True)
                ]
            )
            for relation, column in (
                ("themes", "theme"),
                ("methods", "method"),
                ("countries", "country"),
                ("regions", "region"),
                ("languages", "language"),
            ):
                through = getattr(Profile, relation).through
                through.objects.bulk_create(
                    [
                        through(profile_id=profile.pk, **{f"{column}_id": term.pk})
                        for profile, person in zip(profiles, people, strict=True)
                        for term in person[relation]
                    ]
                )
            Publication.objects.bulk_create(
                [
                    Publication(profile_id=profile.pk, **publication)
                    for profile, person in zip(profiles, people, strict=True)
                    for publication in person["publications"]
                ]
            )
            Place = Profile.places.through
            Place.objects.bulk_create(
                [
                    Place(profile_id=profile.pk, region_id=region_id)
                    for profile, person in zip(profiles, people, strict=True)
                    for region_id in indexing.places_of(
                        [r.pk for r in person["regions"]],
                        [c.pk for c in person["countries"]],
                        ancestors,
                        country_places,
                    )
                ]
            )
            indexing.store(
                {
                    profile.pk: search_texts(user, person, institute_of)
                    for profile, user, person in zip(profiles, users, people, strict=True)
                }
            )
        done += size
        data_changed()
        if progress:
            progress(done, count)
    return done
