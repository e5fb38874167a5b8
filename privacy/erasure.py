"""Deleting a person: their account and everything of theirs, except what they wrote for others.

Posts, threads and submitted outputs stay readable under the shared "former member" account;
mentions of the person in other members' posts become plain text; every other row that refers to
them goes, found through the app registry (``records``), so a model added later is covered.
"""

import re

from allauth.usersessions.models import UserSession
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import router, transaction
from django.db.models import TextField
from django.db.models.deletion import Collector
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from accounts.signals import sessions_ended
from forum.mentions import member_url
from forum.models import Post
from notifications.models import Notification

from .records import email_columns, file_fields, generic_relations, is_protected, user_relations

FORMER_MEMBER_EMAIL = "former-member@deleted.invalid"


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
        _forget_addresses(addresses)
        _end_sessions(user)
        doomed = _doomed(user)
        _forget_generic_references(doomed)
        files = _stored_files(doomed)
        user.delete()

        def remove_files():
            for storage, name in files:
                storage.delete(name)
            for path in exports:
                path.unlink(missing_ok=True)

        transaction.on_commit(remove_files)
