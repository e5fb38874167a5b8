"""The thread page reads its posts by keyset on the tree path (forum.paging): every page, from
either end, shows exactly the posts tree order gives it, as OFFSET did, with no OFFSET over the
posts' rows."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import actions
from forum.models import Post
from forum.paging import page_of_posts

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_thread(thread, opening, member, other_member):
    """Replies in a tree: some answer the opening post, some answer replies, so tree order and
    position order differ."""
    replies = [opening]
    for i in range(36):
        author = member if i % 2 else other_member
        replies.append(actions.reply(author, thread, f"Reply {i}", reply_to=replies[i // 3]))
    thread.refresh_from_db()
    return thread


@pytest.mark.parametrize("per_page", [5, 7, 37, 40])
def test_every_page_holds_the_posts_offset_gave_it(long_thread, per_page):
    posts = Post.objects.filter(thread=long_thread).in_tree_order()
    expected = [p.pk for p in posts]
    paginator = Paginator(posts, per_page)
    paginator.count = long_thread.last_position
    seen = []
    for number in paginator.page_range:
        page = paginator.page(number)
        got = [p.pk for p in page_of_posts(long_thread, posts, page)]
        assert got == expected[(number - 1) * per_page : number * per_page], number
        seen += got
    assert seen == expected


def test_the_thread_page_uses_no_offset_over_posts(long_thread, login, member, settings):
    client = login(member)
    url = long_thread.get_absolute_url()
    for query in ("", "?page=2", "?page=last"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url + query).status_code == 200
        wide = [
            q["sql"] for q in queries if 'FROM "forum_post"' in q["sql"] and "OFFSET" in q["sql"]
        ]
        assert not [sql for sql in wide if '"forum_post"."body_html"' in sql], query


def test_page_numbers_and_last_still_link(long_thread, login, member):
    client = login(member)
    url = long_thread.get_absolute_url()
    last, second = client.get(url + "?page=last"), client.get(url + "?page=2")
    assert [p.pk for p in last.context["posts"]] == [p.pk for p in second.context["posts"]]
    assert len(last.context["posts"]) == 37 - 25
    assert 'rel="prev"' in last.text and "page=1" in last.text and "Page 2 of 2" in last.text
    first = client.get(url + "?page=1")
    assert len(first.context["posts"]) == 25 and 'rel="next"' in first.text
