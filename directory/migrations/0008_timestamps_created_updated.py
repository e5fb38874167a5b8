"""The timestamp convention (docs/architecture.md, "Names"): ``created`` and ``updated`` for a
row's own creation and last save."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_profile_orcid_verified")]

    operations = [
        migrations.RemoveIndex(model_name="profile", name="directory_profile_updated"),
        migrations.RenameField("profile", "created_at", "created"),
        migrations.RenameField("profile", "updated_at", "updated"),
        migrations.RenameField("publication", "created_at", "created"),
        migrations.RenameField("orcidimport", "created_at", "created"),
        migrations.RenameField("keyword", "created_at", "created"),
        migrations.AlterModelOptions(name="orcidimport", options={"ordering": ["-created"]}),
        migrations.AddIndex(
            model_name="profile",
            index=models.Index(fields=["-updated"], name="directory_profile_updated"),
        ),
    ]
