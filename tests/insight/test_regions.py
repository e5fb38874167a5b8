"""Regional perspectives (issue 15 item 3): a page per M49 region, sub-region and group with
its experts, initiatives, practices, outputs, events and themes; two regions side by side; a
public version with public content only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Country, Region
from insight import audiences, regions
from portal.models import Event, Status
from tests.portal.conftest import make_output

from .conftest import INITIATIVE, OUTPUT


def place(found, code):
    return next(p for p in found if p.code == code)


@pytest.fixture
def regional(network):
    """Alice works on Senegal, Carla (public profile) on Eastern Asia; the initiative is about
    Western Africa, the output about Japan; an event is held in Dakar, Senegal."""
    senegal, japan = Country.objects.get(code="SN"), Country.objects.get(code="JP")
    network["alice"].profile.countries.add(senegal)
    network["carla"].profile.regions.add(Region.objects.get(code="030"))
    for person in ("alice", "carla"):
        network[person].profile.save()
    network["initiative"].thread.regions.add(Region.objects.get(code="011"))
    network["output"].countries.add(japan)
    start = timezone.now() + timedelta(days=30)
    Event.objects.create(
        kind=Event.Kind.SEMINAR,
        title="Dakar workshop on seasonal mobility",
        start=start,
        end=start + timedelta(hours=3),
        place="Dakar, Senegal",
        status=Status.PUBLISHED,
        submitted_by=network["alice"],
    )
    return network


def test_work_on_a_country_counts_in_every_region_above_it(regional):
    found = regions.compute(audiences.MEMBERS)
    for code in ("011", "202", "002"):  # Western Africa, Sub-Saharan Africa, Africa
        counts = place(found, code).counts
        assert counts.get("experts") == 1, code
        assert counts.get("initiatives") == 1, code
        assert counts.get("events") == 1, code  # placed by the country its place names
    asia = place(found, "142")
    assert asia.counts.get("outputs") == 1 and asia.counts.get("experts") == 1
    assert place(found, "150").counts == {}  # Europe: nothing here
    africa_themes = {slug for _name, slug, _n in place(found, "002").themes}
    assert africa_themes == {"environmental-migration", "remittances"}


def test_the_public_sees_public_profiles_and_no_initiative(regional):
    found = regions.compute(audiences.PUBLIC)
    assert place(found, "002").counts.get("experts") is None  # Alice's profile is members-only
    assert place(found, "002").counts.get("initiatives") is None
    assert place(found, "142").counts.get("experts") == 1  # Carla's is public


def test_the_members_page_lists_the_regions_and_a_region_page_its_work(login, regional):
    client = login(regional["bob"])
    listing = client.get(reverse("insight:regions"))
    assert listing.status_code == 200
    assert reverse("insight:region", args=["002"]) in listing.content.decode()
    page = client.get(reverse("insight:region", args=["002"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert INITIATIVE in html and "Alice Moreau" in html
    assert "Dakar workshop on seasonal mobility" in html
    assert reverse("directory:index") + "?region=002" in html


def test_two_regions_side_by_side(login, regional):
    client = login(regional["bob"])
    response = client.get(reverse("insight:compare_regions"), {"a": "002", "b": "142"})
    html = response.content.decode()
    assert response.status_code == 200
    africa, asia = html.index('id="region-002"'), html.index('id="region-142"')
    assert africa < asia
    assert OUTPUT in html[asia:]  # the output on Japan is Asia's
    assert INITIATIVE in html[africa:asia]


def test_a_bad_comparison_is_refused_with_a_reason(login, regional):
    client = login(regional["bob"])
    same = client.get(reverse("insight:compare_regions"), {"a": "002", "b": "002"})
    assert same.status_code == 400
    assert "Choose two different regions." in same.content.decode()
    unknown = client.get(reverse("insight:compare_regions"), {"a": "002", "b": "999"})
    assert unknown.status_code == 400
    assert client.get(reverse("insight:region", args=["999"])).status_code == 404


def test_the_public_pages_show_only_public_content(client, regional):
    response = client.get(reverse("network:region", args=["002"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alice Moreau" not in html and INITIATIVE not in html
    asia = client.get(reverse("network:region", args=["142"])).content.decode()
    assert "Carla Public" in asia
    assert reverse("directory:public_profile", args=[regional["carla"].profile.pk]) in asia


def test_the_members_pages_are_refused_to_visitors(client):
    assert client.get(reverse("insight:regions")).status_code == 302
    assert client.get(reverse("insight:region", args=["002"])).status_code == 302


@pytest.mark.parametrize(
    ("url_name", "args"),
    [("insight:regions", []), ("insight:region", ["002"]), ("network:region", ["002"])],
)
def test_the_pages_make_a_fixed_number_of_queries(
    login, regional, url_name, args, assert_stable_queries
):
    client = login(regional["alice"])
    url = reverse(url_name, args=args)
    senegal = Country.objects.get(code="SN")

    def grow():
        for n in range(3):
            make_output(regional["alice"], title=f"Senegal study {n}").countries.add(senegal)

    assert assert_stable_queries(client, url, grow) <= 8


def test_a_kept_page_shows_new_work_once_it_is_saved(login, regional, on_commit):
    """The page's HTML is kept ({% cache %}) under the results' version tokens: new work
    renews them, and the next page shows it."""
    client = login(regional["bob"])
    url = reverse("insight:region", args=["142"])
    assert "Remittance corridors of Japan" not in client.get(url).content.decode()
    with on_commit(execute=True):
        output = make_output(regional["alice"], title="Remittance corridors of Japan")
        output.countries.add(Country.objects.get(code="JP"))
    assert "Remittance corridors of Japan" in client.get(url).content.decode()
