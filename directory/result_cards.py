"""The directory's result cards, read in one narrow query as plain values.

A card shows a name, a position, an institute, a few themes and places and the flags. Building
twenty profile objects with their user, institute and three prefetched relations cost a fifth
of the page; ``card_rows`` reads just those columns, each relation as a list of term ids
(``IdList``), and the ids are named from the cached vocabularies
(``filter_options.card_terms``).
"""

from dataclasses import astuple, dataclass
from types import SimpleNamespace

from django.db.models import Aggregate, CharField, F, OuterRef, Subquery
from django.utils.translation import gettext

from accounts.models import User
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


def card_of(row: dict, names: dict[str, dict[int, tuple[int, str]]]) -> Card:
    def labels(relation):
        terms = names[relation]
        ids = (int(pk) for pk in (row[f"{relation}_ids"] or "").split(",") if pk)
        held = sorted(terms[pk] for pk in ids if pk in terms)
        return [gettext(name) for _place, name in held]

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
        flags=dimensions.flag_labels(row, short=True),
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

    def __init__(self, result):
        self.result = result

    def __getitem__(self, window: slice) -> list[Card]:
        ids = list(self.result.values_list("pk", flat=True)[window])
        if not ids:
            return []
        names = filter_options.card_terms()
        found = {row["pk"]: card_of(row, names) for row in card_rows(ids)}
        return [found[pk] for pk in ids if pk in found]


CARD_TEMPLATE = "directory/_card.html"


def rendered(cards: list[Card]) -> list[str]:
    """Each card's HTML, kept in the cache under a hash of everything it shows (a card's values
    are its whole input), the language and the template (``core.fragments``): one read for the
    page's cards, a render only of those not kept."""
    return render_many(None, cards, template=CARD_TEMPLATE, name="card", fingerprint=astuple)
