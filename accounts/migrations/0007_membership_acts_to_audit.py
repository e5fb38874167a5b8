"""Moderators' membership decisions of before the audit log, carried into it (``audit.Entry``).

Frozen: the mapping from membership events to audit acts is written out here.
"""

from django.db import migrations

ACTS = {
    "approved": "approve_application",
    "declined": "decline_application",
    "deactivated": "deactivate",
    "reactivated": "reactivate",
}


def copy_acts(apps, schema_editor):
    MembershipEvent = apps.get_model("accounts", "MembershipEvent")
    Entry = apps.get_model("audit", "Entry")
    events = (
        MembershipEvent.objects.filter(kind__in=ACTS, actor__isnull=False)
        .select_related("user")
        .order_by("pk")
    )
    batch = []
    for event in events.iterator(chunk_size=1000):
        batch.append(
            (
                Entry(
                    actor_id=event.actor_id,
                    area="membership",
                    action=ACTS[event.kind],
                    member_id=event.user_id,
                    target_label=event.user.display_name[:300],
                    reason=event.reason,
                ),
                event.created,
            )
        )
    created = Entry.objects.bulk_create([entry for entry, _ in batch], batch_size=1000)
    for entry, (_, moment) in zip(created, batch, strict=True):
        entry.created = moment
    Entry.objects.bulk_update(created, ["created"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_domain_retirement"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_acts, migrations.RunPython.noop)]
