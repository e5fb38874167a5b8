import pytest
from django.core.management import call_command

from directory import demo
from directory.models import Profile, Publication
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_demo_profiles_load_and_load_again(institutes):
    people = [
        make_user("amina.haddad@gcm.unu.example", "Amina Haddad"),
        make_user("someone@ehs.unu.example", "Invented Person"),
    ]
    demo.load(people)
    demo.load(people)
    assert Profile.objects.count() == 2
    amina = Profile.objects.get(user=people[0])
    assert amina.themes.filter(slug="remittances").exists()
    assert amina.publications.count() == 2
    assert Profile.objects.get(user=people[1]).themes.exists()
    assert Profile.objects.search("remittances").filter(pk=amina.pk).exists()
    publications = Publication.objects.count()
    demo.load(people)
    assert Publication.objects.count() == publications


def test_seed_directory_creates_searchable_profiles(institutes, capsys):
    call_command("seed_directory", profiles=30, batch_size=7)
    assert Profile.objects.count() == 30
    assert "30/30" in capsys.readouterr().out
    profile = Profile.objects.order_by("pk").first()
    first_name = profile.user.display_name.split()[0]
    assert Profile.objects.search(first_name).filter(pk=profile.pk).exists()
    assert profile.places.exists() or not (profile.countries.exists() or profile.regions.exists())


def test_seeded_profiles_are_listed_filtered_and_counted(institutes, member):
    """Seeding writes everything the directory reads (on PostgreSQL, the facets array too)."""
    from django.http import QueryDict

    from directory.filters import ProfileFilter, directory_profiles, summary
    from directory.models import Theme

    call_command("seed_directory", profiles=40, batch_size=15)
    listed = directory_profiles(member)
    assert listed.count() == 40 + Profile.objects.filter(user=member).count()
    theme = Theme.objects.filter(profile__isnull=False).order_by("pk").first()
    holders = Profile.objects.filter(themes=theme).count()
    assert holders
    filterset = ProfileFilter(QueryDict(f"theme={theme.slug}"), queryset=listed)
    count, found = summary(filterset, audience="members")
    assert count == filterset.qs.count() == holders
    counted = {option.value: option.count for option in found["theme"]}
    assert counted[theme.slug] == holders
