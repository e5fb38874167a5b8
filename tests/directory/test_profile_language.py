"""A profile records the language of its own text; the biography carries it as ``lang``."""

import pytest
from django.urls import reverse

from accounts.models import User
from directory import actions
from directory.models import Profile

from .test_edit import URL, form_data

pytestmark = pytest.mark.django_db


def sent(client, **overrides):
    version = actions.version_token(Profile.objects.get(user__email="alice@gcm.unu.example"))
    return client.post(URL, form_data(version=version, **overrides))


def test_the_biographys_language_is_chosen_and_shown_on_the_profile(login, member):
    client = login(member)
    assert "Written in" in client.get(URL).content.decode()
    assert sent(client, language="ar").status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.language == "ar"
    page = client.get(reverse("directory:profile", args=[profile.pk])).content.decode()
    assert '<div dir="auto" lang="ar"><p>I study' in page


def test_an_empty_profile_offers_the_interface_language(login, member):
    User.objects.filter(pk=member.pk).update(language="zh-hans")
    page = login(member).get(URL).content.decode()
    assert '<option value="zh-hans" selected>' in page


def test_an_unknown_language_is_refused(login, member):
    response = sent(login(member), language="de")
    assert response.status_code == 400
    assert "Choose one of the listed languages." in response.content.decode()
    assert Profile.objects.get(user=member).language == "en"
