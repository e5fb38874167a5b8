import secrets

from django.db import migrations, models


def give_tokens(apps, schema_editor):
    Registration = apps.get_model("portal", "Registration")
    for registration in Registration.objects.filter(token__isnull=True).only("pk"):
        Registration.objects.filter(pk=registration.pk).update(token=secrets.token_urlsafe(32))


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_stakeholder_subscriptions")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="promoted_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="registration",
            name="token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="token",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
