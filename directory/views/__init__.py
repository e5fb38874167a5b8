"""The directory's pages, one module per topic: ``browse`` (the directory, its export, the
overview, collaborators), ``profiles`` (one person's pages), ``editing`` (a member's own profile),
``suggestions`` (expertise suggested by a member's works) and ``keywords`` (the moderators'
keyword queue). ``directory/urls.py`` names them from here."""

from .browse import PAGE_SIZE, collaborators, csv_safe, export_csv, index, overview
from .cards import card
from .editing import (
    add_publication,
    delete_publication,
    edit,
    orcid_import,
    remove_photo,
    start_orcid_import,
    upload_photo,
)
from .keywords import decide_keyword, keyword_queue
from .profiles import contact, json_ld, photo, profile, public_photo, public_profile, vcard
from .suggestions import suggestions_page

__all__ = [
    "PAGE_SIZE",
    "add_publication",
    "card",
    "collaborators",
    "contact",
    "csv_safe",
    "decide_keyword",
    "delete_publication",
    "edit",
    "export_csv",
    "index",
    "json_ld",
    "keyword_queue",
    "orcid_import",
    "overview",
    "photo",
    "profile",
    "public_photo",
    "public_profile",
    "remove_photo",
    "start_orcid_import",
    "suggestions_page",
    "upload_photo",
    "vcard",
]
