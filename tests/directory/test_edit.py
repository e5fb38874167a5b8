import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from directory.models import Keyword, Method, Profile, Publication, Theme

pytestmark = pytest.mark.django_db

URL = reverse("directory:edit")


def form_data(**overrides):
    data = {
        "position": "Researcher",
        "affiliations": "",
        "biography": "I study **remittances**.<script>alert(1)</script>",
        "themes": [Theme.objects.get(slug="remittances").pk],
        "keyword_text": "mobile money, Hawala",
        "methods": [Method.objects.get(slug="econometrics").pk],
        "orcid": "https://orcid.org/0000-0002-1825-0097",
        "links": "https://example.org/alice",
        "visibility": "members",
    }
    data.update(overrides)
    return data


def image_upload(fmt="PNG", size=(300, 200), name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_member_edits_their_profile(login, member):
    client = login(member)
    page = client.get(URL)
    assert page.status_code == 200
    assert b"Add your methods" in page.content

    response = client.post(URL, form_data())
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.position == "Researcher"
    assert "<strong>remittances</strong>" in profile.biography_html
    assert "<script" not in profile.biography_html
    assert profile.orcid == "0000-0002-1825-0097"
    assert [t.slug for t in profile.themes.all()] == ["remittances"]
    assert sorted(k.name for k in profile.keywords.all()) == ["Hawala", "mobile money"]
    assert set(Keyword.objects.values_list("status", flat=True)) == {"proposed"}
    assert b"Add your methods" not in client.get(URL).content


def test_non_members_cannot_edit(login, applicant, client):
    response = login(applicant).get(URL)
    assert response.status_code == 302
    assert response.url == reverse("accounts:status")
    client.logout()
    assert client.get(URL).status_code == 302
    assert not Profile.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("biography", "x" * 1_000_000, b"under 10000 characters"),
        ("orcid", "0000-0002-1825-0098", b"checksum"),
        ("links", "javascript:alert(1)", b"is not a web address"),
        ("themes", ["999999"], b"Select a valid choice"),
        ("keyword_text", ",".join(f"k{n}" for n in range(30)), b"At most 20 keywords"),
    ],
)
def test_bad_input_is_refused_and_kept(login, member, field, value, message):
    response = login(member).post(URL, form_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content
    assert b"Researcher" in response.content  # what was typed is kept
    assert Profile.objects.get(user=member).position == ""


def test_a_synonym_keyword_lands_on_its_theme(login, member):
    Keyword.objects.create(
        name="IDPs",
        normalized="idps",
        status=Keyword.Status.SYNONYM,
        synonym_of_theme=Theme.objects.get(slug="internal-displacement"),
    )
    login(member).post(URL, form_data(keyword_text="IDPs"))
    profile = Profile.objects.get(user=member)
    assert set(profile.themes.values_list("slug", flat=True)) == {
        "remittances",
        "internal-displacement",
    }
    assert not profile.keywords.exists()


def test_profile_edits_are_rate_limited(login, member, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "directory.edit": "1/h"}
    client = login(member)
    assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data(position="Other")).status_code == 429
    assert Profile.objects.get(user=member).position == "Researcher"


def test_a_photo_is_reencoded_and_served_to_members(login, member, other_member):
    client = login(member)
    response = client.post(reverse("directory:upload_photo"), {"photo": image_upload()})
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    with profile.photo.open("rb") as handle:
        stored = Image.open(handle)
        assert stored.format == "WEBP"
        assert stored.size == (400, 400) or stored.size[0] == stored.size[1]
    photo_url = reverse("directory:photo", args=[profile.pk])
    assert login(other_member).get(photo_url)["Content-Type"] == "image/webp"


def test_a_file_that_is_not_an_image_is_refused(login, member):
    fake = SimpleUploadedFile("photo.png", b"<?php echo 'hi'; ?>", content_type="image/png")
    response = login(member).post(reverse("directory:upload_photo"), {"photo": fake})
    assert response.status_code == 400
    assert b"not a JPEG, PNG or WebP image" in response.content
    assert not Profile.objects.get(user=member).photo


def test_a_gif_is_refused(login, member):
    response = login(member).post(
        reverse("directory:upload_photo"), {"photo": image_upload("GIF", name="p.gif")}
    )
    assert response.status_code == 400


def test_a_decompression_bomb_is_refused_before_decoding(login, member):
    # A tiny PNG that claims 30,000 x 30,000 pixels.
    buffer = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, format="PNG")
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    assert len(buffer.getvalue()) < 1_000_000
    response = login(member).post(reverse("directory:upload_photo"), {"photo": bomb})
    assert response.status_code == 400
    assert b"too many pixels" in response.content or b"too large to open" in response.content


def test_publications_are_added_and_removed_by_their_owner_only(login, member, other_member):
    client = login(member)
    response = client.post(
        reverse("directory:add_publication"),
        {"title": "Diaspora bonds", "year": "2020", "doi": "https://doi.org/10.1/ABC"},
    )
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.doi == "10.1/abc"
    duplicate = client.post(
        reverse("directory:add_publication"), {"title": "Again", "doi": "10.1/abc"}
    )
    assert duplicate.status_code == 400
    delete_url = reverse("directory:delete_publication", args=[publication.pk])
    assert login(other_member).post(delete_url).status_code == 403
    assert Publication.objects.exists()
    assert login(member).post(delete_url).status_code == 302
    assert not Publication.objects.exists()


def test_the_public_photo_is_served_only_for_public_profiles(client, login, member):
    login(member).post(reverse("directory:upload_photo"), {"photo": image_upload()})
    profile = Profile.objects.get(user=member)
    photo_url = reverse("directory:public_photo", args=[profile.pk])
    assert client.get(photo_url).status_code == 404  # members only: not even its existence
    profile.visibility = Profile.Visibility.PUBLIC
    profile.save()
    response = client.get(photo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    page = client.get(reverse("directory:public_profile", args=[profile.pk])).content.decode()
    assert f'src="{photo_url}"' in page
    assert f'"image": "http://testserver{photo_url}"' in page


def test_a_public_profile_without_a_photo_has_no_public_photo(client, member):
    profile = Profile.objects.get(user=member)
    profile.visibility = Profile.Visibility.PUBLIC
    profile.save()
    assert client.get(reverse("directory:public_photo", args=[profile.pk])).status_code == 404
    page = client.get(reverse("directory:public_profile", args=[profile.pk])).content.decode()
    assert '"image"' not in page
