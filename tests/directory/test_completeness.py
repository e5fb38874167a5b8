"""A profile's completeness and next steps, from one query for everything it holds."""

import pytest

from directory.completeness import completeness
from directory.models import Publication

from .conftest import fill_profile

pytestmark = pytest.mark.django_db


def nudges(profile):
    return {str(nudge) for nudge in completeness(profile).nudges}


def test_each_thing_held_removes_its_nudge(member, django_assert_num_queries):
    profile = fill_profile(member)
    with django_assert_num_queries(1):
        empty = completeness(profile)
    assert empty.percent == 0 and len(empty.nudges) == 9
    profile = fill_profile(member, themes=["remittances"], regions=["002"], languages=["fr"])
    assert nudges(profile) == {
        "Add your position",
        "Write a short biography",
        "Add your methods",
        "Add a publication or import them from ORCID",
        "Add your ORCID iD",
        "Add a photo",
    }
    profile = fill_profile(
        member,
        position="Fellow",
        biography="Remittances.",
        methods=["econometrics"],
        countries=["KE"],  # countries without regions count as places too
        orcid="0000-0002-1825-0097",
    )
    Publication.objects.create(profile=profile, title="On remittances")
    assert nudges(profile) == {
        "Choose the themes you work on",
        "Add the languages you work in",
        "Add a photo",
    }
    assert completeness(profile).percent == round(100 * 6 / 9)
