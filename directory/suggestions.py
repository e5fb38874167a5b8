"""Expertise suggested by a member's works: themes, methods, regions and countries of the
controlled vocabularies whose names (or parts of them, or an approved synonym) occur in the
titles and venues of the works on the profile. Each suggestion names its evidence: the phrase
found and the works it was found in. Nothing is added without the member's consent: they accept
a suggestion (``accept``) or dismiss it for good (``dismiss``).

Matching is one pass over each work's words with a table of phrases keyed by their first word,
so its cost is linear in the length of the text (phrases are a few words long)."""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.ratelimit import consume

from . import indexing, permissions
from .models import Country, DismissedSuggestion, Keyword, Method, Region, Theme
from .search import fold

# The profile field each kind of term goes to, and its vocabulary.
KINDS = {
    "theme": ("themes", Theme),
    "method": ("methods", Method),
    "region": ("regions", Region),
    "country": ("countries", Country),
}
# Words too general to stand for a term on their own ("Migration and health" is suggested by
# "health", not by "migration").
GENERAL = frozenset(
    [
        "migration",
        "migrant",
        "migrants",
        "mobility",
        "movement",
        "policy",
        "policies",
        "research",
        "data",
        "studies",
        "study",
        "analysis",
        "and",
        "of",
        "the",
        "in",
        "on",
        "for",
        "a",
        "an",
        "to",
    ]
)
PARTS = re.compile(r"\s+and\s+|[,;/()]|\s+-\s+")
WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
MAX_PHRASE_WORDS = 6


def words(text: str) -> list[str]:
    """Folded words, each in a crude singular ("remittances" and "remittance" are one word)."""
    return [_singular(w) for w in WORD.findall(fold(text))]


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def phrases_of(name: str) -> set[tuple[str, ...]]:
    """The phrases that stand for a term: its whole name, and each part of it between "and",
    commas, slashes and brackets that says more than a general word."""
    found = set()
    for part in [name, *PARTS.split(name)]:
        phrase = tuple(words(part))
        if phrase and len(phrase) <= MAX_PHRASE_WORDS and not set(phrase) <= GENERAL:
            found.add(phrase)
    return found


@dataclass
class Suggestion:
    kind: str
    term: object
    phrase: str  # what was found, as the term's vocabulary writes it
    works: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.term.pk}"


def _table() -> dict[str, list[tuple[tuple[str, ...], str, object]]]:
    """First word -> [(phrase, kind, term)], longest phrases first."""
    table = defaultdict(list)
    for kind, (_field, model) in KINDS.items():
        terms = model.objects.all()
        if model in (Theme, Region):
            terms = terms.select_related("parent")  # named beside the term: which focus area
        if model is Theme:
            terms = terms.filter(parent__isnull=False)  # themes, not the focus areas above them
        if model is Region:
            terms = terms.exclude(kind=Region.Kind.GLOBAL)
        for term in terms:
            for phrase in phrases_of(term.label):
                table[phrase[0]].append((phrase, kind, term))
            if term.label != term.name:
                for phrase in phrases_of(term.name):
                    table[phrase[0]].append((phrase, kind, term))
    themes = {theme.pk: theme for theme in Theme.objects.select_related("parent")}
    for keyword in Keyword.objects.filter(synonym_of_theme__isnull=False):
        for phrase in phrases_of(keyword.name):
            table[phrase[0]].append((phrase, "theme", themes[keyword.synonym_of_theme_id]))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table


def find(texts: list[tuple[object, str]]) -> list[Suggestion]:
    """Suggestions for ``(work, text)`` pairs, in the order first found, each with its works.
    A phrase inside a longer one found at the same place counts for the longer one only
    ("climate mobility" suggests Climate mobility, not also every term named "climate")."""
    table = _table()
    found: dict[tuple[str, int], Suggestion] = {}
    for work, text in texts:
        tokens = words(text)
        matches = []
        for start, token in enumerate(tokens):
            for phrase, kind, term in table.get(token, ()):
                if tuple(tokens[start : start + len(phrase)]) == phrase:
                    matches.append((start, start + len(phrase), kind, term, phrase))
        kept: list[tuple[int, int]] = []
        for start, end, kind, term, phrase in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
            if any(a <= start and end <= b and (b - a) > (end - start) for a, b in kept):
                continue
            kept.append((start, end))
            suggestion = found.setdefault((kind, term.pk), Suggestion(kind, term, " ".join(phrase)))
            if work not in suggestion.works:
                suggestion.works.append(work)
    return list(found.values())


def for_profile(profile) -> list[Suggestion]:
    """What the profile's works suggest that the profile does not have and the member has not
    dismissed."""
    works = list(profile.publications.all())
    suggestions = find([(work, f"{work.title} {work.venue}") for work in works])
    held = {
        kind: set(getattr(profile, name).values_list("pk", flat=True))
        for kind, (name, _model) in KINDS.items()
    }
    dismissed = set(
        DismissedSuggestion.objects.filter(profile=profile).values_list("kind", "term_id")
    )
    return [
        s
        for s in suggestions
        if s.term.pk not in held[s.kind] and (s.kind, s.term.pk) not in dismissed
    ]


def _term(kind: str, term_id: int):
    if kind not in KINDS:
        raise ValueError(kind)
    return KINDS[kind][1].objects.get(pk=term_id)


def _require_editor(user, profile) -> None:
    if not permissions.can_edit_profile(user, profile):
        raise PermissionDenied(_("You can only edit your own profile."))


@transaction.atomic
def accept(user, profile, kind: str, term_id: int):
    """Add the suggested term to the profile."""
    _require_editor(user, profile)
    consume(user, "directory.edit")
    term = _term(kind, term_id)
    with indexing.deferred():
        getattr(profile, KINDS[kind][0]).add(term)
        profile.save(update_fields=["updated"])
    return term


@transaction.atomic
def dismiss(user, profile, kind: str, term_id: int):
    """Never suggest this term to this profile again."""
    _require_editor(user, profile)
    consume(user, "directory.edit")
    term = _term(kind, term_id)
    DismissedSuggestion.objects.get_or_create(profile=profile, kind=kind, term_id=term.pk)
    return term
