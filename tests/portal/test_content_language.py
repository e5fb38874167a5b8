"""Content in its own language: outputs and events record the language they are written in,
chosen in their forms ("Written in"), and carry it as ``lang`` on their text wherever shown."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from portal.models import Event, Output

from .conftest import make_event, make_output
from .test_moderation import event_post, output_post


def test_the_output_form_offers_the_languages_named_in_themselves(login, member):
    page = login(member).get(reverse("portal:output_new")).content.decode()
    assert "Written in" in page
    assert '<option value="fr">Français</option>' in page
    assert '<option value="ar">' in page


def test_a_new_output_defaults_to_the_submitters_interface_language(login, member):
    User.objects.filter(pk=member.pk).update(language="es")
    client = login(member)
    page = client.get(reverse("portal:output_new")).content.decode()
    assert re.search(r'<option value="es" selected>', page)
    client.post(reverse("portal:output_new"), output_post(submit="1"))  # no language sent
    assert Output.objects.get().language == "es"


def test_without_an_interface_language_the_default_is_the_sites(login, member, settings):
    login(member).post(reverse("portal:output_new"), output_post(submit="1"))
    assert Output.objects.get().language == settings.LANGUAGE_CODE


def test_the_chosen_language_is_stored_and_kept_on_edit(login, member):
    client = login(member)
    client.post(reverse("portal:output_new"), output_post(language="fr", draft="1"))
    output = Output.objects.get()
    assert output.language == "fr"
    client.post(reverse("portal:output_edit", args=[output.pk]), output_post(draft="1"))
    output.refresh_from_db()
    assert output.language == "fr"  # left out of the edit: unchanged


def test_an_unknown_language_is_a_400_saying_so(login, member):
    response = login(member).post(reverse("portal:output_new"), output_post(language="xx"))
    assert response.status_code == 400
    assert "Choose one of the listed languages." in response.content.decode()
    assert not Output.objects.exists()


def test_an_event_records_its_language_and_refuses_an_unknown_one(login, member):
    client = login(member)
    assert client.post(reverse("portal:event_new"), event_post(language="zz")).status_code == 400
    client.post(reverse("portal:event_new"), event_post(language="ru", submit="1"))
    assert Event.objects.get().language == "ru"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_output_pages_and_cards_carry_the_texts_language(client, member, language):
    output = make_output(
        member, title="Un titre", language=language, kind="policy_brief", recommendations="Agir"
    )
    page = client.get(output.get_absolute_url()).content.decode()
    assert f'<bdi lang="{language}">Un titre</bdi>' in page
    assert f'<div dir="auto" lang="{language}">' in page
    assert f'<ol dir="auto" lang="{language}">' in page
    listing = client.get(reverse("portal:outputs")).content.decode()
    assert f'<bdi lang="{language}">Un titre</bdi>' in listing


def test_event_pages_and_cards_carry_the_texts_language(client, member):
    event = make_event(member, title="Символ", language="ru")
    page = client.get(event.get_absolute_url()).content.decode()
    assert '<bdi lang="ru">Символ</bdi>' in page
    assert 'dir="auto" lang="ru"' in page
    assert '<bdi lang="ru">Символ</bdi>' in client.get(reverse("portal:events")).content.decode()
