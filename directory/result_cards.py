"""The directory's result cards, read in one narrow query as plain values.

A card shows a name, a position, an institute, a few themes and places and the flags. Building
twenty profile objects with their user, institute and three prefetched relations cost a fifth
of the page; ``card_rows`` reads just those columns, each relation as a list of term ids
(``IdList``), and the ids are named from the cached vocabularies
(``filter_options.card_terms``).

The query's SQL is the same for every page but its ids, so it is built by the ORM once per
process and number of ids (``card_values``) and run as it is: building it cost more than running
it. The names of the terms and the flags' labels are translated once per process, vocabularies'
version and language (``translated_terms``), not for each card.
"""

import threading
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import connection
from django.db.models import Aggregate, CharField, F, OuterRef, Subquery
from django.utils.translation import get_language, gettext

from accounts.models import User
from core import freshness
from core.fragments import render_many

from . import dimensions, filter_options
from .models import Profile


class IdList(Aggregate):
    """The ids of a group as one comma-separated string (``GROUP_CONCAT``, ``string_agg``)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ',')",
            **extra_context,
        )


@dataclass(frozen=True)
class Card:
    """What a result card shows (``directory/_card.html``): plain values, no model objects."""

    pk: int
    display_name: str
    initials: str
    position: str
    institute: str  # the acronym, or empty
    photo: bool
    themes: list[str]  # the first few, in the vocabulary's order
    places: list[str]  # the regions, then the first few countries
    flags: list[str]  # the short labels of the flags the profile has


CARD_THEMES, CARD_COUNTRIES = 5, 6


def card_rows(ids):
    """One query: each profile of ``ids`` with what its card shows, its terms as id lists."""
    terms = {}
    for relation in filter_options.CARD_RELATIONS:
        field = Profile._meta.get_field(relation)
        held = (
            field.remote_field.through.objects.filter(profile_id=OuterRef("pk"))
            .order_by()
            .values("profile_id")
            .annotate(ids=IdList(field.m2m_reverse_name()))
            .values("ids")
        )
        terms[f"{relation}_ids"] = Subquery(held)
    return (
        Profile.objects.filter(pk__in=ids)
        .order_by()
        .values(
            "pk",
            "position",
            "photo",
            *(flag.field for flag in dimensions.FLAGS),
            display_name=F("user__display_name"),
            email=F("user__email"),
            institute=F("user__institute__acronym"),
            **terms,
        )
    )


_BUILT: dict[tuple, tuple[str, list[str]]] = {}
_BUILT_LOCK = threading.Lock()


def card_values(ids: list[int]) -> list[dict]:
    """``card_rows(ids)``, its SQL built once per process, database and number of ids: the
    same rows (the same columns, named as ``values()`` names them)."""
    built_key = (connection.alias, connection.vendor, len(ids))
    built = _BUILT.get(built_key)
    if built is None:
        placeholders = list(range(1, len(ids) + 1))
        query = card_rows(placeholders).query
        sql, params = query.get_compiler(connection=connection).as_sql()
        # The ids are the statement's only parameters, in their order: the built SQL takes any.
        if list(params) != placeholders:
            raise ValueError(f"card_rows takes other parameters than its ids: {params}")
        names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        built = (sql, names)
        with _BUILT_LOCK:
            _BUILT[built_key] = built
    sql, names = built
    with connection.cursor() as cursor:
        cursor.execute(sql, list(ids))
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def translated_terms(version: str | None = None) -> dict:
    """``filter_options.card_terms()`` with each name translated into the active language, and
    the flags' short labels: once per process, vocabularies' version and language."""
    names = filter_options.card_terms(version)
    language = get_language()
    key = f"directory:card-names:{id(names)}:{language}"
    found = freshness.memory.get(key)
    if found is freshness.MISSING:
        found = {
            "terms": {
                relation: {pk: (place, gettext(name)) for pk, (place, name) in terms.items()}
                for relation, terms in names.items()
            },
            "flags": [
                (flag.field, str(flag.short_label or flag.label)) for flag in dimensions.FLAGS
            ],
            "names": names,  # held, so that the id in the key is not given to another dict
        }
        freshness.memory.put(key, found, filter_options.LISTS_SECONDS)
    return found


def card_from(row: dict, translated: dict) -> Card:
    """The card of ``row`` (``card_rows``), ``translated`` naming its terms and flags
    (``translated_terms``)."""
    names = translated["terms"]

    def labels(relation):
        terms = names[relation]
        ids = (int(pk) for pk in (row[f"{relation}_ids"] or "").split(",") if pk)
        return [name for _place, name in sorted(terms[pk] for pk in ids if pk in terms)]

    # The avatar's initials as User.initials makes them, from the two columns it reads.
    initials = User.initials.fget(
        SimpleNamespace(display_name=row["display_name"], email=row["email"])
    )
    return Card(
        pk=row["pk"],
        display_name=row["display_name"],
        initials=initials,
        position=row["position"],
        institute=row["institute"] or "",
        photo=bool(row["photo"]),
        themes=labels("themes")[:CARD_THEMES],
        places=labels("regions") + labels("countries")[:CARD_COUNTRIES],
        flags=[label for field, label in translated["flags"] if row[field]],
    )


class Cards:
    """A result read a page at a time in two steps: the window's ids, then their cards.

    Ordering whole profile rows (biography, vector and all) with their joins to keep twenty
    of them made PostgreSQL sort thousands of wide rows, on disk for a common word. Sorting
    ids with their sort keys is a small top-N sort; the twenty cards are then read by id in
    one narrow query (``card_rows``: the columns a card shows, its terms as lists of ids named
    from the cached vocabularies), as plain ``Card`` values. Two queries per page whatever the
    data; the order is the result's.
    """

    def __init__(self, result, terms_version: str | None = None):
        self.result = result
        self.terms_version = terms_version  # the vocabularies' token, when already read

    def __getitem__(self, window: slice) -> list[Card]:
        ids = list(self.result.values_list("pk", flat=True)[window])
        if not ids:
            return []
        translated = translated_terms(self.terms_version)
        found = {row["pk"]: card_from(row, translated) for row in card_values(ids)}
        return [found[pk] for pk in ids if pk in found]


CARD_TEMPLATE = "directory/_card.html"


def rendered(cards: list[Card]) -> list[str]:
    """Each card's HTML, kept in the cache under a hash of everything it shows (a card's values
    are its whole input), the language and the template (``core.fragments``): one read for the
    page's cards, a render only of those not kept; none when this process remembers them."""
    return render_many(
        None, cards, template=CARD_TEMPLATE, name="card", fingerprint=fingerprint, remember=True
    )


def fingerprint(card: Card) -> tuple:
    """Every value of ``card`` (its lists as tuples): what its HTML shows. Cheaper than
    ``dataclasses.astuple``, which deep-copies."""
    return (
        card.pk,
        card.display_name,
        card.initials,
        card.position,
        card.institute,
        card.photo,
        tuple(card.themes),
        tuple(card.places),
        tuple(card.flags),
    )
