import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_render_for_a_member(login, member, alice_profile, bob_profile, moderator):
    client = login(member)
    for url in [
        reverse("directory:index"),
        reverse("directory:index") + "?q=remittances&theme=migration-and-development&region=002",
        reverse("directory:profile", args=[bob_profile.pk]),
        reverse("directory:edit"),
        reverse("directory:collaborators"),
        reverse("directory:overview"),
        reverse("directory:vcard", args=[bob_profile.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    client = login(moderator)
    assert client.get(reverse("moderation:keywords")).status_code == 200
    assert client.get(reverse("directory:export_csv")).status_code == 200
