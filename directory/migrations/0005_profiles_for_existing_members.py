"""Members who joined before the directory existed get their (empty) profile now.

Frozen: ``fold()`` is a copy of ``directory.search.fold`` as it was; the profiles' search text is
rebuilt by ``directory.search`` on their next change.
"""

import unicodedata

from django.db import migrations

# Letters of names' orthographies that Unicode decomposition leaves whole (lower case: the text
# is lower-cased first): Nordic, Polish, Croatian, Icelandic, Turkish, Maltese, Catalan, Sami,
# Greenlandic, and the hooked letters of Hausa, Fula, Ewe and other African languages.
SPECIAL_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",  # dotless i
        "ħ": "h",
        "ŀ": "l",
        "ŋ": "n",
        "ŧ": "t",
        "ĸ": "q",
        "ɓ": "b",
        "ɗ": "d",
        "ɖ": "d",
        "ƙ": "k",
        "ƴ": "y",
        "ɛ": "e",
        "ɔ": "o",
        "ƒ": "f",
        "ɨ": "i",
        "ʉ": "u",
        "ɲ": "n",
    }
)


def fold(text: str) -> str:
    """Lower-case text without accents: "Müller-Łódź" -> "muller-lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(SPECIAL_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


VECTOR_SQL = (
    "UPDATE directory_profile SET search_vector = "
    "setweight(to_tsvector('english', unaccent(search_name)), 'A') "
    "WHERE search_vector IS NULL"
)


def create_missing_profiles(apps, schema_editor):
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
