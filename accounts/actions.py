"""Every membership write: who becomes a member, how, and who is told."""

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import record
from audit.models import Action
from core import ratelimit

from . import emails, permissions
from .models import FORMER_MEMBER_EMAIL, Application, Institute, MembershipEvent, User
from .signals import application_approved, member_joined, sessions_ended

MODERATORS_GROUP = "Moderators"


def _make_member(user: User, institute: Institute | None) -> None:
    user.status = User.Status.MEMBER
    user.member_since = user.member_since or timezone.now()
    if institute is not None:
        user.institute = institute
    user.is_active = True
    user.save(update_fields=["status", "member_since", "institute", "is_active"])
    transaction.on_commit(lambda: member_joined.send(sender=User, user=user))


@transaction.atomic
def admit_by_verified_email(user: User, email: str) -> bool:
    """A verified address in a member institute's domain makes its owner a member at once."""
    if user.status == User.Status.MEMBER or not user.is_active:
        return False
    if user.status == User.Status.DEACTIVATED:
        return False
    institute = Institute.objects.for_email(email)
    if institute is None:
        return False
    _make_member(user, institute)
    Application.objects.filter(user=user, status=Application.Status.PENDING).update(
        status=Application.Status.APPROVED, decided_at=timezone.now(), reason="email domain"
    )
    MembershipEvent.objects.create(
        user=user, kind=MembershipEvent.Kind.JOINED_BY_DOMAIN, reason=email
    )
    return True


@transaction.atomic
def apply_for_membership(
    user: User, *, affiliation: str, statement: str, institute=None
) -> Application:
    if user.status not in {User.Status.NEW, User.Status.DECLINED}:
        raise PermissionDenied(
            _("Only people without a membership or pending application may apply.")
        )
    ratelimit.consume(user, "accounts.apply")
    application = Application.objects.create(
        user=user, affiliation=affiliation, statement=statement, institute=institute
    )
    user.status = User.Status.PENDING
    user.save(update_fields=["status"])
    MembershipEvent.objects.create(user=user, actor=user, kind=MembershipEvent.Kind.APPLIED)
    moderators = list(User.objects.moderators().values_list("email", "language"))
    transaction.on_commit(lambda: emails.application_filed(application, moderators))
    return application


def _decide(moderator: User, application: Application) -> Application:
    if not permissions.can_review_applications(moderator):
        raise PermissionDenied(_("Only moderators review applications."))
    ratelimit.consume(moderator, "accounts.moderate")
    # Lock the row so that two moderators deciding at once cannot both win.
    application = (
        Application.objects.select_for_update().select_related("user").get(pk=application.pk)
    )
    if application.status != Application.Status.PENDING:
        raise PermissionDenied(_("This application has already been decided."))
    return application


@transaction.atomic
def approve_application(
    moderator: User, application: Application, *, reason: str = ""
) -> Application:
    application = _decide(moderator, application)
    application.status = Application.Status.APPROVED
    application.decided_by = moderator
    application.decided_at = timezone.now()
    application.reason = reason
    application.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _make_member(application.user, application.institute)
    MembershipEvent.objects.create(
        user=application.user, actor=moderator, kind=MembershipEvent.Kind.APPROVED, reason=reason
    )
    record(
        moderator,
        Action.APPROVE_APPLICATION,
        target=application,
        member=application.user,
        label=application.user.display_name,
        reason=reason,
    )
    application_approved.send(sender=Application, application=application, moderator=moderator)
    transaction.on_commit(lambda: emails.application_decided(application))
    return application


