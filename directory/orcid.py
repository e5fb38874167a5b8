"""ORCID iDs (checksum) and the public API's list of works (v3.0)."""

import json
import re

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ORCID_FORM = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
PREFIXES = ("https://orcid.org/", "http://orcid.org/", "orcid.org/")
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
MAX_WORKS = 1000


class OrcidError(Exception):
    """A failure the member should read about; nothing was changed."""


def check_digit(base_digits: str) -> str:
    """ISO/IEC 7064 MOD 11-2 over the first 15 digits."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    remainder = (12 - total % 11) % 11
    return "X" if remainder == 10 else str(remainder)


def normalize_orcid(value: str) -> str:
    """ "https://orcid.org/0000-0002-1825-0097 " -> "0000-0002-1825-0097", or ValidationError."""
    value = (value or "").strip()
    for prefix in PREFIXES:
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
            break
    value = value.upper()
    if re.fullmatch(r"\d{15}[\dX]", value):
        value = "-".join(value[i : i + 4] for i in range(0, 16, 4))
    if not ORCID_FORM.match(value):
        raise ValidationError(_("An ORCID iD looks like 0000-0002-1825-0097."), code="form")
    digits = value.replace("-", "")
    if check_digit(digits[:15]) != digits[15]:
        raise ValidationError(
            _("This is not a valid ORCID iD: its last character does not match (checksum)."),
            code="checksum",
        )
    return value


def normalize_doi(value: str) -> str:
    value = (value or "").strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
    return value.lower()[:200]


def fetch_works(orcid: str) -> list[dict]:
    """The member's public works, one per group: [{put_code, title, year, venue, doi, url}]."""
    url = f"{settings.ORCID_API_URL}/v3.0/{orcid}/works"
    try:
        response = requests.get(
            url,
            headers={"Accept": "application/json"},
            timeout=settings.ORCID_API_TIMEOUT,
            stream=True,
        )
        body = response.raw.read(MAX_RESPONSE_BYTES + 1, decode_content=True)
    except requests.Timeout:
        raise OrcidError(_("ORCID did not answer in time. Please try again later.")) from None
    except (requests.RequestException, OSError):
        raise OrcidError(_("ORCID could not be reached. Please try again later.")) from None
    if response.status_code == 404:
        raise OrcidError(_("ORCID does not know this iD."))
    if response.status_code != 200:
        raise OrcidError(
            _("ORCID answered with an error (%(status)s). Please try again later.")
            % {"status": response.status_code}
        )
    if len(body) > MAX_RESPONSE_BYTES:
        raise OrcidError(_("ORCID sent more data than we can read."))
    try:
        return parse_works(json.loads(body))
    except (ValueError, TypeError, AttributeError, KeyError):
        raise OrcidError(_("ORCID sent an answer we could not understand.")) from None


def _value(node, *path):
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def parse_works(data: dict) -> list[dict]:
    if not isinstance(data, dict) or not isinstance(data.get("group", []), list):
        raise ValueError("not a works answer")
    works = []
    for group in data.get("group") or []:
        summaries = group.get("work-summary") or []
        if not summaries:
            continue
        summary = summaries[0]
        title = _value(summary, "title", "title", "value")
        put_code = summary.get("put-code")
        if not title or not isinstance(put_code, int):
            continue
        year = _value(summary, "publication-date", "year", "value")
        doi = ""
        for external in _value(summary, "external-ids", "external-id") or []:
            if (external.get("external-id-type") or "").lower() == "doi":
                doi = normalize_doi(str(external.get("external-id-value") or ""))
                break
        link = _value(summary, "url", "value") or ""
        works.append(
            {
                "put_code": put_code,
                "title": str(title)[:500],
                "year": int(year) if year and str(year).isdigit() else None,
                "venue": str(_value(summary, "journal-title", "value") or "")[:300],
                "doi": doi,
                "url": str(link)[:500] if str(link).startswith(("https://", "http://")) else "",
                "type": str(summary.get("type") or ""),
            }
        )
        if len(works) >= MAX_WORKS:
            break
    return works
