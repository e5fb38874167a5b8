"""Posts of the thread page come from the cache (forum.fragments) when nothing they show has
changed, and never carry another reader's view, an old text or an old CSRF token."""

import pytest
from django.test import Client

from forum import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(renders_of):
    return renders_of("forum/_post.html")


def page(client, thread):
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response


def test_a_second_view_renders_no_post(thread, opening, member, other_member, login, renders):
    actions.reply(other_member, thread, "Eurostat.", reply_to=opening)
    client = login(member)
    page(client, thread)  # the first view marks the posts read: their "New" markers go
    first = page(client, thread)  # the reply, no longer new, rendered again
    before = len(renders)
    assert before == 3
    second = page(client, thread)
    assert len(renders) == before  # every post from the cache
    assert first.text.count("Eurostat.") == second.text.count("Eurostat.") == 1


def test_each_request_gets_its_own_csrf_token(thread, opening, member, other_member, login):
    actions.reply(other_member, thread, "Eurostat.", reply_to=opening)
    client = login(member)
    page(client, thread)
    html = page(client, thread).text
    assert "placeholder" not in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    checking = Client(enforce_csrf_checks=True)
    checking.cookies = client.cookies
    react = checking.post(opening.links["react"], {"kind": "useful", "csrfmiddlewaretoken": token})
    assert react.status_code == 302


def test_readers_see_their_own_abilities(thread, opening, member, other_member, moderator, login):
    theirs = actions.reply(other_member, thread, "Eurostat.", reply_to=opening)
    for _ in range(2):  # the second time from the cache
        mine = page(login(member), thread).text
        moderating = page(login(moderator), thread).text
        assert opening.links["edit"] in mine and theirs.links["edit"] not in mine
        assert theirs.links["hide"] in moderating and theirs.links["hide"] not in mine


def test_an_edit_a_hide_and_a_reaction_show_at_once(
    thread, opening, member, other_member, moderator, login
):
    theirs = actions.reply(other_member, thread, "Eurostat.", reply_to=opening)
    client = login(member)
    page(client, thread)
    actions.edit_post(
        other_member, theirs, "Eurostat and the OECD.", expected_version=theirs.version
    )
    assert "Eurostat and the OECD." in page(client, thread).text
    actions.toggle_reaction(moderator, theirs, "useful")
    assert '<span class="count">1</span>' in page(client, thread).text
    actions.hide_post(moderator, theirs, reason="Off topic")
    html = page(client, thread).text
    assert "This post was hidden by a moderator." in html and "OECD" not in html
    assert "OECD" in page(login(moderator), thread).text  # moderators still read it


def test_without_a_cache_every_post_is_rendered(thread, opening, member, login, settings, renders):
    settings.FRAGMENT_SECONDS = 0
    client = login(member)
    for _ in range(2):
        before = len(renders)
        assert "Which sources do you use?" in page(client, thread).text
        assert len(renders) == before + 1


def test_the_threads_language_shows_at_once(thread, opening, member, login):
    client = login(member)
    page(client, thread)
    type(thread).objects.filter(pk=thread.pk).update(language="fr")
    assert 'lang="fr"' in page(client, thread).text


def test_the_reply_form_is_in_the_readers_language_and_limits(
    thread, opening, member, login, settings
):
    client = login(member)
    assert "Your reply" in page(client, thread).text
    type(member).objects.filter(pk=member.pk).update(language="fr")
    french = page(client, thread).text
    assert "Votre réponse" in french and "Your reply" not in french
    settings.ATTACHMENTS_MAX_FILES = 3
    assert "3 fichiers de" in page(client, thread).text
