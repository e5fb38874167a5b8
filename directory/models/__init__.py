"""Who knows what, in two modules: ``vocabularies`` (the controlled terms and the keywords members
propose) and ``profiles`` (profiles, who may see one, publications, ORCID imports). Everything is
re-exported here: import from ``directory.models``."""

from .profiles import (
    IS_PUBLIC,
    OWNER_IS_MEMBER,
    PROFILE_FACTS,
    DismissedSuggestion,
    OrcidImport,
    Profile,
    ProfileFact,
    ProfileQuerySet,
    Publication,
    facts_required,
)
from .vocabularies import (
    SDG,
    Country,
    CountryQuerySet,
    Keyword,
    KeywordQuerySet,
    Language,
    Method,
    Region,
    RegionQuerySet,
    Theme,
    ThemeQuerySet,
    VocabularyTerm,
    ids_of,
)

__all__ = [
    "IS_PUBLIC",
    "OWNER_IS_MEMBER",
    "PROFILE_FACTS",
    "SDG",
    "Country",
    "CountryQuerySet",
    "DismissedSuggestion",
    "Keyword",
    "KeywordQuerySet",
    "Language",
    "Method",
    "OrcidImport",
    "Profile",
    "ProfileFact",
    "ProfileQuerySet",
    "Publication",
    "Region",
    "RegionQuerySet",
    "Theme",
    "ThemeQuerySet",
    "VocabularyTerm",
    "facts_required",
    "ids_of",
]
