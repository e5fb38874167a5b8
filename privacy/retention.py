"""How long the product keeps what, in words, read from the settings that the deletions use
(``actions.forget_expired``, ``actions.delete_due_accounts``), so the notice cannot drift."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Period:
    what: str
    kept: str
    then: str


def _days(days: int) -> str:
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def _hours(hours: int) -> str:
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def _seconds(seconds: int) -> str:
    if seconds % 86400 == 0:
        return _days(seconds // 86400)
    return _hours(max(1, round(seconds / 3600)))


def periods() -> list[Period]:
    days = settings.PRIVACY_RETENTION_DAYS
    return [
        Period(
            _("Your account, profile, posts and settings"),
            _("as long as you keep your account"),
            _("deleted when you delete your account (see below)"),
        ),
        Period(
            _("A sign-in session (the session cookie and where you signed in from)"),
            _seconds(settings.SESSION_COOKIE_AGE),
            _("ends and is deleted; signing out ends it at once"),
        ),
        Period(
            _("Emails to you, sent or not yet sent (their queue entry)"),
            _days(days["tasks"]),
            _("deleted, whether sent or not"),
        ),
        Period(
            _("Notifications"),
            _days(days["notifications"]),
            _("deleted"),
        ),
        Period(
            _("Membership history and the audit log (who decided what, when, why)"),
            _days(days["audit"]),
            _("deleted"),
        ),
        Period(
            _("A download of your data"),
            _hours(settings.PRIVACY_EXPORT_HOURS),
            _("the link stops working and the file is deleted"),
        ),
        Period(
            _("An account you asked us to delete"),
            _days(settings.PRIVACY_DELETION_GRACE_DAYS),
            _("deleted, unless you cancel before"),
        ),
    ]
