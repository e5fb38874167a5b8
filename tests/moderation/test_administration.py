"""Administrators run the network from the product: institutes, their domains and the roles."""

import pytest
from django.urls import reverse

from accounts import actions
from accounts.models import Institute, InstituteDomain, User
from audit.models import Entry
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

NEW = reverse("moderation:institute_new")
INSTITUTES = reverse("moderation:institutes")


def add_institute(client, **overrides):
    data = {
        "name": "Institute for Water and Migration",
        "acronym": "UNU-IWM",
        "city": "Accra",
        "country": "GH",
        "website": "",
        "is_member": "on",
        "domain": "iwm.unu.example",
        **overrides,
    }
    return client.post(NEW, data)


def test_an_admin_adds_an_institute_with_its_domain_and_both_acts_are_logged(
    admin_user, institutes, login
):
    response = add_institute(login(admin_user))
    institute = Institute.objects.get(acronym="UNU-IWM")
    assert response["Location"] == reverse("moderation:institute", args=[institute.pk])
    assert list(institute.domains.values_list("domain", flat=True)) == ["iwm.unu.example"]
    assert Institute.objects.for_email("kofi@iwm.unu.example") == institute
    assert list(Entry.objects.order_by("pk").values_list("actor", "action", "details")) == [
        (admin_user.pk, "add_institute", "Institute for Water and Migration"),
        (admin_user.pk, "add_domain", "iwm.unu.example"),
    ]


@pytest.mark.parametrize(
    ("domain", "reason"),
    [
        ("ehs.unu.example", "already a domain of UNU-EHS"),
        ("not a domain", "Enter a domain such as"),
        ("@@iwm", "Enter a domain such as"),
        ("gmail.com", "public mail service"),
        ("GMail.com", "public mail service"),
        ("mail.yahoo.co.uk", "public mail service"),
        ("unu.example", "contains ehs.unu.example, a domain of UNU-EHS"),
        ("lab.ehs.unu.example", "inside ehs.unu.example, a domain of UNU-EHS"),
    ],
)
def test_a_domain_that_cannot_be_an_institute_s_is_refused_with_its_reason(
    admin_user, institutes, login, domain, reason
):
    response = add_institute(login(admin_user), domain=domain)
    assert response.status_code == 400
    html = response.content.decode()
    assert reason in html
    assert 'value="Institute for Water and Migration"' in html  # nothing typed is lost
    assert not Institute.objects.filter(acronym="UNU-IWM").exists()
    assert not Entry.objects.exists()


def test_adding_a_domain_to_an_institute_refuses_one_it_already_has(admin_user, institutes, login):
    client = login(admin_user)
    url = reverse("moderation:add_domain", args=[institutes["gcm"].pk])
    assert client.post(url, {"domain": "lab.gcm.unu.example"}).status_code == 302
    response = client.post(url, {"domain": "gcm.unu.example"})
    assert response.status_code == 400
    assert "already one of this institute" in response.content.decode()
    response = client.post(url, {"domain": "hotmail.com"})
    assert response.status_code == 400
    assert set(institutes["gcm"].domains.values_list("domain", flat=True)) == {
        "gcm.unu.example",
        "lab.gcm.unu.example",
    }


def test_a_retired_domain_admits_no_new_member_and_its_members_stay(
    admin_user, member, institutes, login
):
    domain = InstituteDomain.objects.get(domain="gcm.unu.example")
    client = login(admin_user)
    assert client.post(reverse("moderation:retire_domain", args=[domain.pk])).status_code == 302
    member.refresh_from_db()
    assert member.is_member and member.institute == institutes["gcm"]
    newcomer = make_user("new@gcm.unu.example", "New Person", member=False)
    assert not actions.admit_by_verified_email(newcomer, newcomer.email)
    assert Institute.objects.for_email("new@gcm.unu.example") is None
    assert client.post(reverse("moderation:restore_domain", args=[domain.pk])).status_code == 302
    assert actions.admit_by_verified_email(newcomer, newcomer.email)
    assert list(Entry.objects.order_by("pk").values_list("action", flat=True)) == [
        "retire_domain",
        "restore_domain",
    ]


def test_an_admin_edits_an_institute(admin_user, institutes, login):
    gcm = institutes["gcm"]
    url = reverse("moderation:institute", args=[gcm.pk])
    response = login(admin_user).post(
        url, {"name": "Renamed", "acronym": "UNU-GCM", "city": "", "country": "", "website": ""}
    )
    assert response.status_code == 302
    gcm.refresh_from_db()
    assert (gcm.name, gcm.is_member) == ("Renamed", False)
    assert Entry.objects.get().action == "edit_institute"


