"""What the thread page reads with the thread and its posts rather than in queries of their own
(forum/views/threads.py): the thread's topics (no query when it has none), the reader's own
reactions; each shows a change at the next view."""

import pytest

from directory.models import Region, Theme
from forum import actions

pytestmark = pytest.mark.django_db


def page(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.text


def test_topics_show_once_the_thread_has_some(thread, opening, member, login):
    client = login(member)
    assert "Topics:" not in page(client, thread)
    theme = Theme.objects.create(slug="ageing-migrants", name="Ageing migrants")
    thread.themes.add(theme)
    html = page(client, thread)
    assert "Topics:" in html and "?theme=ageing-migrants" in html and "?region=" not in html
    thread.themes.clear()
    thread.regions.add(Region.objects.get(code="150"))
    html = page(client, thread)
    assert "?region=150" in html and "?theme=" not in html


def pressed(html, post) -> list[str]:
    """The reaction kinds shown pressed on ``post``."""
    article = html.split(f'id="post-{post.pk}"')[1].split("</article>")[0]
    return [
        chunk.split('"')[0]
        for chunk in article.split('data-kind="')[1:]
        if 'aria-pressed="true"' in chunk.split(">")[0]
    ]


def test_each_reader_sees_their_own_reactions_pressed(thread, opening, member, other_member, login):
    theirs = actions.reply(other_member, thread, "Eurostat.", reply_to=opening)
    actions.toggle_reaction(member, theirs, "useful")
    actions.toggle_reaction(other_member, opening, "thanks")
    for _ in range(2):  # the second time from the cache
        mine, others = page(login(member), thread), page(login(other_member), thread)
        assert pressed(mine, theirs) == ["useful"] and pressed(mine, opening) == []
        assert pressed(others, opening) == ["thanks"] and pressed(others, theirs) == []
    actions.toggle_reaction(member, theirs, "useful")
    actions.toggle_reaction(member, theirs, "agree")
    assert pressed(page(login(member), thread), theirs) == ["agree"]
