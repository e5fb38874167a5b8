"""A thread records the language it is written in (its title and its posts); practices and
initiatives start their threads with it. ``lang`` is on the title and on every post's body."""

import re

from django.urls import reverse
from django.utils import translation

from accounts.models import User
from forum import actions
from forum.models import Category, Thread


def start(client, **extra):
    category = Category.objects.get_or_create(name="General", slug="general")[0]
    data = {"category": category.pk, "title": "Données climatiques", "body": "Quelles sources ?"}
    return client.post(reverse("forum:new_thread"), {**data, **extra})


def test_a_discussion_is_started_in_the_chosen_language(login, member):
    response = start(login(member), language="fr")
    assert response.status_code == 302
    assert Thread.objects.get().language == "fr"


def test_the_authors_interface_language_is_the_default(login, member):
    User.objects.filter(pk=member.pk).update(language="ar")
    client = login(member)
    Category.objects.create(name="General", slug="general")
    page = client.get(reverse("forum:new_thread")).content.decode()
    with translation.override("ar"):  # the page is in her language, its labels too
        label = translation.gettext("Written in")
    assert label != "Written in" and label in page
    assert '<option value="ar" selected>' in page
    start(client)
    assert Thread.objects.get().language == "ar"


def test_an_unknown_language_is_refused_with_a_400(login, member):
    response = start(login(member), language="klingon")
    assert response.status_code == 400
    assert "Choose one of the listed languages." in response.content.decode()
    assert not Thread.objects.exists()


def test_the_action_refuses_an_unknown_code(member, category):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.create_thread(member, category=category, title="T", body="B", language="xx")


def test_the_title_and_every_posts_body_carry_the_threads_language(login, member, other_member):
    category = Category.objects.create(name="General", slug="general")
    thread = actions.create_thread(
        member, category=category, title="Миграция", body="Первый пост", language="ru"
    )
    actions.reply(other_member, thread, "Ответ")
    page = login(member).get(thread.get_absolute_url()).content.decode()
    assert '<h1 dir="auto" lang="ru">Миграция</h1>' in page
    assert len(re.findall(r'class="prose post-body"[^>]*lang="ru"', page)) == 2
    listing = login(member).get(category.get_absolute_url()).content.decode()
    assert 'dir="auto" lang="ru">Миграция</a>' in listing


def test_practices_and_initiatives_start_their_threads_in_the_chosen_language(login, member):
    client = login(member)
    Category.objects.create(name="Good practices", slug="practices")
    Category.objects.create(name="Initiatives", slug="initiatives")
    client.post(
        reverse("forum:new_practice"),
        {
            "category": Category.objects.get(slug="practices").pk,
            "title": "Guichets d'accueil",
            "summary": "Un guichet par quartier.",
            "what_worked": "Des bénévoles.",
            "language": "fr",
        },
    )
    client.post(
        reverse("forum:new_initiative"),
        {
            "category": Category.objects.get(slug="initiatives").pk,
            "title": "Red de datos",
            "summary": "Compartir datos.",
            "objectives": "Un repositorio común.",
            "language": "es",
        },
    )
    assert dict(Thread.objects.values_list("kind", "language")) == {
        "practice": "fr",
        "initiative": "es",
    }
