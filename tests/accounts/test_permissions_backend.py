"""Permissions are loaded in one query (accounts.backends) and answer as Django's own backend."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User

pytestmark = pytest.mark.django_db


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_a_moderator_is_known_in_one_query(moderator, member):
    for person, expected in ((moderator, True), (member, False)):
        person = fresh(person)
        with CaptureQueriesContext(connection) as queries:
            assert person.is_moderator is expected
            assert person.is_moderator is expected
        assert len(queries) == 1


def test_it_answers_as_djangos_backend(member):
    moderate = Permission.objects.get(codename="moderate")
    other = Permission.objects.exclude(pk=moderate.pk).first()
    group = Group.objects.create(name="Editors")
    group.permissions.add(moderate)
    member.user_permissions.add(other)
    member.groups.add(group)
    person = fresh(member)
    expected = ModelBackend().get_all_permissions(fresh(member))
    assert person.get_all_permissions() == expected
    assert person.has_perm("accounts.moderate") and person.is_moderator
    person.is_active = False
    assert not fresh(person).has_perm("nothing.here")


def test_signing_in_still_works(client, member):
    from tests.conftest import PASSWORD

    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/home/").status_code == 200
    assert client.session["_auth_user_backend"] != "accounts.backends.PermissionsInOneQueryBackend"
