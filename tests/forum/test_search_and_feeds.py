"""Search (portable here, PostgreSQL in test_postgres.py) and the token-gated Atom feeds."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import actions
from forum.models import Category, FeedToken


@pytest.fixture
def corpus(thread, member, other_member, moderator):
    actions.reply(other_member, thread, "Remittances grew during the drought.")
    hidden = actions.reply(other_member, thread, "Secret remittances scheme, hidden")
    actions.hide_post(moderator, hidden, reason="Spam")
    other = Category.objects.create(name="Methods", slug="methods")
    actions.create_thread(
        member, category=other, title="Remittances data", body="Sources for transfers"
    )
    return hidden


def test_search_finds_posts_and_titles_and_highlights_the_match(corpus, member, login):
    html = login(member).get(reverse("forum:search"), {"q": "remittances"}).content.decode()
    assert "2 results" in html
    assert "<mark>Remittances</mark> grew during the drought" in html
    assert "<mark>Remittances</mark> data" in html  # matched by its title, highlighted
    assert "Secret" not in html  # hidden posts are not searchable by members


def test_moderators_also_find_hidden_posts(corpus, moderator, login):
    html = login(moderator).get(reverse("forum:search"), {"q": "secret"}).content.decode()
    assert "1 result" in html


def test_search_filters_by_category_kind_and_author(corpus, member, other_member, login):
    client = login(member)
    url = reverse("forum:search")
    methods = Category.objects.get(slug="methods")
    html = client.get(url, {"q": "remittances", "category": methods.pk}).content.decode()
    assert "1 result" in html and "<mark>Remittances</mark> data" in html
    html = client.get(url, {"q": "remittances", "author": other_member.pk}).content.decode()
    assert "1 result" in html and "drought" in html
    html = client.get(url, {"q": "remittances", "kind": "initiative"}).content.decode()
    assert "0 results" in html


def test_search_escapes_what_it_shows(thread, member, other_member, login):
    actions.reply(other_member, thread, "<script>alert(1)</script> migration")
    html = login(member).get(reverse("forum:search"), {"q": "<script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_match_never_cuts_an_html_entity(thread, member, other_member, login):
    actions.reply(other_member, thread, "Tom & Jerry use an amp")
    html = login(member).get(reverse("forum:search"), {"q": "amp"}).content.decode()
    assert "use an <mark>amp</mark>" in html
    assert "&<mark>" not in html


def test_a_snippet_shows_the_words_not_the_markdown(thread, member, other_member, login):
    """Issue 10 item 6: no raw Markdown or ``@[Name]`` in search snippets."""
    actions.reply(
        other_member,
        thread,
        "See **census** data from @[Alice Moreau] and [the atlas](https://example.org/atlas).",
    )
    html = login(member).get(reverse("forum:search"), {"q": "census"}).content.decode()
    # (PostgreSQL's headline may start at the match: the words from there on.)
    assert "<mark>census</mark> data from @Alice Moreau and the atlas" in html
    assert "**" not in html and "@[" not in html and "](https://" not in html


def test_the_portable_highlight_gives_overlapping_words_one_mark():
    from types import SimpleNamespace

    from forum import search

    post = SimpleNamespace(body="Remittances matter", thread=SimpleNamespace(title="Remit & go"))
    assert search.highlight(post, "remittances remit") == "<mark>Remittances</mark> matter"
    assert search.highlight_title(post, "remittances remit") == "<mark>Remit</mark> &amp; go"


def test_search_runs_a_fixed_number_of_queries(
    corpus, thread, other_member, member, login, assert_stable_queries
):
    def grow():
        for i in range(5):
            actions.reply(other_member, thread, f"More remittances {i}")

    assert (
        assert_stable_queries(login(member), reverse("forum:search") + "?q=remittances", grow) == 7
    )


def test_feeds_need_a_valid_member_token(thread, member, client, moderator):
    token = actions.feed_token_for(member)
    url = reverse("forum:feed_category", args=[token, "general"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Climate mobility data" in response.content.decode()
    assert client.get(reverse("forum:feed_category", args=["wrong", "general"])).status_code == 404
    from accounts import actions as account_actions

    account_actions.deactivate_member(moderator, member, reason="Left")
    assert client.get(url).status_code == 404


def test_resetting_the_token_breaks_the_old_feed_urls(member, category, login, client):
    old = actions.feed_token_for(member)
    long_ago = timezone.now() - timedelta(days=400)
    FeedToken.objects.filter(user=member).update(issued_at=long_ago)
    member_client = login(member)
    assert member_client.post(reverse("forum:reset_feed_token")).status_code == 302
    reset = FeedToken.objects.get(user=member)
    new = reset.token
    assert new != old
    assert reset.issued_at > long_ago  # when the token in use was issued
    member_client.logout()
    assert client.get(reverse("forum:feed_practices", args=[old])).status_code == 404
    assert client.get(reverse("forum:feed_practices", args=[new])).status_code == 200


def test_the_practices_feed_escapes_the_summary(member, moderator, category, client):
    practice = actions.submit_practice(
        member,
        category=category,
        title="Desks",
        summary="<img src=x onerror=alert(1)>",
        what_worked="W",
    )
    actions.review_practice(moderator, practice, "curated")
    token = actions.feed_token_for(member)
    feed = client.get(reverse("forum:feed_practices", args=[token])).content.decode()
    assert "&amp;lt;img src=x onerror=alert(1)&amp;gt;" in feed  # text, once the reader unescapes
    assert "&lt;img" not in feed


def test_the_practices_feed_lists_curated_practices_only(member, moderator, category, client):
    curated = actions.submit_practice(
        member, category=category, title="Welcome desks", summary="S", what_worked="W"
    )
    actions.submit_practice(
        member, category=category, title="Pending one", summary="S", what_worked="W"
    )
    actions.review_practice(moderator, curated, "curated")
    body = client.get(reverse("forum:feed_practices", args=[actions.feed_token_for(member)]))
    text = body.content.decode()
    assert "Welcome desks" in text and "Pending one" not in text


def test_the_feed_leaves_out_hidden_posts_and_deleted_threads(
    thread, member, other_member, moderator, client
):
    post = actions.reply(other_member, thread, "Hidden words")
    actions.hide_post(moderator, post, reason="Spam")
    url = reverse("forum:feed_category", args=[actions.feed_token_for(member), "general"])
    assert "Hidden words" not in client.get(url).content.decode()
    actions.moderate_thread(moderator, thread, "delete_thread", reason="Dup")
    assert "Climate mobility data" not in client.get(url).content.decode()


def test_the_feeds_page(member, category, login):
    html = login(member).get(reverse("forum:feeds")).content.decode()
    token = FeedToken.objects.get(user=member).token
    assert reverse("forum:feed_category", args=[token, "general"]) in html


def test_search_filters_by_theme_including_a_focus_areas_themes(member, category, login):
    from directory.models import Theme

    actions.create_thread(
        member,
        category=category,
        title="Floods",
        body="Mobility after floods",
        themes=[Theme.objects.get(slug="disaster-displacement")],
    )
    actions.create_thread(member, category=category, title="Cities", body="Mobility in cities")
    focus = Theme.objects.get(slug="forced-migration")
    html = login(member).get(reverse("forum:search"), {"q": "mobility", "theme": focus.pk})
    text = html.content.decode()
    assert "1 result" in text and "Floods" in text and "Cities" not in text


@pytest.mark.services
def test_postgres_search_uses_the_stored_vector_and_websearch_syntax(
    postgres_url, thread, member, other_member
):
    from django.db import connection

    from forum import search
    from forum.models import Post

    actions.reply(other_member, thread, "Seasonal workers send remittances home.")
    actions.reply(other_member, thread, "Remittances fell after the drought.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'forum_post_search_gin'")
        assert "gin (search_vector)" in cursor.fetchone()[0]
    found = search.search_posts(Post.objects.all(), "remittances -drought")
    assert [p.body for p in found] == ["Seasonal workers send remittances home."]
    # Stemming: "remittance" finds "remittances"; the title counts for the opening post.
    assert search.search_posts(Post.objects.all(), "remittance").count() == 2
    assert [p.position for p in search.search_posts(Post.objects.all(), "climate")] == [1]


@pytest.mark.services
def test_postgres_snippets_show_the_words_not_the_markdown(
    postgres_url, thread, member, other_member, login
):
    actions.reply(other_member, thread, "Counting **remittances** with @[Alice Moreau].")
    html = login(member).get(reverse("forum:search"), {"q": "remittances"}).content.decode()
    assert "Counting <mark>remittances</mark> with @Alice Moreau" in html
    assert "**" not in html


@pytest.mark.services
def test_postgres_highlights_a_match_in_the_title(postgres_url, member, category, login):
    actions.create_thread(
        member, category=category, title="Remittances & families", body="Sources for transfers"
    )
    html = login(member).get(reverse("forum:search"), {"q": "remittances"}).content.decode()
    assert "1 result" in html
    assert "<mark>Remittances</mark> &amp; families" in html
