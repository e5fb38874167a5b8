import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.filters import data_changed
from directory.models import Profile
from tests.conftest import make_user

from .conftest import fill_profile

pytestmark = pytest.mark.django_db


def test_members_see_a_profile_with_similar_experts(login, member, alice_profile, bob_profile):
    response = login(member).get(reverse("directory:profile", args=[bob_profile.pk]))
    assert response.status_code == 200
    similar = response.context["similar"]
    assert [m.profile for m in similar] == [alice_profile]
    assert [t.slug for t in similar[0].themes] == ["remittances"]
    assert b"Shares" in response.content


def test_visitors_cannot_see_members_profiles(client, login, applicant, bob_profile):
    url = reverse("directory:profile", args=[bob_profile.pk])
    assert client.get(url).status_code == 302
    response = login(applicant).get(url)
    assert response.status_code == 302
    assert response.url == reverse("accounts:status")


def test_a_deactivated_members_profile_is_gone(login, member, bob_profile):
    bob_profile.user.is_active = False
    bob_profile.user.save()
    assert login(member).get(reverse("directory:profile", args=[bob_profile.pk])).status_code == 404


def test_the_profile_page_query_count_is_stable(
    login, member, alice_profile, bob_profile, institutes, assert_stable_queries
):
    def grow():
        for n in range(8):
            profile = fill_profile(
                make_user(f"s{n}@x.example", f"Similar {n}", institute=institutes["gcm"]),
                themes=["climate-mobility", "remittances"],
                regions=["002"],
                methods=["remote-sensing-and-gis"],
            )
            profile.publications.create(title=f"Paper {n}")
        for n in range(5):
            bob_profile.publications.create(title=f"Bob paper {n}")

    url = reverse("directory:profile", args=[bob_profile.pk])
    # Both counted as after a profile change: similar experts ranked afresh each time.
    assert assert_stable_queries(login(member), url, grow, before_each=data_changed) == 13
    # Warm: the profile, its terms and the kept similar experts' profiles (the page's main part
    # kept, its publications are not read).
    assert assert_stable_queries(login(member), url, lambda: None) == 5


def test_the_profile_page_shows_a_changed_term_or_keyword_at_once(
    login, member, alice_profile, bob_profile
):
    from directory.models import Keyword, Theme

    client = login(member)
    url = reverse("directory:profile", args=[bob_profile.pk])
    assert "Remittances (financial and social)" in client.get(url).content.decode()
    theme = Theme.objects.get(slug="remittances")
    theme.name = "Remittances, renamed"
    theme.save()  # the terms' version token moves: the kept vocabulary is not read again
    html = client.get(url).content.decode()
    assert "Remittances, renamed" in html and "Remittances (financial and social)" not in html
    keyword = Keyword.objects.create(name="Diaspora bonds", status=Keyword.Status.PROPOSED)
    bob_profile.keywords.add(keyword)
    assert "Diaspora bonds" not in client.get(url).content.decode()  # not approved yet
    keyword.status = Keyword.Status.APPROVED
    keyword.save()
    assert "Diaspora bonds" in client.get(url).content.decode()
    bob_profile.themes.remove(theme)
    assert "Remittances, renamed" not in client.get(url).content.decode()


