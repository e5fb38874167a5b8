"""Content in its own language (issue 13, item 4): outputs, events, threads, practices and
profiles record the language they are written in, mark their text with it, link their
translations, and the public portal shows the visitor's version; search stems per language."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from directory import actions as directory_actions
from forum import actions as forum_actions
from forum.models import Category, Practice, Thread
from portal import actions as portal_actions
from portal import caching, search
from portal.models import Output, Status
from tests.conftest import make_user
from tests.directory.conftest import fill_profile
from tests.portal.conftest import make_event, make_output

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # kept pages and rate limits from other tests
    yield
    cache.clear()


def french_brief_and_translation(member, *, translation_status=Status.PUBLISHED):
    original = make_output(
        member,
        title="Travailleurs saisonniers",
        kind=Output.Kind.POLICY_BRIEF,
        language="fr",
        abstract="Les travailleurs saisonniers reviennent chaque année.",
    )
    english = make_output(
        member,
        title="Seasonal workers",
        kind=Output.Kind.POLICY_BRIEF,
        language="en",
        translation_of=original,
        status=translation_status,
        abstract="Seasonal workers come back every year.",
    )
    return original, english


def page(client, url, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


# --- The language of a text, and its mark ---------------------------------------------------


def test_new_content_is_taken_to_be_in_its_authors_language(member):
    User.objects.filter(pk=member.pk).update(language="ru")
    member.refresh_from_db()
    category = Category.objects.create(name="General", slug="general")
    thread = forum_actions.create_thread(member, category=category, title="Тема", body="Текст.")
    assert thread.language == "ru"
    assert directory_actions.ensure_profile(make_user("es@gcm.unu.example", "Ana", language="es"))
    assert User.objects.get(email="es@gcm.unu.example").profile.language == "es"
    with translation.override("fr"):  # no choice of their own: the page's language
        newcomer = make_user("fr@gcm.unu.example", "Luc")
        assert directory_actions.ensure_profile(newcomer).language == "fr"


def test_the_forms_offer_the_language_preselected_with_the_authors(login, member):
    User.objects.filter(pk=member.pk).update(language="es")
    client = login(member)
    for url in [
        reverse("portal:output_new"),
        reverse("portal:event_new"),
        reverse("forum:new_thread"),
        reverse("forum:new_practice"),
    ]:
        html = page(client, url)
        select = re.search(r'<select name="language"[^>]*>.*?</select>', html, re.S)
        assert select, url
        assert '<option value="es" selected>' in select.group(0), url
        assert '<option value="other">' in select.group(0), url


def test_a_thread_started_in_a_language_keeps_it(login, member):
    category = Category.objects.create(name="General", slug="general")
    response = login(member).post(
        reverse("forum:new_thread"),
        {"category": category.pk, "title": "Un fil", "body": "Bonjour.", "language": "fr"},
    )
    assert response.status_code == 302
    assert Thread.objects.get(title="Un fil").language == "fr"


def test_an_unknown_language_is_refused_with_the_text_kept(login, member):
    category = Category.objects.create(name="General", slug="general")
    response = login(member).post(
        reverse("forum:new_thread"),
        {"category": category.pk, "title": "Kept title", "body": "Kept body.", "language": "xx"},
    )
    assert response.status_code == 400
    assert "Kept title" in response.content.decode() and not Thread.objects.exists()


@pytest.mark.parametrize(
    ("code", "attributes"),
    [
        ("fr", 'lang="fr" dir="auto"'),
        ("ar", 'lang="ar" dir="rtl"'),
        ("zh-hans", 'lang="zh-Hans" dir="auto"'),
        ("other", 'dir="auto"'),
    ],
)
def test_the_text_of_each_kind_carries_its_language(client, login, member, code, attributes):
    output = make_output(member, language=code)
    event = make_event(member, language=code)
    html = page(client, output.get_absolute_url())
    assert f'<h1 id="output-title" {attributes}>' in html
    assert f"<div {attributes}><p>What changed" in html
    assert f'<h1 id="event-title" {attributes}>' in page(client, event.get_absolute_url())
    assert f'<h3 id="output-{output.pk}-title" {attributes}>' in page(client, "/outputs/")
    category = Category.objects.create(name="General", slug="general")
    thread = forum_actions.create_thread(
        member, category=category, title="A thread", body="Its text.", language=code
    )
    html = page(login(member), thread.get_absolute_url())
    assert f"<h1 {attributes}>A thread</h1>" in html
    assert f"{attributes}><p>Its text.</p>" in html
    profile = fill_profile(member, position="Researcher", biography="Bio.", language=code)
    profile.biography_html = "<p>Bio.</p>"
    profile.save()
    html = page(login(member), profile.get_absolute_url())
    assert f'<p class="position" {attributes}>Researcher</p>' in html
    assert f"<div {attributes}><p>Bio.</p></div>" in html


def test_a_member_changes_their_profiles_language(login, member):
    profile = fill_profile(member, position="Researcher", biography="Bio.")
    response = login(member).post(
        reverse("directory:edit"),
        {"position": "Chercheuse", "biography": "Bio.", "language": "fr", "visibility": "members"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile.refresh_from_db()
    assert (profile.position, profile.language) == ("Chercheuse", "fr")


# --- Translations ---------------------------------------------------------------------------


def test_a_brief_and_its_translation_link_to_each_other(client, member):
    original, english = french_brief_and_translation(member)
    html = page(client, english.get_absolute_url())
    also = re.search(r'<p class="also-in">.*?</p>', html, re.S).group(0)
    assert f'href="{original.get_absolute_url()}" hreflang="fr" lang="fr">Français</a>' in also
    html = page(client, original.get_absolute_url())
    also = re.search(r'<p class="also-in">.*?</p>', html, re.S).group(0)
    assert f'href="{english.get_absolute_url()}" hreflang="en" lang="en">English</a>' in also
    # an English visitor on the French original is offered the English version
    notice = re.search(r'<p class="message also-in-yours" role="note">.*?</p>', html, re.S)
    assert notice and f'href="{english.get_absolute_url()}"' in notice.group(0)
    assert "also-in-yours" not in page(client, english.get_absolute_url())


def test_a_visitor_in_french_on_the_english_version_is_offered_the_french(client, member):
    original, english = french_brief_and_translation(member)
    html = page(client, f"/fr/outputs/{english.pk}/")
    notice = re.search(r'<p class="message also-in-yours" role="note">.*?</p>', html, re.S)
    assert notice and f'href="/fr/outputs/{original.pk}/"' in notice.group(0)


def test_an_unpublished_translation_is_linked_for_its_submitter_only(
    client, login, member, other_member
):
    original, draft = french_brief_and_translation(member, translation_status=Status.DRAFT)
    assert "also-in" not in page(client, original.get_absolute_url())
    assert "also-in" not in page(login(other_member), original.get_absolute_url())
    assert f'href="{draft.get_absolute_url()}"' in page(login(member), original.get_absolute_url())


@pytest.mark.parametrize(
    ("prefix", "shown", "hidden"),
    [
        ("", "Seasonal workers", "Travailleurs saisonniers"),
        ("/fr", "Travailleurs saisonniers", "Seasonal workers"),
        ("/es", "Travailleurs saisonniers", "Seasonal workers"),  # no Spanish: the original
    ],
)
def test_the_lists_show_one_version_per_set_in_the_visitors_language(
    client, member, prefix, shown, hidden
):
    french_brief_and_translation(member)
    make_output(member, title="Untranslated report")
    for url in [f"{prefix}/outputs/", f"{prefix}/"]:
        html = page(client, url)
        assert shown in html and "Untranslated report" in html, url
        assert hidden not in html, url


def test_the_outputs_list_keeps_its_query_budget_with_translations(
    client, member, assert_stable_queries
):
    french_brief_and_translation(member)
    counter = iter(range(100))

    def grow():
        original = make_output(member, title=f"Original {next(counter)}", language="fr")
        for code in ["en", "es", "ru"]:
            make_output(member, title=f"Version {code}", language=code, translation_of=original)

    for url in ["/outputs/", "/fr/outputs/", "/fr/"]:
        assert assert_stable_queries(client, url, grow, before_each=caching.changed)


def test_linking_a_translation_in_the_form(login, member):
    original = make_output(member, title="Original", language="fr")
    data = {
        "kind": Output.Kind.REPORT,
        "title": "The translation",
        "language": "en",
        "translation_of": f"https://example.org/fr/outputs/{original.pk}/",
        "date": "2026-05-01",
        "abstract": "Text.",
        "authors_text": "A. Author",
        "draft": "1",
    }
    response = login(member).post(reverse("portal:output_new"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Output.objects.get(title="The translation").translation_of == original
    # a translation of the translation is one of the original's
    translated = Output.objects.get(title="The translation")
    data.update(title="Another", language="es", translation_of=f"/outputs/{translated.pk}/")
    assert login(member).post(reverse("portal:output_new"), data).status_code == 302
    assert Output.objects.get(title="Another").translation_of == original


@pytest.mark.parametrize(
    ("address", "language", "message"),
    [
        ("/events/1/", "en", "Give the address of the original"),
        ("not an address", "en", "Give the address of the original"),
        ("9" * 40, "en", "Give the address of the original"),
        ("/outputs/999999/", "en", "No output you may see has this address."),
        ("{hidden}", "en", "No output you may see has this address."),
        ("{original}", "fr", "in this language already"),
    ],
)
def test_a_wrong_original_is_refused_with_what_was_typed_kept(
    login, member, other_member, address, language, message
):
    original = make_output(member, title="Original", language="fr")
    hidden = make_output(other_member, title="Hidden draft", status=Status.DRAFT)
    typed = address.format(original=f"/outputs/{original.pk}/", hidden=f"/outputs/{hidden.pk}/")
    response = login(member).post(
        reverse("portal:output_new"),
        {
            "kind": Output.Kind.REPORT,
            "title": "Kept title",
            "language": language,
            "translation_of": typed,
            "date": "2026-05-01",
            "abstract": "Text.",
            "authors_text": "A. Author",
            "draft": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'") and "Kept title" in html
    assert not Output.objects.filter(title="Kept title").exists()


def make_practice(member, moderator, title, language, translation_of=None):
    category, _new = Category.objects.get_or_create(name="Practices", slug="practices")
    practice = forum_actions.submit_practice(
        member,
        category=category,
        title=title,
        summary=f"Summary of {title}.",
        what_worked="It worked.",
        language=language,
        translation_of=translation_of,
    )
    forum_actions.review_practice(moderator, practice, Practice.Status.CURATED)
    portal_actions.set_practice_public(moderator, practice, True)
    return Practice.objects.select_related("thread").get(pk=practice.pk)


def test_practices_link_their_translations_here_and_on_the_public_site(
    client, login, member, moderator
):
    original = make_practice(member, moderator, "Cantine solidaire", "fr")
    english = make_practice(member, moderator, "Community canteen", "en", original)
    caching.changed()
    html = page(client, reverse("portal:practice", args=[english.pk]))
    also = re.search(r'<p class="also-in">.*?</p>', html, re.S).group(0)
    assert reverse("portal:practice", args=[original.pk]) in also and ">Français<" in also
    assert '<p lang="fr" dir="auto">' not in html and '<p lang="en" dir="auto">' in html
    html = page(login(member), original.thread.get_absolute_url())
    also = re.search(r'<p class="also-in">.*?</p>', html, re.S).group(0)
    assert english.thread.get_absolute_url() in also and ">English<" in also
    listed = page(client, "/fr/practices/")
    assert "Cantine solidaire" in listed and "Community canteen" not in listed
    library = page(login(member), reverse("forum:practices"))
    assert "Community canteen" in library and "Cantine solidaire" not in library


def test_a_practice_is_linked_as_a_translation_in_its_form(login, member, moderator):
    original = make_practice(member, moderator, "Cantine solidaire", "fr")
    category = Category.objects.get(slug="practices")
    data = {
        "category": category.pk,
        "title": "Community canteen",
        "language": "en",
        "translation_of": f"/fr/practices/{original.pk}/",
        "summary": "A canteen.",
        "what_worked": "Cooking together.",
    }
    response = login(member).post(reverse("forum:new_practice"), data)
    assert response.status_code == 302
    assert Practice.objects.get(thread__title="Community canteen").translation_of == original
    data.update(title="Refused", language="fr", translation_of=original.thread.get_absolute_url())
    response = login(member).post(reverse("forum:new_practice"), data)
    assert response.status_code == 400 and "in this language already" in (
        response.content.decode().replace("&#x27;", "'")
    )
    data.update(language="es", translation_of="/forum/t/999999/")
    response = login(member).post(reverse("forum:new_practice"), data)
    assert response.status_code == 400 and "Good practices library" in response.content.decode()


def test_the_demo_has_a_french_brief_and_its_english_translation(db):
    from accounts import demo as accounts_demo
    from directory import demo as directory_demo
    from forum import demo as forum_demo
    from portal import demo

    people = accounts_demo.load()
    directory_demo.load(people)
    forum_demo.load(people)
    demo.load(people)
    demo.load(people)  # idempotent
    french = Output.objects.get(language="fr", kind=Output.Kind.POLICY_BRIEF)
    (english,) = french.translations.all()
    assert english.language == "en" and english.is_public and french.is_public
    assert Output.objects.filter(translation_of__isnull=False).count() == 1


# --- Search ---------------------------------------------------------------------------------


def test_search_finds_content_in_every_language_on_sqlite_too(client, member):
    french_brief_and_translation(member)
    found = [result.title for result in search.find(None, "saisonniers")]
    assert found == ["Travailleurs saisonniers"]


@pytest.mark.services
def test_search_stems_each_text_in_its_own_language_on_postgres(
    postgres_url, client, login, member, moderator
):
    """Russian declines its nouns: "мигрантов" is found by "мигранты" only when the Russian
    stemmer reads both; an English text is still stemmed in English."""
    make_output(member, title="Права мигрантов", language="ru", abstract="Обзор.")
    make_output(member, title="Counting households", language="en", abstract="Surveys.")
    titles = [result.title for result in search.find(None, "мигранты")]
    assert titles == ["Права мигрантов"]
    assert [result.title for result in search.find(None, "household")] == ["Counting households"]
    category = Category.objects.create(name="General", slug="general")
    forum_actions.create_thread(
        member, category=category, title="Права мигрантов", body="Текст.", language="ru"
    )
    found = search.find(member, "мигранты", kind="thread")
    assert [result.title for result in found] == ["Права мигрантов"]
    profile = fill_profile(member, position="Исследователь", biography="Права мигрантов")
    profile.language = "ru"
    profile.save()
    from directory.indexing import refresh

    refresh([profile.pk])
    found = search.find(member, "мигранты", kind="person")
    assert [result.title for result in found] == [member.display_name]
