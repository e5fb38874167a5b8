"""Every write about a member's personal data: downloads, deletion requests, the deletion itself,
and forgetting what the retention periods say is no longer kept."""

from datetime import timedelta

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from accounts.models import MembershipEvent
from audit.models import Entry
from core.ratelimit import consume
from notifications.models import Notification

from . import emails, erasure, tasks
from .models import DataExport, DeletionRequest


def request_export(user) -> DataExport:
    """Ask for a download of everything of ``user``'s; a task builds it and emails the link."""
    consume(user, "privacy.export")
    if user.data_exports.filter(ready_at__isnull=True).exists():
        raise ValidationError(_("Your previous download is still being prepared."))
    data_export = DataExport.objects.create(user=user)
    transaction.on_commit(lambda: tasks.build_data_export.enqueue(data_export.pk))
    return data_export


@transaction.atomic
def request_deletion(user) -> DeletionRequest:
    """Schedule ``user``'s deletion after the grace period; the view has re-authenticated them."""
    consume(user, "privacy.delete")
    due = timezone.now() + timedelta(days=settings.PRIVACY_DELETION_GRACE_DAYS)
    request, created = DeletionRequest.objects.get_or_create(user=user, defaults={"due_at": due})
    if created:
        transaction.on_commit(lambda: emails.deletion_scheduled(request))
    return request


@transaction.atomic
def cancel_deletion(user) -> bool:
    consume(user, "privacy.delete")
    deleted, _rows = DeletionRequest.objects.filter(user=user).delete()
    if deleted:
        transaction.on_commit(lambda: emails.deletion_cancelled(user))
    return bool(deleted)


def delete_due_accounts(now=None) -> int:
    """Delete every account whose grace period is over; return how many."""
    now = now or timezone.now()
    count = 0
    for request in DeletionRequest.objects.filter(due_at__lte=now).select_related("user"):
        user = request.user
        address, name = user.email, user.display_name
        erasure.erase(user)
        # Sent now, not queued: a queued email would keep their address in the task table.
        emails.account_deleted(address, name)
        count += 1
    return count


def forget_expired(now=None) -> dict[str, int]:
    """Delete what the retention periods (``settings.PRIVACY_RETENTION_DAYS``, the session age
    for sessions and the sign-in records of allauth's usersessions, the download expiry) no
    longer keep; the privacy notice states the same periods."""
    now = now or timezone.now()
    days = settings.PRIVACY_RETENTION_DAYS
    removed = {}
    expired = list(DataExport.objects.expired())
    for data_export in expired:
        data_export.path.unlink(missing_ok=True)
    removed["downloads"] = DataExport.objects.filter(pk__in=[e.pk for e in expired]).delete()[0]
    removed["sessions"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    # Where they signed in from (address, browser): kept no longer than a session lasts, and
    # not after its session is gone.
    sign_ins = UserSession.objects.filter(
        last_seen_at__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        sign_ins = sign_ins | UserSession.objects.exclude(
            session_key__in=Session.objects.values("session_key")
        )
    removed["sign_ins"] = UserSession.objects.filter(pk__in=sign_ins.values("pk")).delete()[0]
    removed["tasks"] = (
        DBTaskResult.objects.filter(enqueued_at__lt=now - timedelta(days=days["tasks"]))
        .exclude(status="RUNNING")
        .delete()[0]
    )
    audit_before = now - timedelta(days=days["audit"])
    removed["audit"] = (
        MembershipEvent.objects.filter(created__lt=audit_before).delete()[0]
        + Entry.objects.filter(created__lt=audit_before).delete()[0]
    )
    removed["notifications"] = Notification.objects.filter(
        created__lt=now - timedelta(days=days["notifications"])
    ).delete()[0]
    return removed
