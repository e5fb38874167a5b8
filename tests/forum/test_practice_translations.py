"""A practice names the curated practice it translates; the public page links the versions."""

import pytest
from django.urls import reverse

from forum import actions
from forum.models import Category, Practice
from portal import actions as portal_actions


@pytest.fixture
def welcome_desks(member, moderator):
    category = Category.objects.create(name="Good practices", slug="practices")
    practice = actions.submit_practice(
        member,
        category=category,
        title="Guichets d'accueil",
        summary="Un guichet par quartier.",
        what_worked="Des bénévoles.",
        language="fr",
    )
    actions.review_practice(moderator, practice, "curated")
    portal_actions.set_practice_public(moderator, practice, True)
    return category, Practice.objects.get(pk=practice.pk)


def translate(client, category, original, language):
    return client.post(
        reverse("forum:new_practice"),
        {
            "category": category.pk,
            "title": f"Welcome desks ({language})",
            "summary": "One desk per district.",
            "what_worked": "Volunteers.",
            "language": language,
            "translation_of": original.pk,
        },
    )


def test_a_translation_is_submitted_and_the_versions_link_each_other(
    login, client, member, moderator, welcome_desks
):
    category, original = welcome_desks
    assert translate(login(member), category, original, "en").status_code == 302
    english = Practice.objects.get(translation_of=original)
    actions.review_practice(moderator, english, "curated")
    portal_actions.set_practice_public(moderator, english, True)
    # An English visitor asking for the French original is shown the English version...
    response = client.get(f"/practices/{original.pk}/")
    assert (response.status_code, response["Location"]) == (302, f"/practices/{english.pk}/")
    # ...unless they chose the French one by name ("Also in").
    page = client.get(f"/practices/{original.pk}/?chosen=1").content.decode()
    link = f'<a href="/practices/{english.pk}/?chosen=1" lang="en" hreflang="en">English</a>'
    assert link in page
    assert 'lang="fr">Guichets d&#x27;accueil</bdi>' in page
    page = client.get(f"/practices/{english.pk}/").content.decode()
    link = f'<a href="/practices/{original.pk}/?chosen=1" lang="fr" hreflang="fr">Français</a>'
    assert link in page
    french = client.get(f"/fr/practices/{english.pk}/")
    assert (french.status_code, french["Location"]) == (302, f"/fr/practices/{original.pk}/")


def test_a_second_version_in_one_language_and_a_translation_of_a_translation_are_refused(
    login, member, moderator, welcome_desks
):
    category, original = welcome_desks
    client = login(member)
    response = translate(client, category, original, "fr")
    assert response.status_code == 400
    assert "already has a version in this language" in response.content.decode()
    translate(client, category, original, "es")
    spanish = Practice.objects.get(translation_of=original)
    actions.review_practice(moderator, spanish, "curated")
    response = translate(client, category, spanish, "ru")
    assert response.status_code == 400
    assert "not a translation" in response.content.decode()


def test_the_public_list_shows_each_practice_once_in_the_visitors_language(
    login, client, member, moderator, welcome_desks
):
    category, original = welcome_desks
    assert translate(login(member), category, original, "en").status_code == 302
    english = Practice.objects.get(translation_of=original)
    actions.review_practice(moderator, english, "curated")
    portal_actions.set_practice_public(moderator, english, True)
    listing = client.get("/practices/").content.decode()
    assert "Welcome desks (en)" in listing and "Guichets d&#x27;accueil" not in listing
    french = client.get("/fr/practices/").content.decode()
    assert "Guichets d&#x27;accueil" in french and "Welcome desks (en)" not in french
    spanish = client.get("/es/practices/").content.decode()  # no Spanish version: the original
    assert "Guichets d&#x27;accueil" in spanish and "Welcome desks (en)" not in spanish
