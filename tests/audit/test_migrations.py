"""The forum's moderation log and the moderators' membership decisions move into the one audit
log, each act once."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("forum", "0005_feedtoken_issued_at"),
    ("accounts", "0006_domain_retirement"),
    ("audit", "0001_initial"),
]
AFTER = [("forum", "0006_moderationlog_to_audit"), ("accounts", "0007_membership_acts_to_audit")]
WHEN = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_old_entries_are_carried_into_the_audit_log_once_with_their_times():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    User = apps.get_model("accounts", "User")
    MembershipEvent = apps.get_model("accounts", "MembershipEvent")
    Category = apps.get_model("forum", "Category")
    Thread = apps.get_model("forum", "Thread")
    Post = apps.get_model("forum", "Post")
    ModerationLog = apps.get_model("forum", "ModerationLog")
    mona = User.objects.create(email="mona@x.example", display_name="Mona", status="member")
    bob = User.objects.create(email="bob@x.example", display_name="Bob", status="deactivated")
    category = Category.objects.create(name="General", slug="general")
    thread = Thread.objects.create(category=category, author=bob, title="Visas")
    post = Post.objects.create(thread=thread, author=bob, position=2, body="Spam")
    hide = ModerationLog.objects.create(
        actor=mona, action="hide", thread=thread, post=post, member=bob, reason="Spam"
    )
    ModerationLog.objects.create(actor=mona, action="lock", thread=thread, reason="Heated")
    ModerationLog.objects.create(actor=mona, action="publish_output", member=bob, details="Brief")
    # A suspension wrote both: one act, carried once (from the membership history).
    ModerationLog.objects.create(actor=mona, action="suspend", member=bob, reason="Again")
    MembershipEvent.objects.create(user=bob, actor=mona, kind="deactivated", reason="Again")
    MembershipEvent.objects.create(user=bob, kind="joined_by_domain", reason="bob@x.example")
    ModerationLog.objects.filter(pk=hide.pk).update(created=WHEN)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    Entry = executor.loader.project_state(AFTER).apps.get_model("audit", "Entry")
    entries = {
        e.action: e for e in Entry.objects.select_related("target_type").order_by("created", "pk")
    }
    assert sorted(entries) == ["deactivate", "hide", "lock", "publish_output"]
    hidden = entries["hide"]
    assert (hidden.area, hidden.actor_id, hidden.member_id, hidden.reason) == (
        "forum",
        mona.pk,
        bob.pk,
        "Spam",
    )
    assert (hidden.target_type.model, hidden.target_id, hidden.target_label) == (
        "post",
        post.pk,
        "Visas",
    )
    assert hidden.target_url == f"/forum/p/{post.pk}/#post-{post.pk}"
    assert hidden.created == WHEN
    assert entries["lock"].target_url == f"/forum/t/{thread.pk}/"
    assert (entries["publish_output"].area, entries["publish_output"].target_label) == (
        "portal",
        "Brief",
    )
    assert (entries["deactivate"].area, entries["deactivate"].reason) == ("membership", "Again")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
