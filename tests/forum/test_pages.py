"""Every forum page: allowed and refused, and a query count that does not grow with the data."""

import itertools
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from forum import actions
from forum.models import Category, ReadState
from tests.conftest import make_user
from tests.directory.conftest import fill_profile

UNIQUE = itertools.count()


def add_posts(thread, authors, count, reply_to=None):
    posts = []
    for i in range(count):
        author = authors[i % len(authors)]
        text = f"Post {i} by {author} ({next(UNIQUE)})"
        posts.append(actions.reply(author, thread, text, reply_to=reply_to))
    return posts


@pytest.mark.parametrize(
    "name",
    ["forum:index", "forum:practices", "forum:search", "forum:new_thread", "forum:feeds"],
)
def test_forum_pages_are_for_members_only(name, client, newcomer, login, member):
    url = reverse(name)
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    assert login(newcomer).get(url)["Location"] == reverse("accounts:status")
    assert login(member).get(url).status_code == 200


def test_thread_pages_are_for_members_only(thread, client, newcomer, login, member):
    assert client.get(thread.get_absolute_url()).status_code == 302
    assert login(newcomer).get(thread.get_absolute_url()).status_code == 302
    assert login(member).get(thread.get_absolute_url()).status_code == 200


def test_the_category_list_shows_counts(thread, member, login):
    html = login(member).get(reverse("forum:index")).content.decode()
    categories = html.split('class="category-list"', 1)[1]
    assert "General discussion" in categories and "<span>1 thread</span>" in categories


def test_the_index_lists_the_latest_threads_of_every_category_with_unread_markers(
    thread, category, member, other_member, moderator, login
):
    methods = Category.objects.create(name="Methods and data", slug="methods")
    newer = actions.create_thread(other_member, category=methods, title="Panel data", body="x")
    gone = actions.create_thread(other_member, category=methods, title="Gone", body="x")
    actions.moderate_thread(moderator, gone, "delete_thread", reason="Spam")
    client = login(member)
    client.get(thread.get_absolute_url())  # read
    html = client.get(reverse("forum:index")).content.decode()
    latest = html.split('class="thread-list latest"', 1)[1].split("</ul>", 1)[0]
    items = latest.split('<li class="thread-item')[1:]
    assert [("Panel data" in item, "Climate mobility data" in item) for item in items] == [
        (True, False),
        (False, True),
    ]
    assert items[0].startswith(' unread">') and "Methods and data" in items[0]
    assert items[1].startswith('">') and "General discussion" in items[1]
    assert newer.get_absolute_url() in items[0]
    assert "Gone" not in latest


def test_the_category_list_runs_a_fixed_number_of_queries(
    thread, member, login, assert_stable_queries
):
    def grow():
        for i in range(3):
            category = Category.objects.create(name=f"Category {i}", slug=f"c{i}")
            actions.create_thread(member, category=category, title=f"T{i}", body="Hello")

    assert assert_stable_queries(login(member), reverse("forum:index"), grow) == 5


def test_a_category_lists_pinned_threads_first_with_unread_markers(
    category, member, other_member, moderator, login
):
    old = actions.create_thread(other_member, category=category, title="Old news", body="x")
    actions.create_thread(other_member, category=category, title="Fresh", body="x")
    actions.moderate_thread(moderator, old, "pin", reason="Important")
    html = login(member).get(category.get_absolute_url()).content.decode()
    assert html.index("Old news") < html.index("Fresh")
    assert html.count('class="thread-item unread"') == 2


def test_a_category_page_runs_a_fixed_number_of_queries(
    thread, category, member, other_member, login, assert_stable_queries
):
    def grow():
        for i in range(5):
            created = actions.create_thread(
                other_member, category=category, title=f"T{i}", body="x"
            )
            actions.reply(member, created, "Reply")

    assert assert_stable_queries(login(member), category.get_absolute_url(), grow) == 6


def test_the_thread_page_runs_a_fixed_number_of_queries(
    thread, opening, member, other_member, moderator, institutes, login, assert_stable_queries
):
    carol = make_user("carol@gcm.unu.example", "Carol Diaz")
    count = iter(range(100))

    def grow():
        posts = add_posts(thread, [other_member, carol], 4, reply_to=opening)
        deeper = posts[0]
        for _ in range(4):
            text = f"Deeper {next(count)} @[Carol Diaz]"
            deeper = actions.reply(member, thread, text, reply_to=deeper)
        actions.toggle_reaction(member, posts[1], "useful")
        actions.hide_post(moderator, posts[2], reason="Spam")
        actions.delete_post(carol, posts[3])

    grow()
    # 4: the session, the reader (their permissions are kept in the cache: accounts.backends),
    # the thread (with the reader's read state and subscription, and whether it has themes or
    # regions: it has none), its posts (with the reader's reactions, and whether each has files:
    # none has). A thread with topics and files makes one query more for each
    # (tests/attachments/test_forum.py).
    assert assert_stable_queries(login(member), thread.get_absolute_url(), grow) == 4
    assert assert_stable_queries(login(moderator), thread.get_absolute_url(), grow) == 4


