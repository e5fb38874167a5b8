import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from directory.models import Profile

pytestmark = pytest.mark.django_db


def test_an_upload_keeps_only_its_folder_and_suffix():
    name = default_storage.save(
        default_storage.generate_filename("portal/outputs/Jane Doe CV.PDF"), ContentFile(b"x")
    )
    assert re.fullmatch(r"portal/outputs/[0-9a-f]{32}\.pdf", name)


def test_two_uploads_of_one_name_get_two_names(member):
    profile = Profile.objects.get(user=member)
    names = set()
    for _ in range(2):
        profile.photo.save("photo.webp", ContentFile(b"webp"), save=True)
        names.add(profile.photo.name)
    assert len(names) == 2
    assert all(re.fullmatch(r"directory/photos/[0-9a-f]{32}\.webp", name) for name in names)
