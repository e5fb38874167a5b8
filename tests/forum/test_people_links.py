"""People in the forum are links to their directory profiles (post authors, an initiative's
proposer, participants, interested members and suggested experts, authors in lists, reporters
and moderators), for a viewer who may see the profile; a plain name otherwise."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import strip_tags

from accounts import actions as account_actions
from directory.models import Theme
from forum import actions
from forum.consumers import ThreadConsumer
from forum.models import Category
from tests.conftest import make_user
from tests.directory.conftest import fill_profile


def link(user) -> str:
    return (
        f'<a href="{user.profile.get_absolute_url()}" class="person">'
        f"<bdi>{user.display_name}</bdi></a>"
    )


@pytest.fixture
def initiative(member, other_member, category):
    initiative = actions.propose_initiative(
        member,
        category=category,
        title="Shared data lab",
        summary="Pool survey data.",
        objectives="Agree on a format.",
        sought_themes=[Theme.objects.get(slug="climate-mobility")],
    )
    actions.join_initiative(other_member, initiative, "participant")
    return initiative


def test_a_thread_page_links_authors_participants_and_experts(
    initiative, member, other_member, moderator, login
):
    carol = make_user("carol@gcm.unu.example", "Carol Diaz")
    dan = make_user("dan@ehs.unu.example", "Dan Iwu")
    fill_profile(dan, themes=["climate-mobility"])  # a suggested expert
    actions.join_initiative(carol, initiative, "interested")
    actions.reply(other_member, initiative.thread, "Count me in.")
    html = login(moderator).get(initiative.thread.get_absolute_url()).content.decode()
    participants = html.split('class="participants"', 1)[1].split("</ul>", 1)[0]
    assert link(member) in participants  # the proposer
    assert link(other_member) in participants
    interested = html.split("Interested:", 1)[1].split("</p>", 1)[0]
    assert link(carol) in interested
    experts = html.split('class="experts"', 1)[1].split("</ul>", 1)[0]
    assert link(dan) in experts
    posts = html.split('id="posts"', 1)[1]
    assert f"<strong>{link(member)}</strong>" in posts
    assert f"<strong>{link(other_member)}</strong>" in posts


def test_someone_no_longer_a_member_is_a_plain_name(thread, member, other_member, moderator, login):
    actions.reply(other_member, thread, "Goodbye.")
    account_actions.deactivate_member(moderator, other_member, reason="Left")
    html = login(member).get(thread.get_absolute_url()).content.decode()
    assert "<strong><bdi>Bob Mensah</bdi></strong>" in html
    assert other_member.profile.get_absolute_url() not in html
    assert f"<strong>{link(member)}</strong>" in html


def test_a_member_without_a_profile_is_a_plain_name(category, member, login):
    nell = make_user("nell@ehs.unu.example", "Nell Tan")
    nell.profile.delete()
    actions.create_thread(nell, category=category, title="No profile", body="Hello")
    html = login(member).get(category.get_absolute_url()).content.decode()
    assert "by <bdi>Nell Tan</bdi>" in html


def test_lists_link_their_authors(thread, member, other_member, moderator, login):
    practices = Category.objects.create(name="Good practices", slug="practices")
    practice = actions.submit_practice(
        other_member, category=practices, title="Welcome desks", summary="S", what_worked="W"
    )
    actions.review_practice(moderator, practice, "curated")
    post = actions.reply(other_member, thread, "Remittances grew.")
    actions.report_post(member, post, reason="Off topic")
    client = login(moderator)
    pages = {
        "category": thread.category.get_absolute_url(),
        "search": reverse("forum:search") + "?q=remittances",
        "practices": reverse("forum:practices"),
        "moderation": reverse("moderation:reports"),
    }
    html = {name: client.get(url).content.decode() for name, url in pages.items()}
    assert link(member) in html["category"]
    assert link(other_member) in html["search"]
    assert link(other_member) in html["practices"]
    assert link(member) in html["moderation"]  # the reporter


def test_posts_sent_live_link_their_author(thread, member, other_member):
    actions.reply(other_member, thread, "Live.")
    consumer = ThreadConsumer()
    consumer.user, consumer.thread_id = member, thread.pk
    rendered = consumer._rendered(position__gt=1)
    assert len(rendered) == 1 and link(other_member) in rendered[0]["html"]


def test_linking_people_costs_no_query_per_person(
    initiative, member, other_member, login, assert_stable_queries
):
    count = iter(range(100))

    def grow():
        for _ in range(3):
            n = next(count)
            person = make_user(f"p{n}@gcm.unu.example", f"Person {n}")
            fill_profile(person, themes=["climate-mobility"])
            actions.join_initiative(person, initiative, "participant" if n % 2 else "interested")
            actions.reply(person, initiative.thread, f"Count me in ({n})")
            expert = make_user(f"e{n}@ehs.unu.example", f"Expert {n}")
            fill_profile(expert, themes=["climate-mobility"])

    grow()
    url = initiative.thread.get_absolute_url()
    # 19: the posts' attached files are one query for the page, when some have files.
    assert assert_stable_queries(login(member), url, grow, before_each=cache.clear) == 18


def test_a_mention_links_to_the_profile_of_the_member_mentioned(thread, member, login):
    make_user("visitor@example.org", "Not A Member", member=False)  # takes a user id, no profile
    carol = make_user("carol@gcm.unu.example", "Carol Diaz")
    assert carol.pk != carol.profile.pk  # a user's id is not their profile's
    post = actions.reply(member, thread, "What do you think, @[Carol Diaz]?")
    href = (
        f'<a href="{carol.profile.get_absolute_url()}" rel="nofollow ugc noopener">@Carol Diaz</a>'
    )
    assert href in post.body_html
    client = login(member)
    assert href in client.get(thread.get_absolute_url()).content.decode()
    profile = client.get(carol.profile.get_absolute_url())
    assert profile.status_code == 200
    heading = re.search(r'<h1 id="profile-name">(.*?)</h1>', profile.content.decode())
    assert heading and strip_tags(heading.group(1)) == "Carol Diaz"


def test_a_mentioned_member_without_a_profile_is_named_without_a_link(thread, member):
    nell = make_user("nell@ehs.unu.example", "Nell Tan")
    nell.profile.delete()
    post = actions.reply(member, thread, "Ask @[Nell Tan].")
    assert "Ask @Nell Tan." in post.body_html
    assert "<a" not in post.body_html
    assert list(post.mentioned.all()) == [nell]
