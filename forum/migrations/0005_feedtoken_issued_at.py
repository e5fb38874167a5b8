from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0004_remove_thread_reply_count"),
    ]

    operations = [
        migrations.RenameField(model_name="feedtoken", old_name="created", new_name="issued_at"),
        migrations.AlterField(
            model_name="feedtoken",
            name="issued_at",
            field=models.DateTimeField(auto_now=True, verbose_name="issued"),
        ),
    ]
