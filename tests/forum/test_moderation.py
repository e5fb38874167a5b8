"""Reports, the moderation queues, thread moderation, deactivation and the audit log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import actions as account_actions
from audit.models import Entry
from forum import actions
from forum.models import Category, Report, Thread


@pytest.fixture
def reported(thread, member, other_member):
    post = actions.reply(other_member, thread, "Buy cheap visas here")
    report = actions.report_post(member, post, reason="Advertising")
    return report


def test_a_member_reports_a_post_once(thread, member, other_member, login):
    post = actions.reply(other_member, thread, "Buy cheap visas here")
    client = login(member)
    url = reverse("forum:report", args=[post.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Advertising"}).status_code == 302
    response = client.post(url, {"reason": "Again"})
    assert response.status_code == 400
    assert "already reported" in response.content.decode()
    assert Report.objects.get().reason == "Advertising"


def test_members_cannot_report_their_own_posts(thread, opening, member, login):
    assert (
        login(member).post(reverse("forum:report", args=[opening.pk]), {"reason": "x"}).status_code
        == 403
    )


def test_reports_are_rate_limited(thread, member, other_member, settings):
    from core.ratelimit import RateLimited

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.report": "1/h"}
    first = actions.reply(other_member, thread, "One")
    second = actions.reply(other_member, thread, "Two")
    actions.report_post(member, first, reason="Spam")
    with pytest.raises(RateLimited):
        actions.report_post(member, second, reason="Spam")


def test_the_queues_list_open_reports_and_practices_awaiting_review(
    reported, moderator, member, login
):
    practices = Category.objects.create(name="Good practices", slug="practices")
    actions.submit_practice(
        member, category=practices, title="Welcome desks", summary="S", what_worked="W"
    )
    response = login(moderator).get(reverse("moderation:reports"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Advertising" in html and "Welcome desks" not in html
    assert reverse("forum:resolve_report", args=[reported.pk]) in html
    html = login(moderator).get(reverse("moderation:practices")).content.decode()
    assert "Welcome desks" in html and "Advertising" not in html


def test_the_queue_filters_by_status(reported, moderator, login):
    actions.resolve_report(moderator, reported, resolution="Removed", hide=True)
    client = login(moderator)
    assert "Advertising" not in client.get(reverse("moderation:reports")).content.decode()
    html = client.get(reverse("moderation:reports"), {"status": "resolved"}).content.decode()
    assert "Advertising" in html


def test_moderation_pages_are_refused_to_members(reported, thread, member, login):
    client = login(member)
    for url in (
        reverse("moderation:reports"),
        reverse("moderation:log"),
        reverse("forum:resolve_report", args=[reported.pk]),
        reverse("forum:moderate_thread", args=[thread.pk]) + "?action=lock",
        reverse("forum:move_thread", args=[thread.pk]),
        reverse("moderation:deactivate", args=[reported.post.author_id]),
        reverse("forum:category_new"),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("forum:moderate_thread", args=[thread.pk]), {"action": "lock", "reason": "x"}
    )
    assert response.status_code == 403
    thread.refresh_from_db()
    assert not thread.locked


def test_resolving_a_report_by_hiding_the_post_tells_reporter_and_author(
    reported, moderator, login, notified
):
    client = login(moderator)
    url = reverse("forum:resolve_report", args=[reported.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"outcome": "hide", "resolution": "Advertising is not allowed"})
    assert response.status_code == 302
    reported.refresh_from_db()
    reported.post.refresh_from_db()
    assert reported.status == "resolved" and reported.resolved_by == moderator
    assert reported.post.is_hidden
    assert sorted(n for n in notified() if n[0] != "thread_post") == [
        ("post_hidden", "bob@ehs.unu.example"),
        ("report_resolved", "alice@gcm.unu.example"),
    ]
    assert [e.action for e in Entry.objects.order_by("pk")] == ["hide", "resolve_report"]
    with pytest.raises(ValidationError):
        actions.resolve_report(moderator, reported, resolution="Again")


def test_dismissing_a_report_leaves_the_post(reported, moderator):
    actions.resolve_report(moderator, reported, resolution="Not spam", dismiss=True)
    reported.refresh_from_db()
    reported.post.refresh_from_db()
    assert reported.status == "dismissed" and not reported.post.is_hidden


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("lock", "locked", True), ("pin", "pinned", True), ("delete_thread", "is_deleted", True)],
)
def test_moderators_lock_pin_and_delete_threads(thread, moderator, login, action, field, value):
    client = login(moderator)
    url = reverse("forum:moderate_thread", args=[thread.pk])
    assert client.get(url, {"action": action}).status_code == 200
    assert client.post(url, {"action": action, "reason": ""}).status_code == 400
    assert client.post(url, {"action": action, "reason": "Because"}).status_code == 302
    thread.refresh_from_db()
    assert getattr(thread, field) is value
    entry = Entry.objects.get()
    assert (entry.action, entry.actor, entry.target_id, entry.target_label, entry.reason) == (
        action,
        moderator,
        thread.pk,
        thread.title,
        "Because",
    )
    assert (entry.area, entry.target_url) == ("forum", thread.get_absolute_url())


def test_a_deleted_thread_is_gone_for_members_but_not_for_moderators(
    thread, member, other_member, moderator, login
):
    actions.moderate_thread(moderator, thread, "delete_thread", reason="Duplicate")
    assert login(other_member).get(thread.get_absolute_url()).status_code == 404
    assert login(moderator).get(thread.get_absolute_url()).status_code == 200
    assert not Thread.objects.visible_to(member).exists()


def test_moving_a_thread(thread, moderator, login):
    other = Category.objects.create(name="Methods", slug="methods")
    response = login(moderator).post(
        reverse("forum:move_thread", args=[thread.pk]),
        {"category": other.pk, "reason": "Belongs to methods"},
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.category == other
    assert Entry.objects.get().details == "General discussion → Methods"


def test_suspending_from_the_forum_is_the_one_deactivation_act_logged_once(
    other_member, moderator, login
):
    client = login(moderator)
    old = reverse("forum:suspend_member", args=[other_member.pk])
    url = reverse("moderation:deactivate", args=[other_member.pk])
    assert client.get(old).url == url
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Repeated spam"}).status_code == 302
    other_member.refresh_from_db()
    assert not other_member.is_member
    entry = Entry.objects.get()
    assert (entry.action, entry.member, entry.reason) == (
        "deactivate",
        other_member,
        "Repeated spam",
    )


def test_moderators_cannot_suspend_an_admin(moderator, admin_user, login):
    url = reverse("moderation:deactivate", args=[admin_user.pk])
    assert login(moderator).post(url, {"reason": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        account_actions.deactivate_member(moderator, admin_user, reason="x")


def test_the_audit_log_shows_who_did_what_and_why(thread, opening, moderator, login):
    actions.hide_post(moderator, opening, reason="Personal data")
    html = login(moderator).get(reverse("moderation:log")).content.decode()
    assert "Mona Castillo" in html and "Hid a post" in html and "Personal data" in html


def test_moderators_manage_categories(moderator, member, login):
    client = login(moderator)
    response = client.post(
        reverse("forum:category_new"),
        {"name": "Events", "slug": "events", "description": "", "order": 3},
    )
    assert response.status_code == 302
    assert Category.objects.get(slug="events").name == "Events"
    assert login(member).get(reverse("forum:category_edit", args=["events"])).status_code == 403