def test_institute_pages_are_for_admins_only(moderator, member, institutes, login, client):
    urls = [
        INSTITUTES,
        NEW,
        reverse("moderation:institute", args=[institutes["gcm"].pk]),
    ]
    for persona in (moderator, member):
        for url in urls:
            assert login(persona).get(url).status_code == 403
    domain = InstituteDomain.objects.get(domain="gcm.unu.example")
    assert (
        login(moderator).post(reverse("moderation:retire_domain", args=[domain.pk])).status_code
        == 403
    )
    assert add_institute(login(moderator)).status_code == 403
    assert not Entry.objects.exists()
    client.logout()
    assert client.get(INSTITUTES).status_code == 302


def test_the_institute_pages_run_a_fixed_number_of_queries(
    admin_user, institutes, login, assert_stable_queries
):
    count = iter(range(1000))

    def grow():
        for _ in range(3):
            n = next(count)
            institute = Institute.objects.create(acronym=f"I{n}", name=f"Institute {n}")
            InstituteDomain.objects.create(institute=institute, domain=f"i{n}.example")
            InstituteDomain.objects.create(
                institute=institutes["gcm"], domain=f"lab{n}.gcm.unu.example"
            )
            make_user(f"p{n}@gcm.unu.example", f"Person {n}")

    client = login(admin_user)
    assert assert_stable_queries(client, INSTITUTES, grow) == 5  # with the paginator's count
    url = reverse("moderation:institute", args=[institutes["gcm"].pk])
    assert assert_stable_queries(client, url, grow) == 4


# --- Roles ------------------------------------------------------------------------------------


def role_url(person, role, change):
    return reverse("moderation:change_role", args=[person.pk, role, change])


def test_an_admin_appoints_a_moderator_after_a_confirmation(admin_user, member, login):
    client = login(admin_user)
    page = client.get(role_url(member, "moderator", "appoint"))
    assert page.status_code == 200
    assert "Appoint Alice Moreau as a moderator" in page.content.decode()
    assert not User.objects.get(pk=member.pk).is_moderator  # nothing happens before confirming
    response = client.post(role_url(member, "moderator", "appoint"), {"reason": "Elected"})
    assert response["Location"] == reverse("moderation:person", args=[member.pk])
    assert User.objects.get(pk=member.pk).is_moderator
    entry = Entry.objects.get()
    assert (entry.actor, entry.action, entry.member, entry.reason) == (
        admin_user,
        "appoint_moderator",
        member,
        "Elected",
    )
    assert client.post(role_url(member, "moderator", "remove")).status_code == 302
    assert not User.objects.get(pk=member.pk).is_moderator
    assert Entry.objects.filter(action="remove_moderator", member=member).count() == 1


def test_an_admin_appoints_and_removes_another_admin(admin_user, member, login):
    client = login(admin_user)
    client.post(role_url(member, "admin", "appoint"))
    assert User.objects.get(pk=member.pk).is_superuser
    client.post(role_url(member, "admin", "remove"))
    assert not User.objects.get(pk=member.pk).is_superuser
    assert list(Entry.objects.order_by("pk").values_list("action", flat=True)) == [
        "appoint_admin",
        "remove_admin",
    ]


def test_appointing_someone_who_has_the_role_already_says_so(admin_user, moderator, login):
    response = login(admin_user).post(role_url(moderator, "moderator", "appoint"))
    assert response.status_code == 400
    assert "already has this role" in response.content.decode()
    assert not Entry.objects.exists()


def test_roles_are_changed_by_admins_only_and_never_their_own(
    admin_user, moderator, member, applicant, login
):
    assert login(moderator).post(role_url(member, "moderator", "appoint")).status_code == 403
    assert login(member).get(role_url(member, "moderator", "appoint")).status_code == 403
    assert login(admin_user).post(role_url(admin_user, "admin", "remove")).status_code == 403
    assert login(admin_user).post(role_url(applicant, "moderator", "appoint")).status_code == 403
    assert login(admin_user).get(role_url(member, "owner", "appoint")).status_code == 404
    assert User.objects.get(pk=admin_user.pk).is_superuser
    assert not User.objects.get(pk=member.pk).is_moderator
    assert not Entry.objects.exists()


def test_a_person_s_page_shows_roles_history_and_acts(
    admin_user, moderator, member, other_member, login
):
    actions.deactivate_member(moderator, other_member, reason="Spam")
    url = reverse("moderation:person", args=[other_member.pk])
    html = login(admin_user).get(url).content.decode()
    assert "Deactivated a member" in html and "Spam" in html
    assert role_url(other_member, "moderator", "appoint") not in html  # not a member now
    html = login(admin_user).get(reverse("moderation:person", args=[member.pk])).content.decode()
    assert role_url(member, "moderator", "appoint") in html
    html = login(moderator).get(reverse("moderation:person", args=[member.pk])).content.decode()
    assert role_url(member, "moderator", "appoint") not in html  # moderators do not appoint
    assert login(member).get(reverse("moderation:person", args=[member.pk])).status_code == 403


