"""Editing with history and optimistic locking; tombstones; hiding and restoring."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import Entry
from forum import actions
from forum.models import Post, Revision


def test_an_edit_keeps_every_version_and_renders_again(thread, opening, member):
    actions.edit_post(member, opening, "Which *sources*?", expected_version=1)
    opening.refresh_from_db()
    assert opening.version == 2 and opening.edited_at is not None
    assert opening.body_html == "<p>Which <em>sources</em>?</p>\n"
    assert list(Revision.objects.filter(post=opening).values_list("version", "body")) == [
        (1, "Which sources do you use?"),
        (2, "Which *sources*?"),
    ]


def test_the_history_page_shows_a_diff(thread, opening, member, other_member, login):
    actions.edit_post(member, opening, "Which sources do you trust?", expected_version=1)
    response = login(other_member).get(reverse("forum:post_history", args=[opening.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    removed = '<p class="diff-line diff-removed"><span class="visually-hidden">Removed: </span>'
    added = '<p class="diff-line diff-added"><span class="visually-hidden">Added: </span>'
    assert removed + "Which sources do you <del>use?</del></p>" in html
    assert added + "Which sources do you <ins>trust?</ins></p>" in html
    for header in ("---", "+++", "@@"):
        assert header not in html.split('class="diff"', 1)[1].split("</section>", 1)[0]


def test_the_history_of_a_hidden_post_is_for_moderators_and_its_author(
    thread, opening, member, other_member, moderator, login
):
    actions.hide_post(moderator, opening, reason="Personal data")
    url = reverse("forum:post_history", args=[opening.pk])
    assert login(other_member).get(url).status_code == 403
    assert login(member).get(url).status_code == 200
    assert login(moderator).get(url).status_code == 200


def test_a_concurrent_edit_gets_a_conflict_page_with_both_texts(thread, opening, member, login):
    client = login(member)
    url = reverse("forum:edit_post", args=[opening.pk])
    assert client.post(url, {"body": "First save", "version": 1}).status_code == 302
    response = client.post(url, {"body": "Second save", "version": 1})
    html = response.content.decode()
    assert response.status_code == 409
    assert "First save" in html and "Second save" in html
    opening.refresh_from_db()
    assert opening.body == "First save" and opening.version == 2
    # Saving again from the conflict page (which carries the new version) works.
    assert client.post(url, {"body": "Second save", "version": 2}).status_code == 302
    opening.refresh_from_db()
    assert opening.body == "Second save" and opening.version == 3


def test_editing_someone_elses_post_is_refused(thread, opening, other_member, moderator, login):
    url = reverse("forum:edit_post", args=[opening.pk])
    assert login(other_member).get(url).status_code == 403
    assert login(other_member).post(url, {"body": "Mine now", "version": 1}).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.edit_post(moderator, opening, "Mine now", expected_version=1)
    opening.refresh_from_db()
    assert opening.body == "Which sources do you use?"


def test_the_author_edits_through_the_page(thread, opening, member, login):
    client = login(member)
    url = reverse("forum:edit_post", args=[opening.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "", "version": 1})
    assert response.status_code == 400
    assert client.post(url, {"body": "Better", "version": 1}).status_code == 302


def test_deleting_leaves_a_tombstone_and_keeps_the_text(thread, member, other_member, login):
    post = actions.reply(other_member, thread, "Regrettable words")
    client = login(other_member)
    assert client.get(reverse("forum:delete_post", args=[post.pk])).status_code == 200
    assert client.post(reverse("forum:delete_post", args=[post.pk])).status_code == 302
    post.refresh_from_db()
    assert post.is_deleted and post.body == "Regrettable words"
    html = login(member).get(thread.get_absolute_url()).content.decode()
    assert "This post was deleted by its author." in html
    assert "Regrettable words" not in html


def test_deleting_someone_elses_post_is_refused(thread, opening, other_member, login):
    response = login(other_member).post(reverse("forum:delete_post", args=[opening.pk]))
    assert response.status_code == 403
    opening.refresh_from_db()
    assert not opening.is_deleted


def test_moderators_hide_and_restore_with_a_reason(
    thread, member, other_member, moderator, login, notified
):
    post = actions.reply(other_member, thread, "Spam link")
    client = login(moderator)
    url = reverse("forum:hide_post", args=[post.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Advertising"}).status_code == 302
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Advertising" and post.body == "Spam link"
    html = login(member).get(thread.get_absolute_url()).content.decode()
    assert "hidden by a moderator" in html and "Spam link" not in html
    html = login(other_member).get(thread.get_absolute_url()).content.decode()
    assert "Spam link" in html and "Advertising" in html  # the author sees why
    client = login(moderator)
    assert (
        client.post(
            reverse("forum:restore_post", args=[post.pk]), {"reason": "Was a real source"}
        ).status_code
        == 302
    )
    post.refresh_from_db()
    assert not post.is_hidden
    assert list(Entry.objects.order_by("pk").values_list("action", "reason")) == [
        ("hide", "Advertising"),
        ("restore", "Was a real source"),
    ]
    assert notified("post_hidden") == [("post_hidden", "bob@ehs.unu.example")]
    assert notified("post_restored") == [("post_restored", "bob@ehs.unu.example")]


def test_a_member_cannot_hide_posts(thread, opening, other_member, login):
    response = login(other_member).post(
        reverse("forum:hide_post", args=[opening.pk]), {"reason": "I disagree"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        actions.hide_post(other_member, opening, reason="I disagree")
    opening.refresh_from_db()
    assert not opening.is_hidden


def test_a_hide_without_reason_is_refused(thread, opening, moderator):
    with pytest.raises(ValidationError):
        actions.hide_post(moderator, opening, reason="  ")


def test_reactions_toggle_and_are_counted(thread, opening, other_member, moderator, login):
    client = login(other_member)
    url = reverse("forum:react", args=[opening.pk])
    assert client.post(url, {"kind": "useful"}).status_code == 302
    actions.toggle_reaction(moderator, opening, "useful")
    opening.refresh_from_db()
    assert opening.reaction_counts == {"useful": 2}
    client.post(url, {"kind": "useful"})
    opening.refresh_from_db()
    assert opening.reaction_counts == {"useful": 1}
    assert client.post(url, {"kind": "love"}).status_code == 400


def test_reactions_are_rate_limited(thread, opening, other_member, login, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.reaction": "1/h"}
    client = login(other_member)
    url = reverse("forum:react", args=[opening.pk])
    assert client.post(url, {"kind": "useful"}).status_code == 302
    assert client.post(url, {"kind": "agree"}).status_code == 429


def test_hiding_twice_or_restoring_a_visible_post_is_refused(thread, opening, moderator, login):
    client = login(moderator)
    restore = reverse("forum:restore_post", args=[opening.pk])
    assert client.post(restore, {"reason": "Why not"}).status_code == 400
    actions.hide_post(moderator, opening, reason="Spam")
    response = client.post(reverse("forum:hide_post", args=[opening.pk]), {"reason": "Again"})
    assert response.status_code == 400
    assert "already hidden" in response.content.decode()
    assert Entry.objects.count() == 1


def test_no_history_link_to_members_who_cannot_read_the_post(
    thread, member, other_member, moderator, login
):
    post = actions.reply(other_member, thread, "First words")
    actions.edit_post(other_member, post, "Second words", expected_version=1)
    actions.hide_post(moderator, post, reason="Off topic")
    history = reverse("forum:post_history", args=[post.pk])
    assert history not in login(member).get(thread.get_absolute_url()).content.decode()
    assert login(member).get(history).status_code == 403
    assert history in login(other_member).get(thread.get_absolute_url()).content.decode()


def test_a_locked_thread_offers_its_authors_no_edit_and_refuses_theirs(
    thread, opening, member, moderator, login
):
    actions.moderate_thread(moderator, thread, "lock", reason="Settled")
    client = login(member)
    edit = reverse("forum:edit_post", args=[opening.pk])
    html = client.get(thread.get_absolute_url()).content.decode()
    assert edit not in html
    assert reverse("forum:delete_post", args=[opening.pk]) in html  # withdrawing stays possible
    response = client.get(edit)
    assert response.status_code == 403
    assert "This thread is locked: its posts can no longer be edited." in response.content.decode()
    response = client.post(edit, {"body": "Rewritten after the lock", "version": 1})
    html = response.content.decode()
    assert response.status_code == 403
    assert "This thread is locked: its posts can no longer be edited." in html
    assert "Rewritten after the lock" in html  # shown back, so nothing typed is lost
    assert "<form" not in html.split("<main", 1)[-1]  # no edit form is offered
    with pytest.raises(PermissionDenied):
        actions.edit_post(member, opening, "Rewritten after the lock", expected_version=1)
    opening.refresh_from_db()
    assert opening.body == "Which sources do you use?" and opening.version == 1


def test_an_edit_started_before_the_lock_is_refused_when_saved(
    thread, opening, member, moderator, login
):
    client = login(member)
    edit = reverse("forum:edit_post", args=[opening.pk])
    assert client.get(edit).status_code == 200
    stale = Post.objects.select_related("thread").get(pk=opening.pk)  # loaded before the lock
    actions.moderate_thread(moderator, thread, "lock", reason="Settled")
    with pytest.raises(PermissionDenied, match="locked"):
        actions.edit_post(member, stale, "Sneaked in", expected_version=1)
    response = client.post(edit, {"body": "Sneaked in", "version": 1})
    assert response.status_code == 403 and "Sneaked in" in response.content.decode()
    opening.refresh_from_db()
    assert opening.version == 1


def test_moderators_still_edit_their_posts_in_a_locked_thread(thread, moderator, login):
    post = actions.reply(moderator, thread, "Locking this: see the FAQ.")
    actions.moderate_thread(moderator, thread, "lock", reason="Settled")
    client = login(moderator)
    edit = reverse("forum:edit_post", args=[post.pk])
    assert edit in client.get(thread.get_absolute_url()).content.decode()
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"body": "Locking this: see the new FAQ.", "version": 1})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Locking this: see the new FAQ." and post.version == 2


def test_an_unlocked_thread_lets_its_authors_edit_again(thread, opening, member, moderator, login):
    actions.moderate_thread(moderator, thread, "lock", reason="Cooling off")
    actions.moderate_thread(moderator, thread, "unlock", reason="Back to it")
    client = login(member)
    edit = reverse("forum:edit_post", args=[opening.pk])
    assert edit in client.get(thread.get_absolute_url()).content.decode()
    assert client.post(edit, {"body": "Which sources now?", "version": 1}).status_code == 302