def test_public_profiles_are_opt_in(client, bob_profile):
    url = reverse("directory:public_profile", args=[bob_profile.pk])
    assert client.get(url).status_code == 404
    bob_profile.visibility = Profile.Visibility.PUBLIC
    bob_profile.orcid = "0000-0002-1825-0097"
    bob_profile.save()
    response = client.get(url)
    assert response.status_code == 200
    assert b"bob@ehs.unu.example" not in response.content
    block = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
    ).group(1)
    person = json.loads(block)
    assert person["@type"] == "Person"
    assert person["name"] == "Bob Mensah"
    assert person["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    assert person["affiliation"]["name"] == "Environment and Human Security"


def test_json_ld_cannot_break_out_of_its_script(client, bob_profile):
    bob_profile.visibility = Profile.Visibility.PUBLIC
    bob_profile.position = "</script><script>alert(1)</script>"
    bob_profile.save()
    response = client.get(reverse("directory:public_profile", args=[bob_profile.pk]))
    assert b"<script>alert(1)" not in response.content
    assert b"\\u003C/script\\u003E" in response.content


def test_the_public_profile_query_count_is_stable(client, bob_profile, django_assert_num_queries):
    bob_profile.visibility = Profile.Visibility.PUBLIC
    bob_profile.save()
    url = reverse("directory:public_profile", args=[bob_profile.pk])
    client.get(url)
    with django_assert_num_queries(3):
        client.get(url)
    for n in range(5):
        bob_profile.publications.create(title=f"Paper {n}")
    with django_assert_num_queries(3):
        client.get(url)


def test_vcard_keeps_the_email_hidden_unless_chosen(login, member, bob_profile):
    client = login(member)
    url = reverse("directory:vcard", args=[bob_profile.pk])
    card = client.get(url)
    assert card["Content-Type"].startswith("text/vcard")
    assert b"FN:Bob Mensah" in card.content
    assert b"EMAIL" not in card.content
    bob_profile.show_email = True
    bob_profile.save()
    assert b"EMAIL:bob@ehs.unu.example" in client.get(url).content


def test_csv_export_is_for_moderators(login, member, moderator, alice_profile, bob_profile):
    url = reverse("directory:export_csv")
    assert login(member).get(url, {"theme": "remittances"}).status_code == 403
    response = login(moderator).get(url, {"region": "014"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    lines = body.strip().splitlines()
    assert len(lines) == 2
    assert "Alice Moreau" in lines[1]
    assert "alice@gcm.unu.example" in lines[1]


def test_csv_cells_cannot_start_formulas(login, moderator, alice_profile):
    alice_profile.position = '=HYPERLINK("http://evil")'
    alice_profile.save()
    body = b"".join(login(moderator).get(reverse("directory:export_csv")).streaming_content)
    assert b"'=HYPERLINK" in body


def test_the_overview_links_bars_into_the_directory(login, member, alice_profile, bob_profile):
    response = login(member).get(reverse("directory:overview"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<caption>Members by institute</caption>" in content
    assert 'href="/directory/?theme=migration-and-development"' in content
    assert 'href="/directory/?region=002"' in content


def test_the_overview_is_for_members(client, login, applicant):
    assert client.get(reverse("directory:overview")).status_code == 302


def test_find_collaborators_starts_from_ones_profile(login, member, alice_profile, bob_profile):
    response = login(member).get(reverse("directory:collaborators"))
    assert [m.profile for m in response.context["matches"]] == [bob_profile]
    chosen = login(member).get(
        reverse("directory:collaborators"),
        {"methods": [bob_profile.methods.get().pk]},
    )
    assert [m.profile for m in chosen.context["matches"]] == [bob_profile]
    assert chosen.context["matches"][0].methods


def test_find_collaborators_refuses_unknown_choices(login, member):
    response = login(member).get(reverse("directory:collaborators"), {"themes": ["x"]})
    assert response.status_code == 400


def test_a_profile_is_created_when_someone_becomes_a_member(institutes, on_commit):
    with on_commit(execute=True):
        user = make_user("new@ehs.unu.example", "Nadia Rahman")
    assert Profile.objects.filter(user=user).exists()


def test_the_overview_is_counted_once_until_a_profile_changes(
    login, member, alice_profile, bob_profile
):
    client = login(member)
    url = reverse("directory:overview")
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).context["total"] == 2
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).context["total"] == 2
    # The total and every count are kept; PostgreSQL counts the total with the options.
    assert (len(first), len(again)) == {"sqlite": (22, 2), "postgresql": (21, 2)}[connection.vendor]
    bob_profile.user.is_active = False
    bob_profile.user.save()
    response = client.get(url)
    assert response.context["total"] == 1
    assert 'href="/directory/?institute=UNU-EHS"' not in response.content.decode()


def test_the_kept_main_part_of_a_profile_page_follows_every_change(
    login, member, alice_profile, bob_profile
):
    from accounts.models import User

    client = login(member)
    url = reverse("directory:profile", args=[bob_profile.pk])
    assert "A paper on transfers" not in client.get(url).content.decode()
    client.get(url)  # now from the cache
    bob_profile.publications.create(title="A paper on transfers")  # the profiles' token moves
    assert "A paper on transfers" in client.get(url).content.decode()
    # Written without signals (no token moves): the profile's own row is read every time.
    Profile.objects.filter(pk=bob_profile.pk).update(position="Chief economist")
    assert "Chief economist" in client.get(url).content.decode()
    # A similar expert renamed without signals: the experts' profiles are read every time.
    User.objects.filter(pk=alice_profile.user_id).update(display_name="Alice Renamed")
    html = client.get(url).content.decode()
    assert "Alice Renamed" in html and "Alice Moreau" not in html
    # Another member's page has the "write" link, their own the edit link.
    assert "Write to this member" in client.get(url).content.decode()
    own = login(bob_profile.user).get(url).content.decode()
    assert "Edit your profile" in own and "Write to this member" not in own
