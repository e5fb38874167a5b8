"""Every invitation write: moderators invite, resend and revoke; an invitee's sign-up accepts.

Acts of moderators are recorded in the audit log; emails go out after commit through
``accounts.tasks.send_email`` (at once in the embedded default, by the worker in production).
"""

import csv
import io
from dataclasses import dataclass
from email.utils import getaddresses

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.actions import admit_by_invitation
from accounts.models import User
from audit.actions import record
from audit.models import Action
from core import ratelimit
from core.text import clean_display_text

from . import emails
from .models import Invitation, expiry_from

# The most addresses one pasted list or one imported file may hold.
MAX_ADDRESSES = 200
MAX_IMPORT_BYTES = 256 * 1024


@dataclass
class Invitee:
    email: str
    name: str = ""
    line: int = 0
    problem: str = ""


def parse_addresses(text: str) -> list[Invitee]:
    """Addresses pasted one a line or separated by commas or semicolons, each optionally as
    ``Name <address>``; read in one pass."""
    invitees = []
    for line_number, line in enumerate((text or "").splitlines(), start=1):
        for chunk in line.replace(";", ",").split(","):
            chunk = chunk.strip()
            if not chunk:
                continue
            name, address = getaddresses([chunk])[0]
            invitees.append(Invitee(email=address or chunk, name=name, line=line_number))
            if len(invitees) > MAX_ADDRESSES:
                raise ValidationError(
                    _("Invite at most %(max)d people at once.") % {"max": MAX_ADDRESSES},
                    code="too_many",
                )
    if not invitees:
        raise ValidationError(_("Enter at least one email address."), code="required")
    return invitees


def parse_researcher_list(data: bytes) -> list[Invitee]:
    """An institute's researcher list as CSV: a header naming an ``email`` column (and
    optionally ``name``), or rows whose cell with an @ is the address and the rest the name."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)d KB.") % {"size": MAX_IMPORT_BYTES // 1024},
            code="too_large",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Save the file as CSV in UTF-8."), code="encoding") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    email_column = next((i for i, cell in enumerate(header) if "mail" in cell), None)
    name_column = next((i for i, cell in enumerate(header) if "name" in cell), None)
    start = 1 if email_column is not None else 0
    invitees = []
    for line_number, row in enumerate(rows[start:], start=start + 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if email_column is not None:
            email = cells[email_column] if email_column < len(cells) else ""
            name = (
                cells[name_column] if name_column is not None and name_column < len(cells) else ""
            )
        else:
            email = next((cell for cell in cells if "@" in cell), "")
            name = " ".join(cell for cell in cells if cell and cell != email)
        invitees.append(Invitee(email=email, name=name, line=line_number))
        if len(invitees) > MAX_ADDRESSES:
            raise ValidationError(
                _("Import at most %(max)d people at once.") % {"max": MAX_ADDRESSES},
                code="too_many",
            )
    if not invitees:
        raise ValidationError(_("The file holds no addresses."), code="empty")
    return invitees


def check_invitees(invitees: list[Invitee]) -> list[Invitee]:
    """Say for each invitee why they cannot be invited (``problem``), or leave it empty.

    Three queries whatever the number: existing accounts, their addresses, pending invitations.
    """
    seen = set()
    for invitee in invitees:
        invitee.email = invitee.email.strip().lower()
        invitee.name = clean_display_text(invitee.name)[:120]
        try:
            validate_email(invitee.email)
        except ValidationError:
            invitee.problem = _("not an email address")
            continue
        if invitee.email in seen:
            invitee.problem = _("listed twice")
        seen.add(invitee.email)
    addresses = [i.email for i in invitees if not i.problem]
    known = set(
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=addresses)
        .values_list("address", flat=True)
    ) | set(
        EmailAddress.objects.annotate(address=Lower("email"))
        .filter(address__in=addresses)
        .values_list("address", flat=True)
    )
    pending = {
        e.lower()
        for e in Invitation.objects.pending()
        .filter(email__in=addresses)
        .values_list("email", flat=True)
    }
    for invitee in invitees:
        if invitee.problem:
            continue
        if invitee.email in known:
            invitee.problem = _("already has an account")
        elif invitee.email in pending:
            invitee.problem = _("already invited")
    return invitees


def _require_moderator(moderator) -> None:
    if not permissions.is_moderator(moderator):
        raise PermissionDenied(_("Only moderators invite people."))


@transaction.atomic
def invite(
    moderator, invitees: list[Invitee], *, institute=None, source: str = "", language: str = ""
) -> list:
    """Invite everyone in ``invitees`` who can be invited, in ``language`` (by default the
    moderator's); returns the invitations made. Those who cannot be are left with their
    ``problem`` set."""
    _require_moderator(moderator)
    language = language if language in dict(settings.LANGUAGES) else moderator.email_language
    check_invitees(invitees)
    made = []
    now = timezone.now()
    for invitee in invitees:
        if invitee.problem:
            continue
        ratelimit.consume(moderator, "invitations.send")
        invitation = Invitation.objects.create(
            email=invitee.email,
            name=invitee.name,
            institute=institute,
            invited_by=moderator,
            language=language,
            sent_at=now,
            expires_at=expiry_from(now),
        )
        record(
            moderator,
            Action.INVITE,
            target=invitation,
            label=invitation.email,
            details=" · ".join(part for part in (institute and institute.acronym, source) if part),
        )
        made.append(invitation)
    transaction.on_commit(lambda: [emails.invitation(invitation) for invitation in made])
    return made


def _pending_locked(invitation) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",)).select_related("institute", "invited_by")
    ).get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("This invitation is no longer pending."), code="not_pending")
    return invitation


@transaction.atomic
def resend(moderator, invitation: Invitation) -> Invitation:
    """Send the invitation again, with the same link, valid for another full period."""
    _require_moderator(moderator)
    ratelimit.consume(moderator, "invitations.send")
    invitation = _pending_locked(invitation)
    invitation.sent_at = timezone.now()
    invitation.expires_at = expiry_from(invitation.sent_at)
    invitation.send_count += 1
    invitation.save(update_fields=["sent_at", "expires_at", "send_count"])
    record(moderator, Action.RESEND_INVITATION, target=invitation, label=invitation.email)
    transaction.on_commit(lambda: emails.invitation(invitation))
    return invitation


@transaction.atomic
def revoke(moderator, invitation: Invitation, *, reason: str = "") -> Invitation:
    _require_moderator(moderator)
    ratelimit.consume(moderator, "accounts.moderate")
    invitation = _pending_locked(invitation)
    invitation.status = Invitation.Status.REVOKED
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["status", "revoked_at"])
    record(
        moderator,
        Action.REVOKE_INVITATION,
        target=invitation,
        label=invitation.email,
        reason=reason,
    )
    return invitation


@transaction.atomic
def accept(user: User, token: str) -> Invitation | None:
    """``user`` signed up through the invitation with ``token``: they join as a member, if the
    invitation is still usable and was sent to one of their verified addresses."""
    invitation = (
        (
            Invitation.objects.select_for_update(of=("self",)).select_related(
                "institute", "invited_by"
            )
        )
        .filter(token=token)
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return None
    verified = EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()
    if not verified:
        return None
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
    admit_by_invitation(user, institute=invitation.institute, invited_by=invitation.invited_by)
    return invitation
