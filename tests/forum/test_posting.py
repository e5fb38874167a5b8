"""Threads and posts: the tree, Markdown and mentions at save, limits, refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forum import actions
from forum.models import BODY_MAX_LENGTH, MAX_DEPTH, Post, Revision, Thread


def test_it_creates_a_thread_with_its_opening_post_rendered_once(member, category):
    thread = actions.create_thread(
        member, category=category, title="  Remittances  and  climate ", body="**Bold** idea"
    )
    assert thread.title == "Remittances and climate"
    post = thread.posts.get()
    assert post.position == 1 and post.depth == 0
    assert post.body_html == "<p><strong>Bold</strong> idea</p>\n"
    assert Revision.objects.get(post=post).body == "**Bold** idea"
    assert thread.subscriptions.get(user=member).level == "watching"


def test_replies_form_a_tree_and_deep_replies_are_flattened(thread, opening, member, other_member):
    chain = [opening]
    for i in range(MAX_DEPTH + 2):
        author = other_member if i % 2 == 0 else member
        chain.append(actions.reply(author, thread, f"level {i + 1}", reply_to=chain[-1]))
    top = actions.reply(member, thread, "to the thread")
    depths = [post.depth for post in chain]
    assert depths == [0, 1, 2, 3, 3, 3]
    assert chain[-1].reply_to == chain[-2]  # the real parent is kept for "in reply to"
    assert chain[-1].is_flattened and chain[-2].is_flattened
    assert not chain[3].is_flattened  # at the deepest level, but right under its parent
    ordered = list(Post.objects.filter(thread=thread).order_by("path"))
    assert ordered == [*chain, top]
    thread.refresh_from_db()
    assert thread.reply_count == len(chain)  # the replies, not the opening post
    assert thread.last_position == len(chain) + 1


def test_a_flattened_reply_shows_an_in_reply_to_link(thread, opening, member, login):
    post = opening
    for i in range(MAX_DEPTH + 1):
        post = actions.reply(member, thread, f"deeper {i}", reply_to=post)
    html = login(member).get(thread.get_absolute_url()).content.decode()
    assert f'in reply to <a href="{reverse("forum:post", args=[post.reply_to_id])}">' in html


def test_mentions_link_to_the_member_and_are_remembered(thread, member, other_member):
    post = actions.reply(member, thread, "What do you think, @[Bob Mensah]? And @[Nobody Here]?")
    assert ">@Bob Mensah</a>" in post.body_html
    assert "@[Nobody Here]" in post.body_html
    assert list(post.mentioned.all()) == [other_member]


def test_a_mention_cannot_smuggle_markdown(thread, member, institutes):
    from tests.conftest import make_user

    make_user("odd@gcm.unu.example", "Eve](javascript:alert(1))")
    post = actions.reply(member, thread, "hi @[Eve](javascript:alert(1))]")
    assert 'href="javascript' not in post.body_html


@pytest.mark.parametrize("body", ["", "   ", "\u200b\u202e", "\n\n"])
def test_an_empty_post_is_refused(thread, member, body):
    with pytest.raises(ValidationError):
        actions.reply(member, thread, body)


def test_a_one_megabyte_post_is_refused_with_a_clear_message(thread, member, login):
    client = login(member)
    response = client.post(reverse("forum:reply", args=[thread.pk]), {"body": "x" * 1_000_000})
    assert response.status_code == 400
    assert "limited to 100,000 characters" in response.content.decode()
    assert thread.posts.count() == 1
    just_fits = "y" * BODY_MAX_LENGTH
    assert actions.reply(member, thread, just_fits).body == just_fits


def test_invisible_characters_are_removed_from_titles_and_posts(member, category):
    thread = actions.create_thread(
        member,
        category=category,
        title="Safe\u202e txt.exe\u200b",
        body="access\u202e level\u2066 admin\u2069",
    )
    assert thread.title == "Safe txt.exe"
    post = thread.posts.get()
    assert "\u202e" not in post.body and "\u2066" not in post.body
    assert "\u202e" not in post.body_html


def test_a_locked_thread_refuses_replies_from_members(thread, other_member, moderator, login):
    actions.moderate_thread(moderator, thread, "lock", reason="Off topic")
    with pytest.raises(PermissionDenied):
        actions.reply(other_member, thread, "Still here?")
    response = login(other_member).post(
        reverse("forum:reply", args=[thread.pk]), {"body": "Still here?"}
    )
    assert response.status_code == 403
    assert "This thread is locked: it takes no new replies." in response.content.decode()
    assert actions.reply(moderator, thread, "Closing note.").position == 2


def test_a_reply_to_a_deleted_post_is_refused(thread, opening, member, other_member, login):
    reply = actions.reply(other_member, thread, "Hello")
    actions.delete_post(other_member, reply)
    with pytest.raises(PermissionDenied):
        actions.reply(member, thread, "Answer", reply_to=reply)
    response = login(member).post(
        reverse("forum:reply", args=[thread.pk]), {"body": "Answer", "reply_to": reply.pk}
    )
    assert response.status_code == 403
    assert thread.posts.count() == 2


def test_a_reply_to_a_post_of_another_thread_is_refused(thread, member, category):
    elsewhere = actions.create_thread(member, category=category, title="Other", body="Other")
    with pytest.raises(PermissionDenied):
        actions.reply(member, thread, "Hi", reply_to=elsewhere.posts.get())


def test_the_same_text_twice_in_a_row_is_refused(thread, member, login):
    actions.reply(member, thread, "Thanks all!")
    response = login(member).post(reverse("forum:reply", args=[thread.pk]), {"body": "Thanks all!"})
    assert response.status_code == 400
    assert "just posted this same text" in response.content.decode()
    assert thread.posts.count() == 2


def test_only_moderators_start_threads_in_announcements(member, moderator, announcements, login):
    with pytest.raises(PermissionDenied):
        actions.create_thread(member, category=announcements, title="Hi", body="Hi")
    response = login(member).post(
        reverse("forum:new_thread"),
        {"category": announcements.pk, "title": "Hi", "body": "Hi"},
    )
    assert response.status_code == 400  # not one of the categories offered to them
    thread = actions.create_thread(moderator, category=announcements, title="News", body="News")
    assert actions.reply(member, thread, "Thanks").position == 2


def test_starting_a_thread_through_the_page(member, category, login):
    response = login(member).post(
        reverse("forum:new_thread"),
        {"category": category.pk, "title": "Data on IDPs", "body": "Where to start?"},
    )
    thread = Thread.objects.get(title="Data on IDPs")
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()


def test_a_bad_thread_form_keeps_what_was_typed(member, category, login):
    response = login(member).post(
        reverse("forum:new_thread"), {"category": category.pk, "title": "\u200b", "body": "Kept"}
    )
    assert response.status_code == 400
    assert "Enter some visible text." in response.content.decode()
    assert "Kept</textarea>" in response.content.decode()


def test_replies_are_rate_limited_with_a_429_page(thread, other_member, login, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.reply": "2/h"}
    client = login(other_member)
    url = reverse("forum:reply", args=[thread.pk])
    assert client.post(url, {"body": "one"}).status_code == 302
    assert client.post(url, {"body": "two"}).status_code == 302
    response = client.post(url, {"body": "three"})
    assert response.status_code == 429
    assert thread.posts.count() == 3


def test_thread_creation_is_rate_limited(member, category, settings):
    from core.ratelimit import RateLimited

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.thread": "1/h"}
    actions.create_thread(member, category=category, title="One", body="One")
    with pytest.raises(RateLimited):
        actions.create_thread(member, category=category, title="Two", body="Two")
    assert Thread.objects.count() == 1


def test_a_new_reply_is_pushed_to_live_readers_after_commit(thread, member, on_commit, monkeypatch):
    from forum import live

    pushed = []
    monkeypatch.setattr(live, "post_created", pushed.append)
    with on_commit(execute=True):
        post = actions.reply(member, thread, "Live!")  # the author alone watches: no notification
    assert pushed == [post]


def test_the_same_thread_twice_in_a_row_is_refused(member, category, login):
    data = {"category": category.pk, "title": "Call for papers", "body": "Deadline in May"}
    client = login(member)
    assert client.post(reverse("forum:new_thread"), data).status_code == 302
    response = client.post(reverse("forum:new_thread"), data)
    assert response.status_code == 400
    assert "just started a thread with this title" in response.content.decode()
    assert Thread.objects.count() == 1


def test_mentions_in_code_are_shown_not_resolved(thread, member, other_member):
    body = "Use `@[Bob Mensah]` to mention.\n\n```\n@[Bob Mensah]\n```\n\nBut @[Bob Mensah] here."
    post = actions.reply(member, thread, body)
    assert post.body_html.count(">@Bob Mensah</a>") == 1
    assert "<code>@[Bob Mensah]</code>" in post.body_html
    assert list(post.mentioned.all()) == [other_member]
    only_code = actions.reply(member, thread, "`@[Bob Mensah]`")
    assert not only_code.mentioned.exists()


def test_mentions_in_indented_code_and_links_are_shown_not_resolved(thread, member, other_member):
    body = (
        "Example:\n\n    @[Bob Mensah] in indented code\n\n[ask @[Bob Mensah]](https://example.org)"
    )
    post = actions.reply(member, thread, body)
    assert "@Bob Mensah</a>" not in post.body_html
    assert "<pre><code>@[Bob Mensah] in indented code" in post.body_html
    assert not post.mentioned.exists()


def test_a_mention_keeps_the_markdown_around_it(thread, member, other_member):
    post = actions.reply(member, thread, "*Thanks @[Bob Mensah]*, see `x` and @[Bob Mensah].")
    assert post.body_html.count(">@Bob Mensah</a>") == 2
    assert "<em>Thanks <a" in post.body_html
    assert "<code>x</code>" in post.body_html
    assert list(post.mentioned.all()) == [other_member]


def test_edits_deletions_and_moderation_are_pushed_to_live_readers_after_commit(
    thread, member, moderator, on_commit, monkeypatch
):
    from forum import live

    changed = []
    monkeypatch.setattr(live, "post_changed", lambda post: changed.append(post.pk))
    post = actions.reply(member, thread, "Before")
    with on_commit(execute=True):
        actions.edit_post(member, post, "After", expected_version=1)
    with on_commit(execute=True):
        actions.hide_post(moderator, post, reason="Off topic")
    with on_commit(execute=True):
        actions.restore_post(moderator, post, reason="On topic after all")
    post.refresh_from_db()
    with on_commit(execute=True):
        actions.delete_post(member, post)
    assert changed == [post.pk] * 4


def test_each_save_parses_the_body_once(thread, member, other_member, category, monkeypatch):
    """Mentions and the HTML come from one parse: a reply, an edit, an initiative's edit."""
    from forum import mentions

    parsed = []
    parse = mentions.parse
    monkeypatch.setattr(mentions, "parse", lambda text: parsed.append(text) or parse(text))
    post = actions.reply(member, thread, "cc @[Bob Mensah]")
    assert len(parsed) == 1 and list(post.mentioned.all()) == [other_member]
    actions.edit_post(member, post, "cc @[Bob Mensah] again", expected_version=post.version)
    assert len(parsed) == 2
    initiative = actions.propose_initiative(
        member, category=category, title="Survey", summary="With @[Bob Mensah]", objectives="Data"
    )
    parsed.clear()
    actions.edit_initiative(member, initiative, title="Survey", summary="Alone", objectives="Data")
    assert len(parsed) == 1
