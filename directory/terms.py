"""The vocabularies as the directory's filters list them, cached until someone edits a term.

Every directory page lists every theme, region, country, method, language and institute beside
its count. Those lists change when an admin edits a vocabulary, not when a profile changes, so
they are read once into the shared cache (every process sees the same version) and read again
only after a save or delete of a term bumps ``VERSION_KEY``. Labels are translated when shown, so
one cached copy serves every language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from core import freshness

VERSION_KEY = "directory:terms-version"
LISTS_KEY = "directory:terms:{version}"
LISTS_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Term:
    pk: int
    name: str
    value: str  # what the URL carries: a slug, a code or an acronym
    depth: int = 0
    translated: bool = True  # vocabulary names are; institutes' acronyms are not

    @property
    def label(self) -> str:
        return gettext(self.name) if self.translated else self.name


def changed(**kwargs) -> None:
    """Receiver for any save or delete of a term: the cached lists are out of date."""
    freshness.mark_changed(VERSION_KEY)


def facet_terms() -> dict[str, list[Term]]:
    """{"theme": [...], "region": ..., "country": ..., "method": ..., "language": ...,
    "institute": ...}, each in the order the filters show them."""
    return freshness.kept(
        lambda: LISTS_KEY.format(version=freshness.current(VERSION_KEY)[0]), read, LISTS_SECONDS
    )


def read() -> dict[str, list[Term]]:
    from accounts.models import Institute

    from .models import Country, Language, Method, Region, Theme

    themes = [
        Term(theme.pk, theme.name, theme.slug, 0 if theme.is_focus_area else 1)
        for area in Theme.objects.focus_areas().prefetch_related("children")
        for theme in (area, *area.children.all())
    ]
    regions = [
        Term(region.pk, region.name, region.code, depth(region))
        # Antarctica (010) has no researchers' countries beneath it worth a filter.
        for region in Region.objects.exclude(code="010").select_related("parent")
    ]
    return {
        "theme": themes,
        "region": regions,
        "country": [Term(c.pk, c.name, c.code) for c in Country.objects.only("name", "code")],
        "method": [Term(m.pk, m.name, m.slug) for m in Method.objects.only("name", "slug")],
        "language": [Term(x.pk, x.name, x.code) for x in Language.objects.only("name", "code")],
        "institute": [
            Term(i.pk, i.acronym, i.acronym, translated=False)
            for i in Institute.objects.only("acronym", "name")
        ],
    }


def depth(region) -> int:
    if region.parent_id is None:
        return 0
    return 2 if region.parent.parent_id else 1
