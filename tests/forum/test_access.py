"""Every forum URL: closed to visitors and non-members; the refusals members meet."""

import pytest
from django.urls import reverse

from forum import actions
from forum.models import Category


@pytest.fixture
def every_url(thread, opening, member, other_member, category):
    initiative = actions.propose_initiative(
        member, category=category, title="Initiative", summary="S", objectives="O"
    )
    practice = actions.submit_practice(
        member, category=category, title="Practice", summary="S", what_worked="W"
    )
    report = actions.report_post(other_member, opening, reason="Spam")
    return [
        ("GET", reverse("forum:index")),
        ("GET", reverse("forum:category", args=[category.slug])),
        ("POST", reverse("forum:subscribe_category", args=[category.slug])),
        ("GET", reverse("forum:new_thread")),
        ("GET", reverse("forum:new_initiative")),
        ("GET", reverse("forum:initiative_edit", args=[initiative.pk])),
        ("POST", reverse("forum:initiative_status", args=[initiative.pk])),
        ("POST", reverse("forum:initiative_join", args=[initiative.pk])),
        ("POST", reverse("forum:initiative_leave", args=[initiative.pk])),
        ("GET", reverse("forum:practices")),
        ("GET", reverse("forum:new_practice")),
        ("GET", reverse("forum:practice_review", args=[practice.pk])),
        ("GET", reverse("forum:thread", args=[thread.pk])),
        ("GET", reverse("forum:thread_unread", args=[thread.pk])),
        ("GET", reverse("forum:reply", args=[thread.pk])),
        ("POST", reverse("forum:subscribe_thread", args=[thread.pk])),
        ("GET", reverse("forum:moderate_thread", args=[thread.pk]) + "?action=lock"),
        ("GET", reverse("forum:move_thread", args=[thread.pk])),
        ("GET", reverse("forum:post", args=[opening.pk])),
        ("GET", reverse("forum:edit_post", args=[opening.pk])),
        ("GET", reverse("forum:delete_post", args=[opening.pk])),
        ("GET", reverse("forum:post_history", args=[opening.pk])),
        ("POST", reverse("forum:react", args=[opening.pk])),
        ("POST", reverse("forum:preview")),
        ("GET", reverse("forum:report", args=[opening.pk])),
        ("GET", reverse("forum:hide_post", args=[opening.pk])),
        ("GET", reverse("forum:restore_post", args=[opening.pk])),
        ("GET", reverse("forum:search")),
        ("GET", reverse("forum:member_names")),
        ("GET", reverse("moderation:reports")),
        ("GET", reverse("moderation:log")),
        ("GET", reverse("forum:resolve_report", args=[report.pk])),
        ("GET", reverse("moderation:deactivate", args=[other_member.pk])),
        ("GET", reverse("forum:category_new")),
        ("GET", reverse("forum:category_edit", args=[category.slug])),
        ("GET", reverse("forum:feeds")),
        ("POST", reverse("forum:reset_feed_token")),
    ]


def test_visitors_are_sent_to_sign_in_and_non_members_to_their_status(
    every_url, client, newcomer, applicant, login
):
    for method, url in every_url:
        response = getattr(client, method.lower())(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    for person in (newcomer, applicant):
        person_client = login(person)
        for method, url in every_url:
            response = getattr(person_client, method.lower())(url)
            assert response["Location"] == reverse("accounts:status"), url


def test_reacting_to_a_hidden_post_is_refused(thread, opening, other_member, moderator, login):
    actions.hide_post(moderator, opening, reason="Spam")
    response = login(other_member).post(
        reverse("forum:react", args=[opening.pk]), {"kind": "useful"}
    )
    assert response.status_code == 403


def test_joining_a_closed_initiative_through_the_page_is_refused(
    member, other_member, category, login
):
    initiative = actions.propose_initiative(
        member, category=category, title="Done", summary="S", objectives="O"
    )
    actions.change_initiative_status(member, initiative, "archived")
    response = login(other_member).post(reverse("forum:initiative_join", args=[initiative.pk]))
    assert response.status_code == 403
    assert not initiative.participations.exists()


def test_a_deleted_threads_posts_and_initiative_are_404_for_members(
    member, other_member, moderator, category, login
):
    initiative = actions.propose_initiative(
        member, category=category, title="Gone", summary="S", objectives="O"
    )
    actions.moderate_thread(moderator, initiative.thread, "delete_thread", reason="Spam")
    client = login(other_member)
    opening = initiative.thread.posts.get()
    assert client.get(reverse("forum:post", args=[opening.pk])).status_code == 404
    assert client.post(reverse("forum:initiative_join", args=[initiative.pk])).status_code == 404
    assert "0 results" in client.get(reverse("forum:search"), {"q": "Gone"}).content.decode()


def test_unknown_categories_for_subscriptions_are_404(member, login):
    assert not Category.objects.filter(slug="nope").exists()
    response = login(member).post(reverse("forum:subscribe_category", args=["nope"]))
    assert response.status_code == 404