def test_an_initiative_page_runs_a_fixed_number_of_queries(
    member, other_member, category, institutes, login, assert_stable_queries
):
    from directory.models import Theme

    initiative = actions.propose_initiative(
        member,
        category=category,
        title="Joint survey",
        summary="Summary",
        objectives="Objectives",
        sought_themes=[Theme.objects.get(slug="climate-mobility")],
    )
    count = iter(range(100))

    def grow():
        for _ in range(3):
            n = next(count)
            person = make_user(f"p{n}@gcm.unu.example", f"Person {n}")
            actions.join_initiative(person, initiative, "participant" if n % 2 else "interested")
            actions.reply(person, initiative.thread, f"Count me in ({n})")

    grow()
    # New members change the cached expert ranking; both counted views rank afresh.
    assert (
        assert_stable_queries(
            login(other_member), initiative.thread.get_absolute_url(), grow, before_each=cache.clear
        )
        == 16
    )


def test_the_thread_page_is_paginated_and_has_the_live_hooks(thread, member, other_member, login):
    add_posts(thread, [other_member, member], 30)
    client = login(member)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert f'id="posts" class="posts" data-live-thread="{thread.pk}"' in html
    assert "js/live-thread.js" in html and 'type="module"' in html
    # The live script's text, translated with the page (the script has no catalogue).
    assert 'data-removed-text="This thread was removed by a moderator."' in html
    assert 'data-restored-text="A moderator restored this thread."' in html
    assert "Page 1 of 2" in html
    last = client.get(thread.get_absolute_url(), {"page": "last"}).content.decode()
    assert "Post 29 by" in last and "Post 0 by" not in last


def test_read_tracking_marks_new_posts_and_jumps_to_the_first_unread(
    thread, member, other_member, login
):
    client = login(other_member)
    client.get(thread.get_absolute_url())
    assert ReadState.objects.get(user=other_member, thread=thread).last_read_position == 1
    posts = add_posts(thread, [member], 30)
    response = client.get(reverse("forum:thread_unread", args=[thread.pk]))
    assert response["Location"] == f"{thread.get_absolute_url()}#post-{posts[0].pk}"
    html = client.get(thread.get_absolute_url()).content.decode()
    assert html.count('class="badge new-marker"') == 24  # page 1: the opening post was read
    client.get(thread.get_absolute_url(), {"page": 2})
    assert ReadState.objects.get(user=other_member, thread=thread).last_read_position == 31
    response = client.get(reverse("forum:thread_unread", args=[thread.pk]))
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{posts[-1].pk}"


def test_a_late_reply_on_page_one_does_not_mark_page_two_read(
    thread, opening, member, other_member, login
):
    posts = add_posts(thread, [member], 25)  # positions 2-26: page 2 starts with position 26
    late = actions.reply(member, thread, "A late answer to the opening post", reply_to=opening)
    client = login(other_member)
    client.get(thread.get_absolute_url())
    assert late.position == 27
    assert ReadState.objects.get(user=other_member, thread=thread).last_read_position == 24
    response = client.get(reverse("forum:thread_unread", args=[thread.pk]))
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{posts[23].pk}"
    client.get(thread.get_absolute_url(), {"page": 2})
    assert ReadState.objects.get(user=other_member, thread=thread).last_read_position == 27


def test_a_post_link_leads_to_its_page_and_anchor(thread, member, other_member, login):
    posts = add_posts(thread, [other_member], 26)
    response = login(member).get(reverse("forum:post", args=[posts[-1].pk]))
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{posts[-1].pk}"


def test_the_post_fragment_renders_without_a_request(thread, opening, other_member):
    from django.template.loader import render_to_string

    opening.thread = thread
    html = render_to_string(
        "forum/_post.html", {"post": opening, "thread": thread, "user": other_member}
    )
    assert f'id="post-{opening.pk}"' in html and "Which sources do you use?" in html
    assert "Report" in html and "Edit" not in html


def test_watching_and_muting(thread, category, other_member, login):
    client = login(other_member)
    url = reverse("forum:subscribe_thread", args=[thread.pk])
    assert client.post(url, {"level": "watching"}).status_code == 302
    assert thread.subscriptions.get(user=other_member).level == "watching"
    assert client.post(url, {"level": "muted"}).status_code == 302
    assert thread.subscriptions.get(user=other_member).level == "muted"
    assert client.post(url, {"level": ""}).status_code == 302
    assert not thread.subscriptions.filter(user=other_member).exists()
    assert client.post(url, {"level": "loud"}).status_code == 400
    assert client.get(url).status_code == 405
    url = reverse("forum:subscribe_category", args=[category.slug])
    assert client.post(url, {"level": "watching"}).status_code == 302
    assert category.subscriptions.get(user=other_member).level == "watching"


