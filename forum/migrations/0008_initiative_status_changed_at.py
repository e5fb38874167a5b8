"""The timestamp convention (docs/architecture.md, "Names"): ``<act>_at`` for the moment of an
act."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("forum", "0007_delete_moderationlog")]

    operations = [
        migrations.RenameField("initiative", "status_changed", "status_changed_at"),
    ]