def test_a_person_s_page_runs_a_fixed_number_of_queries(
    moderator, member, login, assert_stable_queries
):
    def grow():
        for _ in range(2):
            actions.deactivate_member(moderator, member, reason="Spam")
            actions.reactivate_member(moderator, member, reason="Sorry")

    url = reverse("moderation:person", args=[member.pk])
    assert assert_stable_queries(login(moderator), url, grow) == 6


def test_the_people_list_shows_roles(admin_user, moderator, member, login):
    html = login(moderator).get(reverse("moderation:people")).content.decode()
    assert "Administrator" in html and "Moderator" in html
    assert reverse("moderation:person", args=[member.pk]) in html


def test_the_django_admin_lists_institutes_and_users_as_a_fallback(admin_user, member, login):
    client = login(admin_user)
    for name in ("institute", "user", "application", "membershipevent"):
        assert client.get(reverse(f"admin:accounts_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_user_change", args=[member.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200
    assert client.get(reverse("admin:audit_entry_changelist")).status_code == 200
    assert client.get(reverse("admin:invitations_invitation_changelist")).status_code == 200


def test_the_most_specific_domain_wins_whatever_the_alphabet_says(institutes):
    lab = Institute.objects.create(acronym="UNU-LAB", name="A laboratory")
    # Made directly: the pages refuse overlapping domains, older data may still have them.
    InstituteDomain.objects.create(institute=lab, domain="a.gcm.unu.example")
    InstituteDomain.objects.create(institute=lab, domain="unu.example")
    assert Institute.objects.for_email("x@a.gcm.unu.example") == lab
    assert Institute.objects.for_email("x@b.a.gcm.unu.example") == lab
    assert Institute.objects.for_email("x@gcm.unu.example") == institutes["gcm"]
    assert Institute.objects.for_email("x@lab.ehs.unu.example") == institutes["ehs"]
    assert Institute.objects.for_email("x@other.unu.example") == lab


def test_a_domain_overlapping_another_institute_s_cannot_be_restored(admin_user, institutes, login):
    client = login(admin_user)
    ehs = InstituteDomain.objects.get(domain="ehs.unu.example")
    assert client.post(reverse("moderation:retire_domain", args=[ehs.pk])).status_code == 302
    url = reverse("moderation:add_domain", args=[institutes["gcm"].pk])
    assert client.post(url, {"domain": "lab.ehs.unu.example"}).status_code == 302
    response = client.post(reverse("moderation:restore_domain", args=[ehs.pk]), follow=True)
    assert "contains lab.ehs.unu.example, a domain of UNU-GCM" in response.content.decode()
    ehs.refresh_from_db()
    assert ehs.retired_at is not None


def admin_institute_form(institute, domains):
    data = {
        "name": institute.name,
        "acronym": institute.acronym,
        "city": institute.city,
        "country": institute.country,
        "website": "",
        "is_member": "on",
        "domains-TOTAL_FORMS": str(len(domains)),
        "domains-INITIAL_FORMS": str(sum(1 for d in domains if d.get("id"))),
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(domains):
        for key, value in row.items():
            data[f"domains-{n}-{key}"] = value
        data[f"domains-{n}-institute"] = str(institute.pk)
    return data


@pytest.mark.parametrize(
    ("domain", "reason"),
    [
        ("gmail.com", "public mail service"),
        ("ehs.unu.example", "already a domain of UNU-EHS"),
        ("unu.example", "contains ehs.unu.example"),
        ("lab.ehs.unu.example", "inside ehs.unu.example"),
    ],
)
def test_the_django_admin_refuses_the_same_domains_with_the_same_reason(
    admin_user, institutes, login, domain, reason
):
    gcm = institutes["gcm"]
    own = gcm.domains.get()
    url = reverse("admin:accounts_institute_change", args=[gcm.pk])
    client = login(admin_user)
    rows = [{"id": str(own.pk), "domain": own.domain}, {"domain": domain}]
    response = client.post(url, admin_institute_form(gcm, rows))
    assert response.status_code == 200  # the form again, with the reason
    assert reason in response.content.decode()
    assert set(gcm.domains.values_list("domain", flat=True)) == {"gcm.unu.example"}
    rows[1]["domain"] = "lab.gcm.unu.example"
    assert client.post(url, admin_institute_form(gcm, rows)).status_code == 302
    assert set(gcm.domains.values_list("domain", flat=True)) == {
        "gcm.unu.example",
        "lab.gcm.unu.example",
    }


def test_the_institutes_list_is_the_one_list_layout_filtered_by_name_or_acronym(
    admin_user, moderator, institutes, login
):
    client = login(admin_user)
    page = client.get(INSTITUTES).content.decode()
    assert 'class="stack"' in page and 'data-label="Email domains"' in page
    assert institutes["gcm"].acronym in page
    found = client.get(INSTITUTES, {"q": institutes["gcm"].name[:8]}).content.decode()
    assert institutes["gcm"].acronym in found
    assert "No institute matches." in client.get(INSTITUTES, {"q": "zzzz"}).content.decode()
    assert login(moderator).get(INSTITUTES, {"q": "gcm"}).status_code == 403
