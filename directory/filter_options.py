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

VERSION_KEY = "directory:terms-version"
LISTS_KEY = "directory:options:{version}"
LISTS_SECONDS = 24 * 60 * 60


def changed(**kwargs) -> None:
    """Receiver for any save or delete of a term: the cached lists are out of date."""
    freshness.mark_changed(VERSION_KEY)


def option_lists() -> dict[str, list[Option]]:
    """{"theme": [...], "region": ..., "institute": ...}: each term dimension's options."""
    return freshness.kept(
        lambda: LISTS_KEY.format(version=freshness.current(VERSION_KEY)[0]), read, LISTS_SECONDS
    )


def read() -> dict[str, list[Option]]:
    return {dimension.name: dimension.options() for dimension in TERMS}
