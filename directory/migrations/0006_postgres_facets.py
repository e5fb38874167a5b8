"""PostgreSQL: the ``facets`` integer array on profiles with a GIN index (see directory.facets).

Outside the model state because SQLite has no arrays; nothing happens on other databases.
Frozen: ``FILL_SQL`` is ``directory.facets.FILL_SQL`` as it was when this migration was written.
"""

from django.db import migrations

FILL_SQL = """
UPDATE directory_profile p SET facets = ARRAY(
    SELECT 1000000 + t.theme_id FROM directory_profile_themes t WHERE t.profile_id = p.id
    UNION SELECT 1000000 + th.parent_id FROM directory_profile_themes t
        JOIN directory_theme th ON th.id = t.theme_id
        WHERE t.profile_id = p.id AND th.parent_id IS NOT NULL
    UNION SELECT 2000000 + x.region_id FROM directory_profile_places x WHERE x.profile_id = p.id
    UNION SELECT 3000000 + x.country_id FROM directory_profile_countries x
        WHERE x.profile_id = p.id
    UNION SELECT 4000000 + x.method_id FROM directory_profile_methods x WHERE x.profile_id = p.id
    UNION SELECT 5000000 + x.language_id FROM directory_profile_languages x
        WHERE x.profile_id = p.id
    UNION SELECT 6000000 + u.institute_id FROM accounts_user u
        WHERE u.id = p.user_id AND u.institute_id IS NOT NULL
    UNION SELECT 7000001 WHERE p.open_to_collaborate
    UNION SELECT 7000002 WHERE p.available_for_advice
    UNION SELECT 7000003 WHERE p.supervising_students
    UNION SELECT 9000001 FROM accounts_user u
        WHERE u.id = p.user_id AND u.is_active AND u.status = 'member'
    UNION SELECT 9000002 WHERE p.visibility = 'public'
    UNION SELECT 8000000 + mod(p.id, 40)::int
    ORDER BY 1
)
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE directory_profile "
        "ADD COLUMN IF NOT EXISTS facets integer[] NOT NULL DEFAULT '{}'"
    )
    schema_editor.execute(FILL_SQL)
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
