"""The forum's moderation log moves into the one audit log (``audit.Entry``).

Frozen: the areas of the acts and the addresses of posts and threads are written out here. The
forum's "suspend" entries are not copied: each suspension also recorded a deactivation in the
membership history, which ``accounts/migrations/0007`` carries into the audit log, so that every
act appears once.
"""

from django.db import migrations

PORTAL = {
    "practice_public",
    "practice_private",
    "publish_output",
    "decline_output",
    "unpublish_output",
    "publish_event",
    "decline_event",
    "unpublish_event",
}


def copy_entries(apps, schema_editor):
    ModerationLog = apps.get_model("forum", "ModerationLog")
    Entry = apps.get_model("audit", "Entry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    post_type, _ = ContentType.objects.get_or_create(app_label="forum", model="post")
    thread_type, _ = ContentType.objects.get_or_create(app_label="forum", model="thread")
    rows = ModerationLog.objects.exclude(action="suspend").select_related("thread").order_by("pk")
    batch = []
    for row in rows.iterator(chunk_size=1000):
        if row.post_id:
            target = (post_type, row.post_id, f"/forum/p/{row.post_id}/#post-{row.post_id}")
        elif row.thread_id:
            target = (thread_type, row.thread_id, f"/forum/t/{row.thread_id}/")
        else:
            target = (None, None, "")
        # Portal entries and categories kept the name of what they acted on in "details".
        named_in_details = row.thread_id is None and row.post_id is None
        entry = Entry(
            actor_id=row.actor_id,
            area="portal" if row.action in PORTAL else "forum",
            action=row.action,
            member_id=row.member_id,
            target_type=target[0],
            target_id=target[1],
            target_url=target[2],
            target_label=(row.details if named_in_details else row.thread.title)[:300],
            reason=row.reason,
            details="" if named_in_details else row.details,
        )
        batch.append((entry, row.created))
        if len(batch) >= 1000:
            _save(Entry, batch)
            batch = []
    _save(Entry, batch)


def _save(Entry, batch):
    created = Entry.objects.bulk_create([entry for entry, _ in batch])
    # auto_now_add stamped them now: give each its own time back.
    for entry, (_, moment) in zip(created, batch, strict=True):
        entry.created = moment
    Entry.objects.bulk_update(created, ["created"])


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0005_feedtoken_issued_at"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_entries, migrations.RunPython.noop)]
