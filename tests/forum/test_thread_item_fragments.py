"""The thread lists' items (the forum's Latest, a category, a workspace) come from the cache
(core.fragments through the ``thread_items`` tag) when nothing they show has changed, and never
carry another reader's markers, an old title or an old count."""

import pytest
from django.urls import reverse

from forum import actions
from forum.models import Thread

pytestmark = pytest.mark.django_db

NEW = '<span class="badge">New</span>'


@pytest.fixture
def renders(renders_of):
    return renders_of("forum/_thread_item.html")


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("page", ["forum:index", "category"])
def test_a_second_view_renders_no_item(thread, category, member, login, renders, page):
    url = reverse(page) if page.startswith("forum:") else category.get_absolute_url()
    client = login(member)
    first = get(client, url)
    assert len(renders) == 1
    second = get(client, url)
    assert len(renders) == 1  # from the cache
    assert first.count("Climate mobility data") == second.count("Climate mobility data") >= 1


def test_each_reader_sees_their_own_markers(thread, opening, member, other_member, login):
    index = reverse("forum:index")
    for _ in range(2):  # the second time from the cache
        assert NEW not in get(login(member), index)  # her own thread, read as she wrote it
        assert NEW in get(login(other_member), index)  # never opened
    get(login(other_member), thread.get_absolute_url())
    assert NEW not in get(login(other_member), index)
    actions.reply(member, thread, "Eurostat.", reply_to=opening)
    html = get(login(other_member), index)
    assert reverse("forum:thread_unread", args=[thread.pk]) in html
    assert "<strong>1</strong> reply" in html


def test_a_new_title_and_a_lock_show_at_once(thread, member, login):
    client = login(member)
    get(client, reverse("forum:index"))
    Thread.objects.filter(pk=thread.pk).update(title="Heat and mobility data", locked=True)
    html = get(client, reverse("forum:index"))
    assert "Heat and mobility data" in html and "Climate mobility data" not in html
    assert "Locked" in html


def test_the_workspace_list_knows_what_the_member_read(workspace, member, login):
    actions.start_workspace_thread(member, workspace, title="Field notes", body="First notes.")
    html = get(login(member), reverse("forum:workspace", args=[workspace.initiative.pk]))
    assert "Field notes" in html and NEW not in html  # she wrote it: read, not new


def test_without_a_cache_every_item_is_rendered(thread, member, login, settings, renders):
    settings.FRAGMENT_SECONDS = 0
    client = login(member)
    for expected in (1, 2):
        assert "Climate mobility data" in get(client, reverse("forum:index"))
        assert len(renders) == expected
