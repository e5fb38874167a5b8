from django.db import migrations


def load_vocabularies(apps, schema_editor):
    from directory import initial_vocabularies

    initial_vocabularies.sync(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_vocabularies")]

    operations = [migrations.RunPython(load_vocabularies, migrations.RunPython.noop)]
