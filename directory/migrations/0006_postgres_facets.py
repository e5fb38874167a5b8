"""PostgreSQL: the ``facets`` integer array on profiles with a GIN index (see directory.facets).

Outside the model state because SQLite has no arrays; nothing happens on other databases.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from directory import facets

    schema_editor.execute(
        "ALTER TABLE directory_profile "
        "ADD COLUMN IF NOT EXISTS facets integer[] NOT NULL DEFAULT '{}'"
    )
    schema_editor.execute(facets.FILL_SQL)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_profile_facets "
        "ON directory_profile USING gin (facets)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE directory_profile DROP COLUMN IF EXISTS facets")


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_profiles_for_existing_members")]

    operations = [migrations.RunPython(create, drop)]
