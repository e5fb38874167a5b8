"""Who may see a profile: every copy of the rule agrees, for every viewer and every profile.

The rule is written once (``directory.models.facts_required``); it is read as a queryset
(``visible_to``), as a predicate on a loaded profile (``is_visible_to``), from the PostgreSQL
facets array (``directory_profiles``), and each fact it needs also exists as raw SQL (the
array's). The table below is the answer every copy must give.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from accounts import actions as accounts_actions
from accounts.models import User
from directory import facets
from directory.filters import directory_profiles
from directory.matching import experts_for
from directory.models import PROFILE_FACTS, Profile, Theme
from tests.conftest import make_user

from .conftest import fill_profile

pytestmark = pytest.mark.django_db

VIEWERS = [
    "anonymous",
    "newcomer",
    "applicant",
    "declined",
    "member",
    "other_institute",
    "moderator",
    "admin",
    "deactivated",
]
SEES_MEMBERS_PROFILES = {"member", "other_institute", "moderator", "admin"}

# Profile states: (owner's institute domain, visibility, filled in, what happens to the owner)
STATES = {
    "members-only": ("gcm", "members", True, None),
    "public": ("ehs", "public", True, None),
    "incomplete": ("gcm", "members", False, None),
    "incomplete, public": ("ehs", "public", False, None),
    "owner deactivated": ("gcm", "members", True, "deactivate"),
    "owner deactivated, public": ("ehs", "public", True, "deactivate"),
    "owner inactive only, public": ("gcm", "public", True, "inactive"),
    "owner's status changed only, public": ("ehs", "public", True, "status"),
}

# The answer: may this viewer see a profile in this state?
EXPECTED = {
    (viewer, state): (
        STATES[state][3] is None
        and (viewer in SEES_MEMBERS_PROFILES or STATES[state][1] == "public")
    )
    for viewer in VIEWERS
    for state in STATES
}


def test_the_table_says_what_the_rule_means():
    """Spelled out for three cells, so that the table is not the code read back."""
    assert EXPECTED["anonymous", "public"] and not EXPECTED["anonymous", "members-only"]
    assert EXPECTED["other_institute", "incomplete"]
    assert not any(EXPECTED[viewer, "owner deactivated, public"] for viewer in VIEWERS)


@pytest.fixture
def world(institutes, moderator, admin_user, applicant, newcomer):
    member = make_user("vera@gcm.unu.example", "Vera Member")
    other = make_user("otto@ehs.unu.example", "Otto Other")
    declined = make_user("dora@elsewhere.example", "Dora Declined", member=False)
    accounts_actions.apply_for_membership(declined, affiliation="A school", statement="Hello.")
    accounts_actions.decline_application(
        moderator, declined.applications.get(), reason="Not a researcher."
    )
    deactivated = make_user("dan@gcm.unu.example", "Dan Deactivated")
    accounts_actions.deactivate_member(moderator, deactivated, reason="Left.")
    viewers = {
        "anonymous": AnonymousUser(),
        "newcomer": newcomer,
        "applicant": applicant,
        "declined": declined,
        "member": member,
        "other_institute": other,
        "moderator": moderator,
        "admin": admin_user,
        "deactivated": deactivated,
    }
    profiles = {}
    for n, (state, (domain, visibility, filled, then)) in enumerate(STATES.items()):
        owner = make_user(f"owner{n}@{domain}.unu.example", f"Owner {n}")
        fields = {"themes": ["remittances"], "position": "Researcher"} if filled else {}
        profile = fill_profile(owner, visibility=visibility, **fields)
        if then == "deactivate":
            accounts_actions.deactivate_member(moderator, owner, reason="Left.")
        elif then == "inactive":  # as the admin does it: saved, so the directory follows
            owner.is_active = False
            owner.save()
        elif then == "status":
            owner.status = User.Status.DEACTIVATED
            owner.save()
        profiles[state] = Profile.objects.select_related("user").get(pk=profile.pk)
    for user in viewers.values():
        if user.is_authenticated:
            user.refresh_from_db()
    return viewers, profiles


def fact_in_sql(fact, profile) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT CASE WHEN {fact.sql} THEN 1 ELSE 0 END FROM directory_profile p "  # noqa: S608
            "WHERE p.id = %s",
            [profile.pk],
        )
        return bool(cursor.fetchone()[0])


def test_every_copy_of_the_rule_gives_the_answer_of_the_table(world):
    viewers, profiles = world
    disagreements = []
    for viewer_name, viewer in viewers.items():
        by_queryset = set(Profile.objects.visible_to(viewer).values_list("pk", flat=True))
        listed = set(directory_profiles(viewer).values_list("pk", flat=True))
        for state, profile in profiles.items():
            expected = EXPECTED[viewer_name, state]
            answers = {
                "queryset": profile.pk in by_queryset,
                "predicate": profile.is_visible_to(viewer),
                "directory list": profile.pk in listed,
            }
            disagreements += [
                (viewer_name, state, copy)
                for copy, answer in answers.items()
                if answer is not expected
            ]
    assert disagreements == []


def test_each_fact_means_the_same_in_the_orm_on_a_profile_and_in_sql(world):
    _viewers, profiles = world
    for fact in PROFILE_FACTS:
        holding = set(Profile.objects.filter(fact.condition).values_list("pk", flat=True))
        for state, profile in profiles.items():
            assert fact.holds(profile) is (profile.pk in holding), (fact.name, state)
            assert fact_in_sql(fact, profile) is (profile.pk in holding), (fact.name, state)


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the facets array is PostgreSQL's")
def test_the_stored_array_holds_exactly_the_facts_that_hold(world):
    _viewers, profiles = world
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, facets FROM directory_profile WHERE id = ANY(%s)",
            [[profile.pk for profile in profiles.values()]],
        )
        stored = dict(cursor.fetchall())
    for state, profile in profiles.items():
        for fact in PROFILE_FACTS:
            assert (facets.fact_value(fact) in stored[profile.pk]) is fact.holds(profile), state


def test_pages_give_the_answer_of_the_table(world, client):
    viewers, profiles = world
    for viewer_name in SEES_MEMBERS_PROFILES:
        client.force_login(viewers[viewer_name])
        for state, profile in profiles.items():
            expected = 200 if EXPECTED[viewer_name, state] else 404
            for page in ("directory:profile", "directory:vcard", "directory:photo"):
                if page == "directory:photo" and expected == 200:
                    continue  # no photo was uploaded: 404 either way
                response = client.get(reverse(page, args=[profile.pk]))
                assert response.status_code == expected, (viewer_name, state, page)
    client.logout()
    for state, profile in profiles.items():
        public_page = client.get(reverse("directory:public_profile", args=[profile.pk]))
        assert public_page.status_code == (200 if EXPECTED["anonymous", state] else 404), state


def test_member_pages_send_everyone_else_away_whatever_the_profile(world, client):
    viewers, profiles = world
    url = reverse("directory:profile", args=[profiles["public"].pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    for viewer_name in ("newcomer", "applicant", "declined"):
        client.force_login(viewers[viewer_name])
        response = client.get(url)
        assert response.status_code == 302, viewer_name
        assert response.url == reverse("accounts:status"), viewer_name


def test_suggested_experts_are_the_profiles_members_may_see(world):
    _viewers, profiles = world
    remittances = Theme.objects.get(slug="remittances")
    suggested = {match.profile.pk for match in experts_for(themes=[remittances], limit=50)}
    filled = {state for state, (_d, _v, is_filled, _then) in STATES.items() if is_filled}
    assert suggested == {profiles[state].pk for state in filled if EXPECTED["member", state]}