def test_replying_and_quoting_pages(thread, opening, member, other_member, login):
    client = login(other_member)
    url = reverse("forum:reply", args=[thread.pk])
    html = client.get(url, {"quote": opening.pk}).content.decode()
    assert "&gt; Which sources do you use?" in html
    response = client.post(url, {"body": "> quoted\n\nMy answer", "reply_to": opening.pk})
    assert response.status_code == 302
    post = thread.posts.get(position=2)
    assert post.reply_to == opening and "<blockquote>" in post.body_html


def test_member_names_for_mentions(member, other_member, newcomer, login, client):
    url = reverse("forum:member_names")
    data = login(member).get(url, {"q": "bo"}).json()
    assert data == {"results": [{"name": "Bob Mensah", "institute": "UNU-EHS"}]}
    assert login(member).get(url, {"q": "nell"}).json() == {"results": []}  # not a member
    client.logout()
    assert client.get(url, {"q": "bo"}).status_code == 302


def test_member_names_runs_a_fixed_number_of_queries(member, login, assert_stable_queries):
    def grow():
        for i in range(5):
            make_user(f"m{i}@gcm.unu.example", f"Member {i}")

    assert assert_stable_queries(login(member), reverse("forum:member_names") + "?q=m", grow) == 3


def test_the_moderation_queue_runs_a_fixed_number_of_queries(
    thread, member, other_member, moderator, login, assert_stable_queries, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.thread": "1000/h"}
    practices = Category.objects.create(name="Good practices", slug="practices")
    count = iter(range(100))

    def grow():
        for _ in range(3):
            n = next(count)
            post = actions.reply(other_member, thread, f"Spam {n}")
            actions.report_post(member, post, reason="Spam")
            actions.submit_practice(
                member, category=practices, title=f"P{n}", summary="S", what_worked="W"
            )
            actions.hide_post(moderator, post, reason="Spam")

    grow()
    client = login(moderator)
    assert assert_stable_queries(client, reverse("moderation:reports"), grow) == 4
    assert assert_stable_queries(client, reverse("moderation:practices"), grow) == 4
    assert assert_stable_queries(client, reverse("moderation:log"), grow) == 4


def test_post_links_lead_to_the_named_pages(thread, opening):
    from django.urls import resolve

    names = {
        "self": "post",
        "edit": "edit_post",
        "delete": "delete_post",
        "history": "post_history",
        "react": "react",
        "report": "report",
        "hide": "hide_post",
        "restore": "restore_post",
    }
    for key, name in names.items():
        match = resolve(opening.links[key])
        assert (match.view_name, match.kwargs) == (f"forum:{name}", {"pk": opening.pk})
    assert resolve(thread.reply_url).view_name == "forum:reply"


def test_a_thread_links_its_topics_to_the_directory(
    member, other_member, moderator, category, login
):
    """Each topic link opens the directory filtered by that topic (the directory takes theme
    slugs and region codes; primary keys once answered 400)."""
    from directory.models import Region, Theme

    fill_profile(member, themes=["climate-mobility"])
    fill_profile(other_member, themes=["remittances"], regions=["002"])
    theme = Theme.objects.get(slug="climate-mobility")
    region = Region.objects.get(code="002")
    thread = actions.create_thread(
        member, category=category, title="Sahel", body="x", themes=[theme], regions=[region]
    )
    client = login(moderator)
    html = client.get(thread.get_absolute_url()).content.decode()
    links = dict(
        (title, unescape(href))
        for href, title in re.findall(r'<a href="([^"]+)" title="(Experts on this [a-z]+)">', html)
    )
    assert set(links) == {"Experts on this theme", "Experts on this region"}
    by_theme = client.get(links["Experts on this theme"])
    assert by_theme.status_code == 200
    assert "Alice Moreau" in by_theme.content.decode()
    assert "Bob Mensah" not in by_theme.content.decode()
    by_region = client.get(links["Experts on this region"])
    assert by_region.status_code == 200
    assert "Bob Mensah" in by_region.content.decode()
    assert "Alice Moreau" not in by_region.content.decode()


def test_the_category_list_counts_threads_with_new_posts(
    thread, category, member, other_member, login
):
    actions.create_thread(member, category=category, title="Second", body="x")
    client = login(other_member)
    assert '<span class="badge">2</span>' in client.get(reverse("forum:index")).content.decode()
    client.get(thread.get_absolute_url())
    assert '<span class="badge">1</span>' in client.get(reverse("forum:index")).content.decode()
    actions.reply(member, thread, "News")
    assert '<span class="badge">2</span>' in client.get(reverse("forum:index")).content.decode()


@pytest.mark.parametrize("name", ["forum:index", "forum:practices", "forum:search"])
def test_the_forum_navigation_offers_moderation_to_moderators_on_every_page(
    name, member, moderator, login
):
    moderation = f'href="{reverse("moderation:reports")}"'

    def subnav(user):
        html = login(user).get(reverse(name)).content.decode()
        start = html.index('class="subnav"')
        return html[start : html.index("</nav>", start)]

    assert moderation in subnav(moderator)
    assert moderation not in subnav(member)