@transaction.atomic
def decline_application(moderator: User, application: Application, *, reason: str) -> Application:
    if not reason.strip():
        raise ValueError("A reason is required to decline.")
    application = _decide(moderator, application)
    application.status = Application.Status.DECLINED
    application.decided_by = moderator
    application.decided_at = timezone.now()
    application.reason = reason
    application.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    user = application.user
    user.status = User.Status.DECLINED
    user.save(update_fields=["status"])
    MembershipEvent.objects.create(
        user=user, actor=moderator, kind=MembershipEvent.Kind.DECLINED, reason=reason
    )
    record(
        moderator,
        Action.DECLINE_APPLICATION,
        target=application,
        member=user,
        label=user.display_name,
        reason=reason,
    )
    transaction.on_commit(lambda: emails.application_decided(application))
    return application


@transaction.atomic
def deactivate_member(moderator: User, member: User, *, reason: str) -> User:
    """Close a member's account (the one act for "deactivate" and "suspend"): they can no longer
    sign in, and every open session ends."""
    if not permissions.can_deactivate(moderator, member):
        raise PermissionDenied(_("You may not deactivate this account."))
    if not reason.strip():
        raise ValueError("A reason is required to deactivate.")
    ratelimit.consume(moderator, "accounts.moderate")
    member.status = User.Status.DEACTIVATED
    member.is_active = False
    member.save(update_fields=["status", "is_active"])
    MembershipEvent.objects.create(
        user=member, actor=moderator, kind=MembershipEvent.Kind.DEACTIVATED, reason=reason
    )
    record(moderator, Action.DEACTIVATE, member=member, label=member.display_name, reason=reason)
    transaction.on_commit(lambda: end_all_sessions(member))
    return member


def refuse_former_member(member: User) -> None:
    """The shared "Former member" account is no one's: nobody reactivates it."""
    if member.email == FORMER_MEMBER_EMAIL:
        raise PermissionDenied(
            _(
                "This is the shared “Former member” account that signs the posts of deleted "
                "people: it cannot be reactivated."
            )
        )


@transaction.atomic
def reactivate_member(moderator: User, member: User, *, reason: str = "") -> User:
    refuse_former_member(member)
    if not permissions.can_deactivate(moderator, member):
        raise PermissionDenied(_("You may not reactivate this account."))
    if member.status != User.Status.DEACTIVATED:
        raise PermissionDenied(_("This account is not deactivated."))
    ratelimit.consume(moderator, "accounts.moderate")
    _make_member(member, None)
    MembershipEvent.objects.create(
        user=member, actor=moderator, kind=MembershipEvent.Kind.REACTIVATED, reason=reason
    )
    record(moderator, Action.REACTIVATE, member=member, label=member.display_name, reason=reason)
    return member


@transaction.atomic
def admit_by_invitation(
    user: User, *, institute: Institute | None, invited_by: User | None
) -> bool:
    """The invitee of a moderator becomes a member on signing up through the invitation."""
    if user.status == User.Status.MEMBER or user.status == User.Status.DEACTIVATED:
        return False
    _make_member(user, institute)
    Application.objects.filter(user=user, status=Application.Status.PENDING).update(
        status=Application.Status.APPROVED, decided_at=timezone.now(), reason="invitation"
    )
    MembershipEvent.objects.create(
        user=user, actor=invited_by, kind=MembershipEvent.Kind.JOINED_BY_INVITATION
    )
    return True


def end_all_sessions(user: User, *, keep_session_key: str | None = None) -> None:
    """End every session of ``user`` but ``keep_session_key``; their sockets close with them."""
    ended = []
    for session in UserSession.objects.filter(user_id=user.pk):
        if session.session_key != keep_session_key:
            ended.append(session.session_key)
            session.end()
    sessions_ended.send(
        sender=type(user), user=user, session_keys=[] if keep_session_key is None else ended
    )


def make_moderator(user: User) -> None:
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))


def choose_language(user: User, code: str) -> None:
    """Remember the interface language a person chose; their emails and digests follow it."""
    if code not in dict(settings.LANGUAGES) or user.language == code:
        return
    ratelimit.consume(user, "accounts.language")
    User.objects.filter(pk=user.pk).update(language=code)
    user.language = code
