"""PostgreSQL full-text and trigram search; nothing happens on other databases.

The indexes live outside the model state because SQLite cannot build them; directory.search
uses them only on PostgreSQL.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS directory_profile_search_vector "
    "ON directory_profile USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS directory_profile_search_name_trgm "
    "ON directory_profile USING gin (search_name gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS directory_profile_search_vector",
    "DROP INDEX IF EXISTS directory_profile_search_name_trgm",
]


def run_on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_profiles")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(run_on_postgres(CREATE), run_on_postgres(DROP)),
    ]
