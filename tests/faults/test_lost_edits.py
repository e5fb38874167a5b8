"""Nothing typed is lost when someone else acted first: a moderator hid the post being edited,
or another tab saved the same profile."""

import re

import pytest
from django.urls import reverse

from directory.models import Profile
from forum import actions
from forum.models import Category, Post


@pytest.fixture
def opening(member):
    category = Category.objects.create(name="General discussion", slug="general", order=1)
    thread = actions.create_thread(member, category=category, title="Data", body="Sources?")
    return thread.posts.get(position=1)


def test_a_post_hidden_while_its_author_edits_shows_the_text_back(
    opening, member, moderator, login
):
    client = login(member)
    url = reverse("forum:edit_post", args=[opening.pk])
    assert client.get(url).status_code == 200
    actions.hide_post(moderator, opening, reason="Personal data")
    response = client.post(url, {"body": "My careful rewrite", "version": 1})
    html = response.content.decode()
    assert response.status_code == 403
    assert "A moderator hid this post while you were editing it" in html
    assert "My careful rewrite" in html
    assert Post.objects.get(pk=opening.pk).body == "Sources?"


def test_a_post_hidden_between_the_check_and_the_save_shows_the_text_back(
    opening, member, moderator, login, monkeypatch
):
    """The moderator's hide lands after the view loaded the post, before the action ran."""
    edit = actions.edit_post

    def hidden_first(editor, post, body, **kwargs):
        actions.hide_post(moderator, Post.objects.get(pk=post.pk), reason="Personal data")
        return edit(editor, Post.objects.get(pk=post.pk), body, **kwargs)

    monkeypatch.setattr(actions, "edit_post", hidden_first)
    response = login(member).post(
        reverse("forum:edit_post", args=[opening.pk]), {"body": "Typed late", "version": 1}
    )
    assert response.status_code == 403
    assert "Typed late" in response.content.decode()
    assert Post.objects.get(pk=opening.pk).body == "Sources?"


def test_someone_elses_post_still_gets_a_plain_refusal(opening, other_member, login):
    response = login(other_member).post(
        reverse("forum:edit_post", args=[opening.pk]), {"body": "Mine now", "version": 1}
    )
    assert response.status_code == 403 and "Mine now" not in response.content.decode()


def profile_form(page, **overrides) -> dict:
    """What a browser sends from the profile page it was given (the hidden version included)."""
    version = re.search(r'name="version" value="([^"]*)"', page.content.decode())
    assert version, "the profile form carries the version it showed"
    return {
        "position": "",
        "affiliations": "",
        "biography": "",
        "links": "",
        "orcid": "",
        "keyword_text": "",
        "visibility": "members",
        "version": version[1],
        **overrides,
    }


def test_a_stale_profile_form_does_not_overwrite_a_newer_save(member, login):
    url = reverse("directory:edit")
    first_tab, second_tab = login(member), login(member)
    old_page, stale_page = first_tab.get(url), second_tab.get(url)
    saved = first_tab.post(url, profile_form(old_page, position="Senior researcher"))
    assert saved.status_code == 302
    response = second_tab.post(url, profile_form(stale_page, biography="My long new biography"))
    html = response.content.decode()
    assert response.status_code == 409
    assert "saved somewhere else" in html
    assert "My long new biography" in html  # the typed text, in the form, ready to send again
    assert "Saved in the meantime" in html and "Senior researcher" in html
    profile = Profile.objects.get(user=member)
    assert profile.position == "Senior researcher" and profile.biography == ""
    # Sent again from the conflict page (which carries the new version), it is saved.
    again = second_tab.post(url, profile_form(response, biography="My long new biography"))
    assert again.status_code == 302
    profile.refresh_from_db()
    assert profile.biography == "My long new biography" and profile.position == ""


def test_a_profile_form_saved_twice_in_a_row_from_one_tab_is_saved(member, login):
    client, url = login(member), reverse("directory:edit")
    response = client.post(url, profile_form(client.get(url), position="Researcher"))
    assert response.status_code == 302
    response = client.post(url, profile_form(client.get(url), position="Lecturer"))
    assert response.status_code == 302
    assert Profile.objects.get(user=member).position == "Lecturer"
