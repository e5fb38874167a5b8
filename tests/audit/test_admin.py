"""Edits through the Django admin, the administrators' fallback, are acts of the one audit log:
one entry per addition, change or deletion, by whom, on what, with what changed."""

from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group

from accounts import actions
from accounts.models import Institute
from audit.admin import AuditedAdmin
from audit.models import Entry
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

ADD = "/admin/accounts/institute/add/"


def institute_form(**overrides):
    return {
        "name": "Institute for Water and Migration",
        "acronym": "UNU-IWM",
        "city": "Accra",
        "country": "GH",
        "website": "",
        "is_member": "on",
        "domains-TOTAL_FORMS": "1",
        "domains-INITIAL_FORMS": "0",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
        "domains-0-domain": "iwm.unu.example",
        "domains-0-retired_at": "",
        **overrides,
    }


def test_every_model_admin_of_the_product_and_of_the_accounts_writes_the_audit_log():
    ours = {
        config.label
        for config in apps.get_app_configs()
        # The product's apps: in the repository, not installed into its virtual environment
        # (which CI and `make install` keep inside the repository too).
        if Path(config.path).resolve().is_relative_to(Path(settings.BASE_DIR).resolve())
        and "site-packages" not in Path(config.path).parts
    }
    accounts_others = {Group, EmailAddress, SocialApp, SocialAccount, Authenticator}
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if (model._meta.app_label in ours or model in accounts_others)
        and model is not Entry  # read only
        and not isinstance(model_admin, AuditedAdmin)
    ]
    assert unaudited == []
    assert accounts_others <= set(admin.site._registry)


def test_adding_an_institute_in_the_admin_is_one_entry_with_its_domain(admin_user, login):
    client = login(admin_user)
    response = client.post(ADD, institute_form())
    assert response.status_code == 302, response.content[:2000]
    institute = Institute.objects.get(acronym="UNU-IWM")
    entry = Entry.objects.get()
    assert (entry.actor, entry.action, entry.area) == (admin_user, "admin_add", "administration")
    assert (entry.target_type.model, entry.target_id) == ("institute", institute.pk)
    assert entry.target_label == str(institute)
    assert "iwm.unu.example" in entry.details  # the inline's domain is named in what changed


def test_changing_a_member_in_the_admin_is_one_entry_on_them(admin_user, login, institutes):
    bob = make_user("bob@ehs.unu.example", "Bob Mensah")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    client = login(admin_user)
    response = client.post(
        f"/admin/auth/group/{moderators.pk}/change/",
        {
            "name": "Moderators",
            "permissions": list(moderators.permissions.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302
    bob.groups.add(moderators)
    response = client.post(
        f"/admin/accounts/user/{bob.pk}/change/",
        {
            "email": bob.email,
            "display_name": "Bob Mensah-Owusu",
            "institute": bob.institute_id,
            "status": bob.status,
            "is_active": "on",
            "groups": [moderators.pk],
        },
    )
    assert response.status_code == 302, response.content[:3000]
    entries = list(Entry.objects.order_by("pk"))
    assert [(e.action, e.target_type.model) for e in entries] == [
        ("admin_change", "group"),
        ("admin_change", "user"),
    ]
    assert entries[1].member == bob
    assert "Display name" in entries[1].details


def test_deleting_in_the_admin_is_one_entry_per_row_deleted(admin_user, login, institutes):
    client = login(admin_user)
    for name in ("Sahel", "Andes"):
        client.post(
            ADD,
            institute_form(
                name=f"Institute of the {name}",
                acronym=name,
                **{"domains-0-domain": f"{name.lower()}.example"},
            ),
        )
    Entry.objects.all().delete()
    ids = list(
        Institute.objects.filter(acronym__in=["Sahel", "Andes"]).values_list("pk", flat=True)
    )
    response = client.post(
        "/admin/accounts/institute/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Institute.objects.filter(pk__in=ids).exists()
    assert sorted(Entry.objects.values_list("action", "target_label")) == [
        ("admin_delete", "Andes"),
        ("admin_delete", "Sahel"),
    ]


def test_a_moderator_cannot_edit_in_the_admin_and_nothing_is_logged(institutes, login):
    mona = make_user("mona@gcm.unu.example", "Mona Castillo")
    actions.make_moderator(mona)
    client = login(mona)
    response = client.post(ADD, institute_form())
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not Institute.objects.filter(acronym="UNU-IWM").exists()
    assert not Entry.objects.exists()


def test_an_admin_edit_without_the_csrf_token_is_refused(admin_user, client):
    client.handler.enforce_csrf_checks = True
    client.force_login(admin_user)
    assert client.post(ADD, institute_form()).status_code == 403
    assert not Entry.objects.exists()
