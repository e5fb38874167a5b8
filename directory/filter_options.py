"""The directory filters' option lists, cached until someone edits a term.

Every directory page lists every theme, region, country, method, language and institute beside
its count (``directory.dimensions.TERMS`` says how each list is read). Those lists change when
an admin edits a vocabulary, not when a profile changes, so they are read once into the shared
cache (every process sees the same version) and read again only after a save or delete of a
term bumps ``VERSION_KEY``. Labels are translated when shown, so one cached copy serves every
language.
"""

from core import freshness

from .dimensions import TERMS, Option
from .models import Profile

VERSION_KEY = "directory:terms-version"
LISTS_KEY = "directory:options:{version}"
LISTS_SECONDS = 24 * 60 * 60
CARD_TERMS_KEY = "directory:card-terms:{version}"
# The relations of Profile whose terms a result card names.
CARD_RELATIONS = ("themes", "regions", "countries")


def changed(**kwargs) -> None:
    """Receiver for any save or delete of a term: the cached lists are out of date."""
    freshness.mark_changed(VERSION_KEY)


def option_lists(version: str | None = None) -> dict[str, list[Option]]:
    """{"theme": [...], "region": ..., "institute": ...}: each term dimension's options, also
    kept in this process's memory (never changed by their readers). ``version``: the
    vocabularies' token, when the caller has read it already."""
    return freshness.kept(
        lambda: LISTS_KEY.format(version=version or freshness.current(VERSION_KEY)[0]),
        read,
        LISTS_SECONDS,
        remember=True,
    )


def read() -> dict[str, list[Option]]:
    return {dimension.name: dimension.options() for dimension in TERMS}


def card_terms(version: str | None = None) -> dict[str, dict[int, tuple[int, str]]]:
    """{"themes": {id: (place, name)}, "regions": ..., "countries": ...}, the place being the
    term's in its vocabulary's own order: what a result card names for the term ids read with
    it (``directory.filters.Cards``), cached like the option lists (``version`` likewise)."""
    return freshness.kept(
        lambda: CARD_TERMS_KEY.format(version=version or freshness.current(VERSION_KEY)[0]),
        read_card_terms,
        LISTS_SECONDS,
        remember=True,
    )


def read_card_terms() -> dict[str, dict[int, tuple[int, str]]]:
    vocabulary = {r: Profile._meta.get_field(r).related_model for r in CARD_RELATIONS}
    return {
        relation: {
            pk: (place, name)
            for place, (pk, name) in enumerate(model.objects.values_list("pk", "name"))
        }
        for relation, model in vocabulary.items()
    }
