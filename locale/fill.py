"""Fill the catalogs (locale/<code>/LC_MESSAGES/*.po) from the translations kept in
locale/translations/, and the names of countries, regions and languages from CLDR (Babel).

``make messages`` runs it after ``makemessages``; run it alone after editing a translations file:
``.venv/bin/python locale/fill.py`` (then ``make catalogs``).

The translation files are the source of truth, so a catalog regenerated from the code loses
nothing: each holds blocks separated by blank lines, one block per message::

    Research outputs
    ar: ...
    zh: ...
    fr: Publications
    ru: ...
    es: Publicaciones

A plural message adds ``plural: <msgid_plural>`` after its first line and gives each language
its forms separated by `` | `` (Arabic six, Russian three, Chinese one, French and Spanish
two). ``context: <msgctxt>`` before the first line names a context. ``\\n`` is a line break.
Lines starting with ``#`` are comments.

Every header gets the language's Plural-Forms; a fuzzy entry (msgmerge's guess from a similar
message) is emptied rather than kept, so a guess is never shown as a translation.
"""

import csv
import importlib.util
import io
import sys
from pathlib import Path

import polib
from babel import Locale
from django.conf import settings

LOCALE_DIR = Path(__file__).resolve().parent
ROOT = LOCALE_DIR.parent
TRANSLATIONS_DIR = LOCALE_DIR / "translations"
DOMAINS = ("django", "djangojs")

# Catalog folder -> (short key in translation files, CLDR locale, Plural-Forms).
LANGUAGES = {
    "ar": (
        "ar",
        "ar",
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 && n%100<=99 ? 4 : 5;",
    ),
    "zh_Hans": ("zh", "zh_Hans", "nplurals=1; plural=0;"),
    "fr": ("fr", "fr", "nplurals=2; plural=(n > 1);"),
    "ru": (
        "ru",
        "ru",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
    ),
    "es": ("es", "es", "nplurals=2; plural=(n != 1);"),
}
NPLURALS = {"ar": 6, "zh": 1, "fr": 2, "ru": 3, "es": 2}


def unescape(text: str) -> str:
    return text.replace("\\n", "\n")


def read_translations() -> dict:
    """``{(context, msgid): {"plural": str | None, "ar": str | [forms], ...}}`` from every file."""
    table = {}
    for path in sorted(TRANSLATIONS_DIR.glob("*.txt")):
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        for number, block in enumerate(blocks, 1):
            lines = [line for line in block.split("\n") if line and not line.startswith("#")]
            if not lines:
                continue
            context = None
            if lines[0].startswith("context: "):
                context = lines.pop(0)[len("context: ") :]
            entry = {"plural": None}
            msgid = unescape(lines[0])
            for line in lines[1:]:
                key, sep, value = line.partition(": ")
                if not sep:
                    sys.exit(f"{path.name}, block {number}: no 'code: ' in {line!r}")
                entry[key] = unescape(value)
            if entry["plural"] is not None:
                for code, count in NPLURALS.items():
                    if code in entry:
                        forms = entry[code].split(" | ")
                        if len(forms) != count:
                            sys.exit(f"{path.name}: {msgid!r} in {code} needs {count} forms")
                        entry[code] = forms
            table[(context, msgid)] = entry
    return table


def vocabulary_names() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list]:
    """(iso2, name) of countries, (code, name) of languages, (m49, name) of regions, as the
    vocabulary migration loaded them (read from it: no database needed)."""
    if not settings.configured:  # the migration marks its names with gettext_noop
        settings.configure(USE_I18N=False)
    path = ROOT / "directory" / "migrations" / "0002_vocabulary_data.py"
    spec = importlib.util.spec_from_file_location("vocabulary_data", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    countries = [(r["iso2"], r["name"]) for r in csv.DictReader(io.StringIO(module.COUNTRIES_CSV))]
    languages = [(r["code"], r["name"]) for r in csv.DictReader(io.StringIO(module.LANGUAGES_CSV))]
    regions = [(code, str(name)) for code, name, *_ in module.REGIONS]
    return countries, languages, regions


def cldr_names(cldr: str) -> dict[str, str]:
    """English vocabulary name -> the CLDR name in ``cldr``, capitalised as a label."""
    locale = Locale.parse(cldr)
    countries, languages, regions = vocabulary_names()
    names = {}
    for source, pairs in ((locale.territories, countries + regions), (locale.languages, languages)):
        for code, english in pairs:
            name = source.get(code)
            if name:
                names[english] = name[:1].upper() + name[1:]
    return names


def fill(po: polib.POFile, folder: str, plural_forms: str, table: dict, names: dict) -> int:
    key = LANGUAGES[folder][0]
    po.metadata.update(
        {
            "Project-Id-Version": "Migration Network",
            "Language": folder,
            "Plural-Forms": plural_forms,
            "Content-Type": "text/plain; charset=UTF-8",
        }
    )
    po.metadata_is_fuzzy = False
    filled = 0
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        found = table.get((entry.msgctxt, entry.msgid), {})
        if entry.msgid_plural:
            forms = found.get(key)
            if isinstance(forms, list):
                entry.msgstr_plural = dict(enumerate(forms))
                filled += 1
            elif len(entry.msgstr_plural) != NPLURALS[key] or not any(entry.msgstr_plural.values()):
                entry.msgstr_plural = dict.fromkeys(range(NPLURALS[key]), "")
        elif found.get(key):
            entry.msgstr = found[key]
            filled += 1
        elif entry.msgid in names and not entry.msgctxt:
            entry.msgstr = names[entry.msgid]
            filled += 1
    return filled


def main() -> None:
    table = read_translations()
    for folder, (_key, cldr, plural_forms) in LANGUAGES.items():
        names = cldr_names(cldr)
        for domain in DOMAINS:
            path = LOCALE_DIR / folder / "LC_MESSAGES" / f"{domain}.po"
            if not path.exists():
                continue
            po = polib.pofile(str(path), wrapwidth=79)
            filled = fill(po, folder, plural_forms, table, names)
            po.save()
            print(f"{path.relative_to(ROOT)}: {filled} of {len(po)} translated")


if __name__ == "__main__":
    main()
