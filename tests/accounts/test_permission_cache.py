"""The permissions kept in the cache (``accounts.backends``) follow every change of what a user
holds at once, whichever side of the relation the change is made from."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.actions import MODERATORS_GROUP
from accounts.models import User

pytestmark = pytest.mark.django_db

MODERATE = "accounts.moderate"


def fresh(user) -> User:
    """The user as the next request loads them."""
    return User.objects.get(pk=user.pk)


def moderate() -> Permission:
    return Permission.objects.get(codename="moderate", content_type__app_label="accounts")


def test_a_second_request_reads_the_kept_set_without_a_query(member):
    assert not fresh(member).has_perm(MODERATE)  # loads and keeps
    again = fresh(member)
    with CaptureQueriesContext(connection) as queries:
        assert not again.has_perm(MODERATE)
    assert len(queries) == 0


@pytest.mark.parametrize(
    "grant, revoke",
    [
        (
            lambda user, group: user.groups.add(group),
            lambda user, group: user.groups.remove(group),
        ),
        (
            lambda user, group: group.user_set.add(user),
            lambda user, group: group.user_set.remove(user),
        ),
        (
            lambda user, group: user.groups.set([group]),
            lambda user, group: user.groups.clear(),
        ),
        (
            lambda user, group: group.user_set.add(user),
            lambda user, group: group.user_set.clear(),
        ),
        (
            lambda user, group: user.user_permissions.add(moderate()),
            lambda user, group: user.user_permissions.clear(),
        ),
        (
            lambda user, group: moderate().user_set.add(user),
            lambda user, group: moderate().user_set.clear(),
        ),
    ],
    ids=["user.groups", "group.user_set", "set/clear", "group clear", "own", "permission side"],
)
def test_joining_and_leaving_are_seen_by_the_next_request(member, grant, revoke):
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    assert not fresh(member).has_perm(MODERATE)
    grant(member, moderators)
    assert fresh(member).has_perm(MODERATE)
    revoke(member, moderators)
    assert not fresh(member).has_perm(MODERATE)


def test_a_group_losing_or_gaining_a_permission_changes_its_members(member):
    team = Group.objects.create(name="Editors")
    member.groups.add(team)
    assert not fresh(member).has_perm(MODERATE)
    team.permissions.add(moderate())
    assert fresh(member).has_perm(MODERATE)
    moderate().group_set.clear()
    assert not fresh(member).has_perm(MODERATE)
    moderate().group_set.add(team)
    assert fresh(member).has_perm(MODERATE)
    team.delete()
    assert not fresh(member).has_perm(MODERATE)


def test_a_deleted_permission_is_gone_for_its_holders(member):
    perm = Permission.objects.get(codename="view_user")
    member.user_permissions.add(perm)
    assert fresh(member).has_perm("accounts.view_user")
    perm.delete()
    assert not fresh(member).has_perm("accounts.view_user")


def test_the_user_in_hand_sees_its_own_change(member):
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    assert not member.has_perm(MODERATE)  # kept, and loaded on this object
    member.groups.add(moderators)
    assert member.has_perm(MODERATE)


def test_a_user_loaded_before_a_change_and_saved_after_keeps_the_new_version(moderator):
    """A password change or a profile form saves the whole user loaded at the start of its
    request: if the moderator role was taken away meanwhile, the save must not put back the
    version under which "may moderate" is kept."""
    from accounts import administration

    admin = User.objects.create_superuser("root@gcm.unu.example", "secret", display_name="Root")
    stale = fresh(moderator)
    assert stale.has_perm(MODERATE)  # kept under the version as it was
    administration.set_role(admin, fresh(moderator), "moderator", granted=False)
    stale.display_name = "Mona C."
    stale.save()
    assert not fresh(moderator).has_perm(MODERATE)
    assert fresh(moderator).display_name == "Mona C."


def test_a_change_rolled_back_leaves_nothing_for_the_next_version(member):
    """A set kept inside a transaction that is rolled back is under a version never used again."""
    from django.db import transaction

    moderators = Group.objects.get(name=MODERATORS_GROUP)
    try:
        with transaction.atomic():
            member.groups.add(moderators)
            assert member.has_perm(MODERATE)  # kept under the version of the rolled-back change
            raise RuntimeError
    except RuntimeError:
        pass
    assert not fresh(member).has_perm(MODERATE)
    Group.objects.create(name="Unrelated").user_set.add(member)  # the next change
    assert not fresh(member).has_perm(MODERATE)


def test_superusers_and_inactive_users_are_not_read_from_a_kept_set(member):
    assert not fresh(member).has_perm(MODERATE)
    User.objects.filter(pk=member.pk).update(is_superuser=True)
    assert MODERATE in fresh(member).get_all_permissions()
    User.objects.filter(pk=member.pk).update(is_superuser=False, is_active=False)
    assert fresh(member).get_all_permissions() == set()


def test_a_cache_that_missed_a_change_cannot_bring_the_old_set_back(member, settings):
    """The version is in the database: entries kept before a change are never read again,
    even if the cache was down when the change was made and so still holds them."""
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    member.groups.add(moderators)
    assert fresh(member).has_perm(MODERATE)  # kept: "may moderate"
    # The change is made while the cache is unreachable (nothing is removed from it) ...
    Group.user_set.through.objects.filter(user=member).delete()
    User.objects.filter(pk=member.pk).update(
        permissions_version=fresh(member).permissions_version + 1
    )
    # ... and the old entry, still there, is not the one read.
    assert not fresh(member).has_perm(MODERATE)
