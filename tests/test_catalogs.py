"""The translation catalogs: well formed, no guess shown as a translation, placeholders intact.

A broken placeholder would raise at run time in the page that uses it (``"%(name)s"`` missing
from the translation of ``"Welcome, %(name)s"`` is a KeyError in French only); these tests catch
it here instead. The completeness check (every message of the code translated in every
language) runs only with ``CATALOGS_COMPLETE=1``: strings are added all the time, and the
catalogs are refreshed and completed at a string freeze (``make messages``).
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
NPLURALS = {"ar": 6, "zh_Hans": 1, "fr": 2, "ru": 3, "es": 2}
DOMAINS = ("django", "djangojs")
CATALOGS = [(code, domain) for code in NPLURALS for domain in DOMAINS]
KEEP_POT = ("--keep-pot", "--ignore=.venv", "--ignore=var")

# %(name)s, %s, %d, %.1f ... (not %%), and {} / {name} / {0} for str.format.
PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
BRACES = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


def catalog(code: str, domain: str) -> polib.POFile:
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing"
    return polib.pofile(str(path))  # raises on a malformed file


def placeholders(text: str) -> Counter:
    found = Counter()
    for match in PERCENT.finditer(text.replace("%%", "")):
        found[match.group(0) if match.group(1) is None else f"%({match.group(1)})"] += 1
    for match in BRACES.finditer(text):
        found["{" + match.group(1) + "}"] += 1
    return found


def placeholder_problems(entry: polib.POEntry) -> list[str]:
    """What a translated entry breaks: a placeholder missing, added or renamed."""
    problems = []
    if not entry.msgid_plural:
        if entry.msgstr and placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(f"{entry.msgid!r} -> {entry.msgstr!r}")
        return problems
    source = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
    for index, form in entry.msgstr_plural.items():
        if not form:
            continue
        found = placeholders(form)
        # A form may leave the number out ("one notification", Arabic's "two notifications"),
        # never add or rename one, and keep every other placeholder.
        extra = found - source
        missing = {p for p in source if p not in found and not p.startswith(("%(count", "%d"))}
        if extra or missing or (len(source) == 1 and sum(found.values()) > 1):
            problems.append(f"{entry.msgid!r}[{index}] -> {form!r}")
    return problems


def placeholders_of_msgid_match_plural(entry: polib.POEntry) -> bool:
    return not entry.msgid_plural or set(placeholders(entry.msgid)) <= set(
        placeholders(entry.msgid_plural)
    )


@pytest.mark.parametrize(("code", "domain"), CATALOGS)
def test_the_header_says_the_language_and_its_plural_forms(code, domain):
    po = catalog(code, domain)
    assert not po.metadata_is_fuzzy, "a fuzzy header makes the compilers skip the whole catalog"
    assert po.metadata["Language"] == code
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    nplurals = re.search(r"nplurals=(\d+);", po.metadata["Plural-Forms"])
    assert nplurals and int(nplurals.group(1)) == NPLURALS[code]


@pytest.mark.parametrize(("code", "domain"), CATALOGS)
def test_no_entry_is_fuzzy(code, domain):
    fuzzy = [entry.msgid for entry in catalog(code, domain) if "fuzzy" in entry.flags]
    assert fuzzy == [], "msgmerge's guesses must be translated or emptied (locale/fill.py)"


@pytest.mark.parametrize(("code", "domain"), CATALOGS)
def test_every_plural_entry_has_the_languages_number_of_forms(code, domain):
    wrong = [
        (entry.msgid, sorted(entry.msgstr_plural))
        for entry in catalog(code, domain)
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(NPLURALS[code]))
    ]
    assert wrong == []


@pytest.mark.parametrize(("code", "domain"), CATALOGS)
def test_a_plural_entry_is_translated_in_every_form_or_none(code, domain):
    half = [
        entry.msgid
        for entry in catalog(code, domain)
        if entry.msgid_plural
        and any(entry.msgstr_plural.values())
        and not all(entry.msgstr_plural.values())
    ]
    assert half == []


@pytest.mark.parametrize(("code", "domain"), CATALOGS)
def test_translations_keep_the_placeholders(code, domain):
    problems = [p for entry in catalog(code, domain) for p in placeholder_problems(entry)]
    assert problems == []


@pytest.mark.parametrize(
    ("msgid", "msgstr", "broken"),
    [
        ("Welcome, %(name)s", "Bienvenue, %(name)s", False),
        ("Welcome, %(name)s", "Bienvenue, %(nom)s", True),
        ("Welcome, %(name)s", "Bienvenue", True),
        ("%(percent)s%% complete", "complet à %(percent)s %%", False),
        ("%s and %s", "%s et", True),
        ("{} new", "{} nouveaux", False),
        ("{count} new", "{} nouveaux", True),
        ("Done", "Fait {}", True),
    ],
)
def test_the_placeholder_check_bites(msgid, msgstr, broken):
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
    assert bool(placeholder_problems(entry)) is broken


def test_the_plural_placeholder_check_bites():
    entry = polib.POEntry(
        msgid="%(count)d new post in %(title)s",
        msgid_plural="%(count)d new posts in %(title)s",
        msgstr_plural={0: "одно сообщение в %(title)s", 1: "%(count)d в %(title)s", 2: "%(n)d"},
    )
    assert placeholder_problems(entry) == [f"{entry.msgid!r}[2] -> '%(n)d'"]


def test_the_compiled_catalogs_translate():
    """What `make install` (or the test session's start) compiled is what Django reads."""
    from django.utils import translation

    with translation.override("fr"):
        assert translation.gettext("Sign in") == "Se connecter"
    with translation.override("ar"):
        assert translation.gettext("Germany") == "ألمانيا"


def source_messages(workdir: Path) -> set[tuple[str, str | None, str]]:
    """Every message the code marks, from makemessages run on a copy of the sources."""
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "var", "locale", "tests", "bench", "__pycache__", "*.mo", "*.po"
    )
    shutil.copytree(ROOT, workdir, ignore=ignore)
    try:
        (workdir / "locale").mkdir()
        messages = set()
        for domain in DOMAINS:
            subprocess.run(
                [sys.executable, "manage.py", "makemessages", "-l", "ar", "-d", domain, *KEEP_POT],
                cwd=workdir,
                env={**os.environ, "DEBUG": "1"},
                check=True,
                capture_output=True,
            )
            pot = polib.pofile(str(workdir / "locale" / f"{domain}.pot"))
            messages |= {(domain, entry.msgctxt, entry.msgid) for entry in pot}
        return messages
    finally:
        shutil.rmtree(workdir)


@pytest.mark.skipif(
    os.environ.get("CATALOGS_COMPLETE") != "1",
    reason="completeness is checked after the string freeze: CATALOGS_COMPLETE=1",
)
def test_every_message_is_translated_in_every_language(tmp_path):
    expected = source_messages(tmp_path / "sources")
    missing = {}
    for code in NPLURALS:
        translated = set()
        for domain in DOMAINS:
            for entry in catalog(code, domain):
                forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
                if all(forms):
                    translated.add((domain, entry.msgctxt, entry.msgid))
        absent = sorted(m[2] for m in expected - translated)
        if absent:
            missing[code] = (len(absent), absent[:5])
    assert missing == {}, "run `make messages` and translate (locale/translations/)"
