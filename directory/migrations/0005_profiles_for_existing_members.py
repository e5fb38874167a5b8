"""Members who joined before the directory existed get their (empty) profile now."""

from django.db import migrations

VECTOR_SQL = (
    "UPDATE directory_profile SET search_vector = "
    "setweight(to_tsvector('english', unaccent(search_name)), 'A') "
    "WHERE search_vector IS NULL"
)


def create_missing_profiles(apps, schema_editor):
    from directory.search import fold

    User = apps.get_model("accounts", "User")
    Profile = apps.get_model("directory", "Profile")
    members = User.objects.filter(is_active=True, status="member", profile__isnull=True)
    Profile.objects.bulk_create(
        [
            Profile(user_id=pk, search_name=fold(name)[:200])
            for pk, name in members.values_list("pk", "display_name").iterator()
        ],
        batch_size=1000,
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_postgres_search"),
        ("accounts", "0002_roles_and_site"),
    ]

    operations = [migrations.RunPython(create_missing_profiles, migrations.RunPython.noop)]
