"""Demo data for network insight (``manage.py load_demo``, after the directory's and the
forum's): three people who combine environmental migration with remittances, the initiative
that joins them, and works they co-authored (DOIs shared between profiles). Safe to load again.
"""

from accounts.models import Institute
from directory.models import Publication, Theme
from forum import actions
from forum.models import Category, Initiative, Participation, Thread

BRIDGE = ("environmental-migration", "remittances")
INITIATIVE = "Climate shocks, displacement and remittance flows"
# Works on two members' profiles, as an ORCID import would bring them (10.5555: a test prefix).
SHARED_WORKS = [
    (
        "10.5555/mn-demo.2025.001",
        "Remittances after floods: evidence from the Niger Delta",
        2025,
        ("amina.haddad@gcm.unu.example", "tomas.okonkwo@ehs.unu.example"),
    ),
    (
        "10.5555/mn-demo.2024.002",
        "Diaspora transfers and climate adaptation in the Sahel",
        2024,
        ("tomas.okonkwo@ehs.unu.example", "ingrid.castillo@wider.unu.example"),
    ),
]


def load(people) -> None:
    by_email = {person.email: person for person in people}
    amina = by_email["amina.haddad@gcm.unu.example"]
    tomas = by_email["tomas.okonkwo@ehs.unu.example"]
    ingrid = by_email["ingrid.castillo@wider.unu.example"]
    themes = list(Theme.objects.filter(slug__in=BRIDGE))
    for person in (amina, tomas, ingrid):
        person.profile.themes.add(*themes)
    for doi, title, year, authors in SHARED_WORKS:
        for email in authors:
            Publication.objects.get_or_create(
                profile=by_email[email].profile,
                doi=doi,
                defaults={"title": title, "year": year, "venue": "Migration Studies"},
            )
    if Thread.objects.filter(title=INITIATIVE).exists():
        return
    initiative = actions.propose_initiative(
        tomas,
        category=Category.objects.get(slug="initiatives"),
        title=INITIATIVE,
        summary="How households displaced by floods and drought draw on remittances, and how "
        "transfers could be part of adaptation plans.",
        objectives="- Match displacement data with transfer records\n- A joint policy brief",
        institutes=list(Institute.objects.filter(acronym__in=["UNU-GCM", "UNU-EHS", "UNU-WIDER"])),
        thread_vocab={"themes": Theme.objects.filter(slug__in=BRIDGE)},
        sought_themes=Theme.objects.filter(slug__in=BRIDGE),
    )
    actions.change_initiative_status(tomas, initiative, Initiative.Status.DISCUSSION)
    actions.join_initiative(amina, initiative, Participation.Kind.PARTICIPANT)
    actions.join_initiative(ingrid, initiative, Participation.Kind.PARTICIPANT)
