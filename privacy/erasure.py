"""Deleting a person: their account and everything of theirs, except what they wrote for others.

Posts, threads and submitted outputs stay readable under the shared "former member" account;
mentions of the person in other members' posts become plain text; every other row that refers to
them goes, found through the app registry (``records``), so a model added later is covered.
"""

import re
from functools import reduce
from operator import or_

from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import router, transaction
from django.db.models import Q, TextField
from django.db.models.deletion import Collector
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from accounts.models import FORMER_MEMBER_EMAIL, User
from accounts.signals import sessions_ended
from audit.models import Entry
from forum.mentions import member_url
from forum.models import Post
from invitations.models import Invitation
from notifications.models import Notification

from .records import email_columns, file_fields, generic_relations, is_protected, user_relations


def former_member() -> User:
    """The one account that signs the posts of every deleted person; it cannot sign in."""
    user, created = User.objects.get_or_create(
        email=FORMER_MEMBER_EMAIL,
        defaults={
            "display_name": _("Former member"),
            "status": User.Status.DEACTIVATED,
            "is_active": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _unlink_mentions(user: User) -> None:
    """Their name stays in what others wrote; the link to their profile goes."""
    link = re.compile(r'<a href="' + re.escape(escape(member_url(user))) + r'"[^>]*>(.*?)</a>')
    for post in Post.objects.filter(mentioned=user).only("pk", "body_html").iterator():
        html = link.sub(r"\1", post.body_html)
        if html != post.body_html:
            Post.objects.filter(pk=post.pk).update(body_html=html)


def _end_sessions(user: User) -> None:
    """The sessions allauth tracks, and any other stored session signed in as them."""
    keys = set(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            keys.add(session.session_key)
    Session.objects.filter(session_key__in=keys).delete()
    if keys:
        sessions_ended.send(sender=User, user=user, session_keys=sorted(keys))


def _forget_addresses(addresses: list[str]) -> None:
    """Rows keyed by their address (event registrations, subscriptions, invitations), and
    emails to them still waiting in the task queue."""
    for model, field in email_columns():
        if model is get_user_model():
            continue
        model._base_manager.filter(**{f"{field.name}__in": addresses}).delete()
    tasks = DBTaskResult.objects.annotate(text=Cast("args_kwargs", TextField()))
    for address in addresses:
        tasks.filter(text__icontains=address).delete()


def _doomed(user: User) -> dict[type, list]:
    """The primary keys of what deleting the user deletes with it, by model."""
    collector = Collector(using=router.db_for_write(User))
    collector.collect([user])
    doomed: dict[type, list] = {}
    for model, rows in collector.data.items():
        doomed.setdefault(model, []).extend(row.pk for row in rows)
    for queryset in collector.fast_deletes:
        doomed.setdefault(queryset.model, []).extend(queryset.values_list("pk", flat=True))
    return doomed


def _forget_generic_references(doomed: dict[type, list]) -> None:
    """Rows that point at a doomed row through a content type and an id (notifications)."""
    for model, field in generic_relations():
        for doomed_model, pks in doomed.items():
            model._base_manager.filter(
                **{
                    field.ct_field: ContentType.objects.get_for_model(doomed_model),
                    f"{field.fk_field}__in": pks,
                }
            ).delete()


def _stored_files(doomed: dict[type, list]) -> list[tuple]:
    files = []
    for model, pks in doomed.items():
        for field in file_fields(model):
            for row in model._base_manager.filter(pk__in=pks).exclude(**{field.name: ""}):
                stored = getattr(row, field.attname)
                files.append((stored.storage, stored.name))
    return files


def _forget_invitations(user: User, addresses: list[str]) -> list:
    """Invitations to any of their addresses, and the one they accepted (perhaps at an address
    they no longer have): their primary keys, for the audit entries about them."""
    invitations = Invitation.objects.filter(Q(email__in=addresses) | Q(accepted_by=user))
    pks = list(invitations.values_list("pk", flat=True))
    Invitation.objects.filter(pk__in=pks).delete()
    return pks


def _about_them(doomed: dict[type, list]) -> Q:
    """``content_type`` / ``object_id`` pairs of the rows that were theirs."""
    about = Q(pk__in=[])
    for model, pks in doomed.items():
        if pks:
            about |= Q(target_type=ContentType.objects.get_for_model(model), target_id__in=pks)
    return about


def _scrub(text: str, words: list[str], neutral: str) -> str:
    for word in words:
        text = re.sub(re.escape(word), neutral, text, flags=re.IGNORECASE)
    return text


def _anonymise_records(user: User, addresses: list[str], doomed: dict[type, list]) -> None:
    """The audit log keeps what was done, no longer to whom: the entries about them (their
    account, profile, applications, invitations) say "A former member", and a copy of their
    name or address in any entry's text is replaced. The Django admin's log of changes to their
    rows goes (it names them in ``object_repr`` and its messages)."""
    neutral = _("A former member")
    words = sorted({user.display_name, *addresses} - {""}, key=len, reverse=True)
    mentions = reduce(
        or_,
        (
            Q(**{f"{column}__icontains": word})
            for word in words
            for column in ("target_label", "details", "reason")
        ),
    )
    about = Q(member=user) | _about_them(doomed)
    for entry in Entry.objects.filter(about | mentions).iterator():
        if entry.member_id == user.pk or _is_about(entry, doomed):
            entry.target_label, entry.target_url = neutral, ""
        entry.target_label = _scrub(entry.target_label, words, neutral)[:300]
        entry.details = _scrub(entry.details, words, neutral)[:300]
        entry.reason = _scrub(entry.reason, words, neutral)
        entry.save(update_fields=["target_label", "target_url", "details", "reason"])
    logged = Q(object_repr__in=words)
    for model, pks in doomed.items():
        if pks:
            logged |= Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(pk) for pk in pks],
            )
    LogEntry.objects.filter(logged).delete()


def _is_about(entry, doomed) -> bool:
    if entry.target_type_id is None:
        return False
    model = entry.target_type.model_class()
    return entry.target_id in doomed.get(model, ())


def erase(user: User) -> None:
    """Delete ``user`` and what is theirs; keep their posts under the former member."""
    ghost = former_member()
    addresses = sorted({user.email, *user.emailaddress_set.values_list("email", flat=True)})
    exports = [export.path for export in user.data_exports.all()]
    with transaction.atomic():
        _unlink_mentions(user)
        for model, field in user_relations():
            if is_protected(field):
                model._base_manager.filter(**{field.name: user.pk}).update(**{field.name: ghost.pk})
        # What others were told about them names them ("Alice replied ...").
        Notification.objects.filter(actor=user).delete()
        invitations = _forget_invitations(user, addresses)
        _forget_addresses(addresses)
        _end_sessions(user)
        doomed = _doomed(user)
        _anonymise_records(user, addresses, {**doomed, Invitation: invitations})
        _forget_generic_references(doomed)
        files = _stored_files(doomed)
        user.delete()

        def remove_files():
            for storage, name in files:
                storage.delete(name)
            for path in exports:
                path.unlink(missing_ok=True)

        transaction.on_commit(remove_files)
