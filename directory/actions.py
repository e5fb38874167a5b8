"""Every write of the directory: permission, rate limit, one transaction, search kept fresh."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import record
from audit.models import Action
from core.markup import render_markdown
from core.ratelimit import consume
from core.text import clean_display_text

from . import dimensions, indexing, permissions, search
from .models import Keyword, OrcidImport, Profile, Publication, Theme
from .orcid import normalize_orcid
from .tasks import import_orcid_works

MAX_KEYWORDS = 20


def ensure_profile(user) -> Profile:
    """The member's profile, created on first need (membership signal or first visit)."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def record_verified_orcid(user, orcid: str) -> None:
    """The iD ``user`` proved by signing in with ORCID goes on their profile, marked verified."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:  # not a member yet: written when the profile is made
        return
    try:
        orcid = normalize_orcid(orcid)
    except ValidationError:
        return
    profile.orcid, profile.orcid_verified = orcid, True
    profile.save(update_fields=["orcid", "orcid_verified"])


def forget_verified_orcid(user, orcid: str) -> None:
    """ORCID was disconnected: the iD stays on the profile, no longer marked verified."""
    Profile.objects.filter(user=user, orcid=orcid).update(orcid_verified=False)


def _require_editor(user, profile) -> None:
    if not permissions.can_edit_profile(user, profile):
        raise PermissionDenied(_("You can only edit your own profile."))


def normalize_keyword(name: str) -> str:
    return re.sub(r"\s+", " ", search.fold(clean_display_text(name))).strip(" ,;.")[:80]


def resolve_keywords(user, names: list[str]) -> tuple[list[Keyword], set[Theme]]:
    """Keywords for the typed names: known ones reused, synonyms mapped, new ones proposed."""
    keywords, themes = [], set()
    for name in names[:MAX_KEYWORDS]:
        normalized = normalize_keyword(name)
        if not normalized:
            continue
        keyword, _created = Keyword.objects.get_or_create(
            normalized=normalized,
            defaults={"name": clean_display_text(name)[:80], "proposed_by": user},
        )
        if keyword.status in {Keyword.Status.SYNONYM, Keyword.Status.MERGED}:
            if keyword.synonym_of_theme_id:
                themes.add(keyword.synonym_of_theme)
                continue
            keyword = keyword.synonym_of
        if keyword not in keywords:
            keywords.append(keyword)
    return keywords, themes


class ProfileConflict(Exception):
    """The profile was saved (another tab, another device) after the form was loaded."""

    def __init__(self, current: Profile):
        super().__init__(current.pk)
        self.current = current


def version_token(profile: Profile) -> str:
    """What a profile form carries to tell whether the profile was saved since it was loaded."""
    return profile.updated.isoformat() if profile.updated else ""


# What a member edits on their profile besides its vocabularies; the yes/no flags come from their
# one declaration in directory/dimensions.py.
EDITABLE_FIELDS = (
    "position",
    "affiliations",
    "biography",
    "language",
    "orcid",
    "links",
    "visibility",
    "show_email",
)


@transaction.atomic
def update_profile(user, profile, data: dict, *, expected_version: str | None = None) -> Profile:
    """Save the profile form: fields, relations, keywords, rendered biography. With
    ``expected_version`` (``version_token`` of the profile the form showed), a profile saved
    since then is not overwritten: ``ProfileConflict``."""
    _require_editor(user, profile)
    consume(user, "directory.edit")
    if expected_version:
        current = Profile.objects.select_for_update().get(pk=profile.pk)
        if version_token(current) != expected_version:
            raise ProfileConflict(current)
    # Read from the database: a bound ModelForm has already put the new value on ``profile``.
    old_orcid = Profile.objects.filter(pk=profile.pk).values_list("orcid", flat=True).first()
    with indexing.deferred():
        for name in EDITABLE_FIELDS + tuple(flag.field for flag in dimensions.FLAGS):
            if name in data:
                setattr(profile, name, data[name])
        profile.biography_html = render_markdown(profile.biography) if profile.biography else ""
        if profile.orcid != old_orcid:
            profile.orcid_verified = False  # a typed iD is not the one proved at sign-in
        profile.save()
        keywords, keyword_themes = resolve_keywords(user, data.get("keyword_names", []))
        profile.themes.set([*data.get("themes", []), *keyword_themes])
        profile.keywords.set(keywords)
        for name in ("methods", "countries", "regions", "languages"):
            if name in data:
                getattr(profile, name).set(data[name])
    return profile


@transaction.atomic
def set_photo(user, profile, photo_file) -> None:
    """Store an already processed photo (directory.photos.process_photo)."""
    _require_editor(user, profile)
    consume(user, "directory.edit")
    old = profile.photo.name if profile.photo else ""
    profile.photo.save(photo_file.name, photo_file, save=True)
    if old:
        transaction.on_commit(lambda: profile.photo.storage.delete(old))


@transaction.atomic
def remove_photo(user, profile) -> None:
    _require_editor(user, profile)
    consume(user, "directory.edit")
    old = profile.photo.name if profile.photo else ""
    profile.photo = ""
    profile.save(update_fields=["photo", "updated"])
    if old:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def add_publication(user, profile, data: dict) -> Publication:
    _require_editor(user, profile)
    consume(user, "directory.edit")
    if data.get("doi") and profile.publications.filter(doi=data["doi"]).exists():
        raise ValidationError(_("A publication with this DOI is already on your profile."))
    return Publication.objects.create(profile=profile, **data)


@transaction.atomic
def delete_publication(user, publication) -> None:
    _require_editor(user, publication.profile)
    consume(user, "directory.edit")
    publication.delete()


@transaction.atomic
def start_orcid_import(user, profile, orcid: str) -> OrcidImport:
    """Queue a fetch of the member's public works; they review the result before anything is
    added. The iD is remembered on the profile."""
    _require_editor(user, profile)
    consume(user, "directory.orcid_import")
    if profile.orcid_imports.filter(
        status__in=[OrcidImport.Status.QUEUED, OrcidImport.Status.FETCHING]
    ).exists():
        raise ValidationError(_("An import is already running."))
    if profile.orcid != orcid:
        profile.orcid = orcid
        profile.save(update_fields=["orcid", "updated"])
    orcid_import = OrcidImport.objects.create(profile=profile, orcid=orcid)
    transaction.on_commit(lambda: import_orcid_works.enqueue(orcid_import.pk))
    return orcid_import


@transaction.atomic
def apply_orcid_import(user, orcid_import, put_codes) -> int:
    """Add the works the member chose; works already on the profile are skipped."""
    profile = orcid_import.profile
    _require_editor(user, profile)
    consume(user, "directory.edit")
    orcid_import = OrcidImport.objects.select_for_update().get(pk=orcid_import.pk)
    if orcid_import.status != OrcidImport.Status.READY:
        raise ValidationError(_("This import has already been handled."))
    chosen = {int(code) for code in put_codes}
    added = 0
    with indexing.deferred():
        for work in orcid_import.candidates:
            if work["put_code"] not in chosen:
                continue
            try:
                with transaction.atomic():
                    Publication.objects.create(
                        profile=profile,
                        title=work["title"],
                        year=work["year"],
                        venue=work["venue"],
                        doi=work["doi"],
                        url=work["url"],
                        orcid_put_code=work["put_code"],
                        source=Publication.Source.ORCID,
                    )
            except IntegrityError:
                continue  # added meanwhile (by hand or by another import)
            added += 1
    orcid_import.status = OrcidImport.Status.DONE
    orcid_import.added = added
    orcid_import.save(update_fields=["status", "added"])
    return added


@transaction.atomic
def discard_orcid_import(user, orcid_import) -> None:
    _require_editor(user, orcid_import.profile)
    consume(user, "directory.edit")
    OrcidImport.objects.filter(pk=orcid_import.pk, status=OrcidImport.Status.READY).update(
        status=OrcidImport.Status.DISCARDED
    )


# --- Keyword moderation ----------------------------------------------------------------------

KEYWORD_ACTIONS = {
    Keyword.Status.APPROVED: Action.APPROVE_KEYWORD,
    Keyword.Status.MERGED: Action.MERGE_KEYWORD,
    Keyword.Status.SYNONYM: Action.SYNONYM_KEYWORD,
}


def _require_keyword_moderator(moderator, keyword) -> None:
    if not permissions.can_moderate_keywords(moderator):
        raise PermissionDenied(_("Only moderators decide on keywords."))
    consume(moderator, "directory.edit")
    if keyword.status != Keyword.Status.PROPOSED:
        raise ValidationError(_("This keyword has already been decided."))


def _decide(moderator, keyword, status, *, keyword_target=None, theme_target=None) -> None:
    keyword.status = status
    keyword.synonym_of = keyword_target
    keyword.synonym_of_theme = theme_target
    keyword.decided_by = moderator
    keyword.decided_at = timezone.now()
    keyword.save()
    target = keyword_target or theme_target
    record(
        moderator,
        KEYWORD_ACTIONS[status],
        target=keyword,
        label=keyword.name,
        details=f"→ {target}" if target is not None else "",
    )


def _check_target(keyword, into_keyword, into_theme) -> None:
    if (into_keyword is None) == (into_theme is None):
        raise ValidationError(_("Choose one approved keyword or one theme."))
    if into_keyword is not None and (
        into_keyword.pk == keyword.pk or into_keyword.status != Keyword.Status.APPROVED
    ):
        raise ValidationError(_("Choose an approved keyword other than this one."))


@transaction.atomic
def approve_keyword(moderator, keyword) -> None:
    _require_keyword_moderator(moderator, keyword)
    _decide(moderator, keyword, Keyword.Status.APPROVED)


def _move_to_term(moderator, keyword, status, into_keyword, into_theme) -> int:
    _require_keyword_moderator(moderator, keyword)
    _check_target(keyword, into_keyword, into_theme)
    with indexing.deferred():
        holders = list(keyword.profile_set.all())
        target = into_keyword or into_theme
        target.profile_set.add(*holders)
        keyword.profile_set.clear()
        _decide(moderator, keyword, status, keyword_target=into_keyword, theme_target=into_theme)
    return len(holders)


@transaction.atomic
def merge_keyword(moderator, keyword, *, into_keyword=None, into_theme=None) -> int:
    """A variant or typo of a term: its holders move to the term, and typing it again lands on
    the term. Returns how many profiles moved."""
    return _move_to_term(moderator, keyword, Keyword.Status.MERGED, into_keyword, into_theme)


@transaction.atomic
def record_synonym(moderator, keyword, *, of_keyword=None, of_theme=None) -> int:
    """Another name of a term: holders move to the term, and searching for the synonym finds
    everyone who holds the term."""
    return _move_to_term(moderator, keyword, Keyword.Status.SYNONYM, of_keyword, of_theme)
