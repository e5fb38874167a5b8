"""A small network built by hand, with the numbers an insight page must show for it.

Themes: environmental migration (focus area "Forced migration") and remittances ("Migration and
development"). Alice (GCM), Bob (EHS) and Carla (WIDER, public profile) hold both; Dan (GCM)
only the first; Eve (EHS, public profile) only the second. Bob also works on migrant health.
Alice and Bob share a DOI (written in two cases), Alice and Dan another; Alice and Carla wrote a
published output; Alice's initiative on both themes names GCM and EHS, and Bob joined it.
"""

from datetime import date

import pytest

from accounts.models import Institute
from directory.models import SDG, Profile, Publication, Theme
from forum import actions as forum_actions
from forum.models import Category, Participation
from portal import actions as portal_actions
from portal.models import Output, Status
from tests.conftest import make_user

INITIATIVE = "Floods and remittances: a joint study"
OUTPUT = "Remittances when the rains fail"


def themes(*slugs):
    return list(Theme.objects.filter(slug__in=slugs))


@pytest.fixture
def network(institutes, on_commit):
    wider = Institute.objects.create(acronym="UNU-WIDER", name="Development Economics")
    alice = make_user("alice@gcm.unu.example", "Alice Moreau")
    bob = make_user("bob@ehs.unu.example", "Bob Mensah")
    carla = make_user("carla@wider.example", "Carla Public", institute=wider)
    dan = make_user("dan@gcm.unu.example", "Dan Only-Environment")
    eve = make_user("eve@ehs.unu.example", "Eve Public-Remittances")
    both = themes("environmental-migration", "remittances")
    for person in (alice, bob, carla):
        person.profile.themes.add(*both)
    bob.profile.themes.add(*themes("migrant-health"))
    dan.profile.themes.add(*themes("environmental-migration"))
    eve.profile.themes.add(*themes("remittances"))
    for person in (carla, eve):  # saved, so that the directory's index (facets) knows it
        person.profile.visibility = Profile.Visibility.PUBLIC
        person.profile.save()
    Publication.objects.create(profile=alice.profile, title="Floods", doi="10.1/abc")
    Publication.objects.create(profile=bob.profile, title="Floods", doi="10.1/ABC")
    Publication.objects.create(profile=alice.profile, title="Deltas", doi="10.1/gcm")
    Publication.objects.create(profile=dan.profile, title="Deltas", doi="10.1/gcm")
    Publication.objects.create(profile=eve.profile, title="Alone", doi="10.1/alone")
    output = portal_actions.save_output(
        alice,
        Output(
            kind=Output.Kind.REPORT,
            title=OUTPUT,
            date=date(2026, 5, 1),
            abstract="Transfers after drought.",
            doi="10.1/output",
        ),
        relations={"themes": both, "sdgs": list(SDG.objects.filter(number__in=[10, 13]))},
        authors=[alice, carla],
        submit=True,
    )
    Output.objects.filter(pk=output.pk).update(status=Status.PUBLISHED)
    with on_commit(execute=True):
        initiative = forum_actions.propose_initiative(
            alice,
            category=Category.objects.create(name="Initiatives", slug="initiatives"),
            title=INITIATIVE,
            summary="Floods and remittances.",
            objectives="- A survey",
            institutes=[institutes["gcm"], institutes["ehs"]],
            sought_themes=Theme.objects.filter(slug__in=["environmental-migration", "remittances"]),
            sdgs=SDG.objects.filter(number=13),
        )
        forum_actions.join_initiative(bob, initiative, Participation.Kind.PARTICIPANT)
    return {
        "alice": alice,
        "bob": bob,
        "carla": carla,
        "dan": dan,
        "eve": eve,
        "wider": wider,
        "initiative": initiative,
        "output": output,
        **institutes,
    }
