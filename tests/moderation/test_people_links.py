"""In the moderation area people are links to their directory profiles too (issue 10: "people
are links everywhere"): who proposed a keyword, who did an act in the audit log, who submitted
an output for review, who reviewed a practice. Each list links every name in a number of queries
that does not grow with the number of different people in it."""

import pytest
from django.urls import reverse

from audit.actions import record
from directory import actions as directory_actions
from forum import actions as forum_actions
from forum.models import Category
from portal.models import Status
from tests.conftest import make_user
from tests.portal.conftest import make_output

pytestmark = pytest.mark.django_db


def link(user) -> str:
    return (
        f'<a href="{user.profile.get_absolute_url()}" class="person">'
        f"<bdi>{user.display_name}</bdi></a>"
    )


def people(n: int, prefix: str):
    return [
        make_user(f"{prefix}{i}@gcm.unu.example", f"{prefix.title()} Person{i}") for i in range(n)
    ]


def propose(user, name):
    directory_actions.update_profile(user, user.profile, {"keyword_names": [name]})


def test_the_keyword_queue_links_each_proposer(login, member, moderator, assert_stable_queries):
    propose(member, "Hawala networks")
    url = reverse("moderation:keywords")
    html = login(moderator).get(url).content.decode()
    assert link(member) in html

    others = []

    def grow():
        for n, person in enumerate(people(4, "proposer")):
            others.append(person)
            propose(person, f"Topic number {n}")

    client = login(moderator)
    assert_stable_queries(client, url, grow)
    html = client.get(url).content.decode()
    assert all(link(person) in html for person in others)


def test_the_audit_log_links_each_actor(login, moderator, member, assert_stable_queries):
    record(moderator, "deactivate", member=member, reason="Left")
    url = reverse("moderation:log")
    client = login(moderator)
    html = client.get(url).content.decode()
    assert link(moderator) in html
    others = []

    def grow():
        for person in people(4, "actor"):
            others.append(person)
            record(person, "deactivate", member=member, reason="Left")

    assert_stable_queries(client, url, grow)
    html = client.get(url).content.decode()
    assert all(link(person) in html for person in others)


def test_the_review_queue_links_each_submitter(login, member, moderator, assert_stable_queries):
    make_output(member, status=Status.SUBMITTED)
    url = reverse("moderation:portal")
    client = login(moderator)
    assert link(member) in client.get(url).content.decode()
    others = []

    def grow():
        for n, person in enumerate(people(3, "author")):
            others.append(person)
            make_output(person, title=f"Working paper {n}", status=Status.SUBMITTED)

    assert_stable_queries(client, url, grow)
    html = client.get(url).content.decode()
    assert all(link(person) in html for person in others)


def test_the_practice_queue_links_the_reviewer(login, member, moderator):
    practices = Category.objects.create(name="Good practices", slug="practices")
    practice = forum_actions.submit_practice(
        member, category=practices, title="Welcome desks", summary="S", what_worked="W"
    )
    forum_actions.review_practice(moderator, practice, "curated")
    html = (
        login(moderator).get(reverse("moderation:practices") + "?status=curated").content.decode()
    )
    assert link(moderator) in html  # the reviewer
    assert link(member) in html  # the author


def test_a_member_cannot_open_these_lists(login, member):
    client = login(member)
    for name in ("moderation:keywords", "moderation:log", "moderation:portal"):
        assert client.get(reverse(name)).status_code == 403, name
