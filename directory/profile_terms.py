"""The terms one profile holds, for its page: one small query, named from the cached vocabularies.

The profile page lists a profile's themes, methods, regions, countries, languages and approved
keywords. Prefetching them was six queries, each built by the ORM (most of the page's time on
SQLite). ``held_terms`` reads every relation's term ids (and the approved keywords' names) in one
``UNION ALL`` of the relation tables, and names the ids from ``vocabulary()``: every term of
those vocabularies as plain values, in each vocabulary's own order, kept in the cache under the
terms' version token (``filter_options.VERSION_KEY``, renewed by every save or delete of a term).
The terms come back as unsaved model instances (pk and the columns a page shows), so ``label``,
``slug`` and ``code`` read as before.
"""

import logging

from django.db import connection

from core import freshness

from . import filter_options
from .filters import versions
from .models import Keyword, Profile, Publication

logger = logging.getLogger(__name__)
VOCABULARY_KEY = "directory:profile-terms:{version}"
VOCABULARY_SECONDS = 24 * 60 * 60
# relation of Profile: the columns of its terms a page shows.
RELATIONS = {
    "themes": ("pk", "name", "slug", "parent_id"),
    "methods": ("pk", "name", "slug"),
    "regions": ("pk", "name", "code"),
    "countries": ("pk", "name", "code"),
    "languages": ("pk", "name", "code"),
}


def tokens() -> tuple[str, str] | None:
    """(profiles' version, terms' version) in one cache round trip, for a page to hand to
    ``vocabulary`` and the kept lists it reads; ``None`` when the cache is unreachable."""
    try:
        return versions()
    except Exception:
        logger.warning("Cache unreachable: versions not read", exc_info=True)
        return None


# The last vocabulary read, by its key, in this process: it is read on every profile page and
# home page, and only a term's change (a new token, so a new key) makes it read again.
_memory: dict[str, dict] = {}


def vocabulary(terms_token: str | None = None) -> dict[str, dict[int, tuple]]:
    """{relation: {term id: (place, values...)}}, the place being the term's in its vocabulary's
    order (the model's ``ordering``), kept until a term changes. ``terms_token``: the terms'
    version (``tokens()[1]``) when the caller read it already."""
    global _memory
    try:
        token = terms_token or freshness.current(filter_options.VERSION_KEY)[0]
    except Exception:
        logger.warning("Cache unreachable: the vocabulary read from the database", exc_info=True)
        return read_vocabulary()
    key = VOCABULARY_KEY.format(version=token)
    found = _memory.get(key)
    if found is None:
        found = freshness.kept(lambda: key, read_vocabulary, VOCABULARY_SECONDS)
        _memory = {key: found}
    return found


def read_vocabulary() -> dict[str, dict[int, tuple]]:
    found = {}
    for relation, fields in RELATIONS.items():
        model = Profile._meta.get_field(relation).related_model
        found[relation] = {
            values[0]: (place, *values)
            for place, values in enumerate(model.objects.values_list(*fields))
        }
    return found


def _relation_branches() -> list[str]:
    """One ``SELECT`` per relation: (relation's number, term id, NULL) of the profile ``%s``.
    Only the models' own table and column names go into the text."""
    quote = connection.ops.quote_name
    branches = []
    for number, relation in enumerate(RELATIONS):
        field = Profile._meta.get_field(relation)
        table = quote(field.remote_field.through._meta.db_table)
        term, owner = quote(field.m2m_reverse_name()), quote(field.m2m_column_name())
        branches.append(
            f"SELECT {number} AS kind, {term} AS id, CAST(NULL AS varchar(200)) AS name"  # noqa: S608
            f" FROM {table} WHERE {owner} = %s"
        )
    return branches


def _terms_sql() -> str:
    """The relations' term ids, then the approved keywords as (their number, id, name);
    keywords by name, as the database sorts them."""
    quote = connection.ops.quote_name
    field = Profile._meta.get_field("keywords")
    table = quote(field.remote_field.through._meta.db_table)
    term, owner = quote(field.m2m_reverse_name()), quote(field.m2m_column_name())
    keywords = (
        f"SELECT {len(RELATIONS)}, k.id, k.name FROM {table} t"  # noqa: S608
        f" JOIN {quote(Keyword._meta.db_table)} k ON k.id = t.{term}"
        f" WHERE t.{owner} = %s AND k.status = %s"
    )
    return " UNION ALL ".join([*_relation_branches(), keywords]) + " ORDER BY 1, 3"


def _ids_sql() -> str:
    """The relations' term ids, then a row (their number, 0, NULL) if it has publications."""
    publications = connection.ops.quote_name(Publication._meta.db_table)
    held = (
        f"SELECT {len(RELATIONS)}, 0, NULL WHERE EXISTS"  # noqa: S608
        f" (SELECT 1 FROM {publications} WHERE profile_id = %s)"
    )
    return " UNION ALL ".join([*_relation_branches(), held])


def held_ids(profile_pk: int) -> dict[str, list[int]]:
    """{"themes": [term id, ...], ..., "publications": whether it has any}: one query."""
    with connection.cursor() as cursor:
        cursor.execute(_ids_sql(), [profile_pk] * (len(RELATIONS) + 1))
        rows = cursor.fetchall()
    relations = list(RELATIONS)
    found: dict = {relation: [] for relation in relations}
    found["publications"] = False
    for kind, pk, _name in rows:
        if kind == len(relations):
            found["publications"] = True
        else:
            found[relations[kind]].append(pk)
    return found


def held_terms(profile_pk: int, terms_token: str | None = None) -> dict[str, list]:
    """{"themes": [Theme, ...], ..., "keywords": [Keyword, ...]}: what the profile holds, each
    list in its vocabulary's order (keywords by name), in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            _terms_sql(), [profile_pk] * (len(RELATIONS) + 1) + [Keyword.Status.APPROVED]
        )
        rows = cursor.fetchall()
    names = vocabulary(terms_token)
    relations = list(RELATIONS)
    found: dict[str, list] = {relation: [] for relation in relations}
    keywords = []
    for kind, pk, name in rows:
        if kind == len(relations):
            keywords.append(Keyword(pk=pk, name=name))
            continue
        relation = relations[kind]
        values = names[relation].get(pk)
        if values is not None:  # a term deleted since the vocabulary was read: not shown
            found[relation].append(values)
    held = {}
    for relation, rows_of in found.items():
        model = Profile._meta.get_field(relation).related_model
        fields = RELATIONS[relation]
        held[relation] = [
            model(**dict(zip(fields, values[1:], strict=True))) for values in sorted(rows_of)
        ]
    held["keywords"] = keywords
    return held
