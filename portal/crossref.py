"""A work's metadata from Crossref's REST API, to prefill a research output from its DOI.

One bounded synchronous call (``CROSSREF_API_TIMEOUT`` seconds, at most ``MAX_RESPONSE_BYTES``
read) while the member waits; every failure is a ``CrossrefError`` with a message to show.
"""

import html
import json
import re
from datetime import date
from urllib.parse import quote

import nh3
import requests
from django.conf import settings
from django.utils.translation import gettext as _

MAX_RESPONSE_BYTES = 2 * 1024 * 1024
MAX_AUTHORS = 50
BLOCK_END = re.compile(r"</(?:jats:)?(?:p|title|sec)\s*>", re.IGNORECASE)
# Crossref's work types, as the portal's kinds of output.
KINDS = {
    "journal-article": "article",
    "proceedings-article": "article",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-chapter": "book",
    "report": "report",
    "report-series": "report",
    "dataset": "dataset",
    "posted-content": "working_paper",
}


class CrossrefError(Exception):
    """A failure the member should read about; nothing they typed is changed."""


def fetch(doi: str) -> dict:
    """The fields of an output that Crossref knows for ``doi``: any of kind, title, authors (a
    list of names), date, venue and abstract (plain text)."""
    url = f"{settings.CROSSREF_API_URL}/works/{quote(doi, safe='/')}"
    try:
        response = requests.get(
            url,
            headers={
                "Accept": "application/json",
                # Crossref asks callers to say who they are ("polite pool").
                "User-Agent": f"MigrationNetwork/1.0 (mailto:{settings.PORTAL_CONTACT_EMAIL})",
            },
            timeout=settings.CROSSREF_API_TIMEOUT,
            stream=True,
        )
        body = response.raw.read(MAX_RESPONSE_BYTES + 1, decode_content=True)
    except requests.Timeout:
        raise CrossrefError(_("Crossref did not answer in time. Please try again later.")) from None
    except (requests.RequestException, OSError):
        raise CrossrefError(_("Crossref could not be reached. Please try again later.")) from None
    if response.status_code == 404:
        raise CrossrefError(_("Crossref does not know this DOI. Check it, or fill the form in."))
    if response.status_code != 200:
        raise CrossrefError(
            _("Crossref answered with an error (%(status)s). Please try again later.")
            % {"status": response.status_code}
        )
    if len(body) > MAX_RESPONSE_BYTES:
        raise CrossrefError(_("Crossref sent more data than we can read."))
    try:
        return parse_work(json.loads(body))
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        raise CrossrefError(_("Crossref sent an answer we could not understand.")) from None


def _first(values) -> str:
    if isinstance(values, list):
        values = next((value for value in values if isinstance(value, str) and value), "")
    return " ".join(str(values or "").split())


def _plain(markup: str) -> str:
    """JATS or HTML as plain text: tags dropped (by nh3, in linear time), entities decoded."""
    text = html.unescape(nh3.clean(BLOCK_END.sub("\n\n", markup), tags=set()))
    paragraphs = [" ".join(part.split()) for part in text.replace("\r", "").split("\n\n")]
    paragraphs = [part for part in paragraphs if part]
    if paragraphs and paragraphs[0].lower() == "abstract":  # the heading JATS abstracts open with
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _date(work: dict) -> date | None:
    for key in ("published-print", "published-online", "issued", "published", "created"):
        parts = (work.get(key) or {}).get("date-parts") or [[]]
        parts = [int(part) for part in (parts[0] or []) if part is not None]
        if parts:
            year, month, day = [*parts, 1, 1][:3]
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


def _authors(work: dict) -> list[str]:
    names = []
    for person in (work.get("author") or [])[:MAX_AUTHORS]:
        if not isinstance(person, dict):
            continue
        name = " ".join(
            part for part in (person.get("given"), person.get("family")) if isinstance(part, str)
        )
        name = " ".join((name or str(person.get("name") or "")).split())
        if name:
            names.append(name[:200])
    return names


def parse_work(data: dict) -> dict:
    work = data["message"]
    if not isinstance(work, dict):
        raise ValueError("not a work")
    found = {
        "title": _first(work.get("title"))[:300],
        "authors": _authors(work),
        "venue": (_first(work.get("container-title")) or _first(work.get("publisher")))[:300],
        "abstract": _plain(str(work.get("abstract") or ""))[:10_000],
        "kind": KINDS.get(str(work.get("type") or ""), ""),
        "date": _date(work),
    }
    return {key: value for key, value in found.items() if value}
