"""Translations of an output: the form names the original (checked), the pages link the other
versions ("Also in"), and the public portal shows the visitor's language where a version has it."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from directory.models import Theme
from portal import caching
from portal.models import Output, Status

from .conftest import make_output
from .test_moderation import output_post


@pytest.fixture(autouse=True)
def _english_after():
    """Requests here run in French or Russian; the thread keeps the last one's language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def brief(member):
    """A French policy brief and its English translation."""
    original = make_output(member, title="Les villes et les départs", language="fr")
    english = make_output(
        member, title="Cities and departures", language="en", translation_of=original
    )
    return original, english


def submit(client, **extra):
    return client.post(reverse("portal:output_new"), output_post(draft="1", **extra))


def test_a_translation_names_its_published_original(login, member, brief):
    original, _english = brief
    client = login(member)
    page = client.get(reverse("portal:output_new")).content.decode()
    assert "Translation of" in page and f'<option value="{original.pk}">' in page
    assert submit(client, language="es", translation_of=original.pk).status_code == 302
    spanish = Output.objects.get(language="es")
    assert spanish.translation_of == original
    assert set(Output.objects.versions_of(spanish)) == {original, brief[1], spanish}


def test_a_translation_of_a_translation_is_refused(login, member, brief):
    response = submit(login(member), language="es", translation_of=brief[1].pk)
    assert response.status_code == 400
    assert "not a translation" in response.content.decode()


def test_an_unpublished_original_is_refused(login, member):
    draft = make_output(member, title="Brouillon", language="fr", status=Status.DRAFT)
    assert submit(login(member), translation_of=draft.pk).status_code == 400


def test_a_second_version_in_one_language_is_refused(login, member, brief):
    response = submit(login(member), language="en", translation_of=brief[0].pk)
    assert response.status_code == 400
    assert "That work already has a version in English." in response.content.decode()
    response = submit(login(member), language="fr", translation_of=brief[0].pk)
    assert "already has a version in Français" in response.content.decode()


def test_an_output_cannot_name_itself(login, moderator, brief):
    original = brief[0]
    response = login(moderator).post(
        reverse("portal:output_edit", args=[original.pk]),
        output_post(language="fr", translation_of=original.pk),
    )
    assert response.status_code == 400
    assert "not this output" in response.content.decode()


def test_an_original_with_translations_stays_an_original(login, member, moderator, brief):
    other = make_output(member, title="Another original", language="es")
    response = login(moderator).post(
        reverse("portal:output_edit", args=[brief[0].pk]),
        output_post(language="fr", translation_of=other.pk),
    )
    assert response.status_code == 400
    assert "it stays an original" in response.content.decode()


def test_the_versions_link_to_each_other(client, brief):
    original, english = brief
    french_page = client.get(original.get_absolute_url() + "?chosen=1").content.decode()
    assert "Also in:" in french_page
    assert (
        f'<a href="{english.get_absolute_url()}?chosen=1" lang="en" hreflang="en">English</a>'
        in french_page
    )
    english_page = client.get(english.get_absolute_url()).content.decode()
    assert (
        f'<a href="{original.get_absolute_url()}?chosen=1" lang="fr" hreflang="fr">Français</a>'
        in english_page
    )


def test_a_version_is_not_among_the_related_outputs(client, brief):
    original, english = brief
    theme = Theme.objects.leaves().first()
    original.themes.add(theme)
    english.themes.add(theme)
    caching.changed()
    response = client.get(f"/outputs/{english.pk}/")
    assert original not in list(response.context["related"])


def test_an_unpublished_version_is_not_linked(client, member, brief):
    original, english = brief
    Output.objects.filter(pk=english.pk).update(status=Status.DRAFT)
    assert "Also in" not in client.get(original.get_absolute_url()).content.decode()


def test_a_french_browser_is_sent_to_the_french_version(client, brief):
    original, english = (f"/outputs/{version.pk}/" for version in brief)
    response = client.get(english, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == f"/fr{original}"
    assert client.get(english + "?chosen=1", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    # An English visitor reading the French original is sent to the English version.
    assert Client().get(original)["Location"] == english


def test_a_language_without_a_version_keeps_the_page(client, brief):
    assert client.get(brief[1].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").status_code == 200


def titles(response) -> set[str]:
    return {output.title for output in response.context["page"]}


def test_the_list_shows_each_work_once_in_the_visitors_language(client, member, brief):
    make_output(member, title="Only in English", language="en")
    make_output(member, title="Solo en español", language="es")
    english = client.get("/outputs/")
    assert titles(english) == {"Cities and departures", "Only in English", "Solo en español"}
    french = client.get("/fr/outputs/")
    assert titles(french) == {"Les villes et les départs", "Only in English", "Solo en español"}
    by_browser = Client().get("/outputs/", HTTP_ACCEPT_LANGUAGE="fr")
    assert titles(by_browser) == titles(french)
    # A language no version is in: the original.
    russian = client.get("/ru/outputs/")
    assert titles(russian) == {"Les villes et les départs", "Only in English", "Solo en español"}


def test_a_translation_whose_original_is_withdrawn_is_listed_alone(client, brief):
    Output.objects.filter(pk=brief[0].pk).update(status=Status.DRAFT)
    assert titles(client.get("/ru/outputs/")) == {"Cities and departures"}


def test_the_list_and_page_queries_do_not_grow_with_translations(
    login, member, brief, assert_stable_queries
):
    original = brief[0]
    languages = iter(["es", "ru", "ar", "zh-hans"])

    def grow():
        language = next(languages)
        make_output(member, title=f"Version {language}", language=language, translation_of=original)

    client = login(member)
    assert assert_stable_queries(client, reverse("portal:outputs"), grow) <= 12
    assert assert_stable_queries(client, original.get_absolute_url() + "?chosen=1", grow) <= 16


@pytest.mark.parametrize("path", ["/", "/outputs/feed.atom"])
def test_the_home_page_and_the_feed_show_each_work_once_in_the_visitors_language(
    client, brief, path
):
    caching.changed()
    english = client.get(path).content.decode()
    assert "Cities and departures" in english and "Les villes et les départs" not in english
    french = client.get("/fr" + path).content.decode()
    assert "Les villes et les départs" in french and "Cities and departures" not in french


def test_an_institute_page_shows_each_work_once_in_the_visitors_language(client, member, brief):
    for output in brief:
        output.institutes.add(member.institute)
    caching.changed()
    url = reverse("portal:institute", args=[member.institute.pk])
    english = client.get(url).content.decode()
    assert "Cities and departures" in english and "Les villes et les départs" not in english
    french = client.get("/fr" + url).content.decode()
    assert "Les villes et les départs" in french and "Cities and departures" not in french
