"""allauth and Django auth events that decide membership and end sessions, and the changes that
make the kept permissions out of date (``accounts.backends``)."""

from allauth.account.signals import email_confirmed, password_changed, password_reset
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_out
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver

from . import backends
from .actions import admit_by_verified_email, end_all_sessions
from .models import User
from .signals import sessions_ended


@receiver(email_confirmed)
def admit_on_verified_email(sender, request, email_address, **kwargs):
    admit_by_verified_email(email_address.user, email_address.email)


@receiver(user_logged_out)
def close_sockets_on_logout(sender, request, user, **kwargs):
    if user is not None and request is not None and request.session.session_key:
        sessions_ended.send(
            sender=type(user), user=user, session_keys=[request.session.session_key]
        )


@receiver(password_changed)
@receiver(password_reset)
def end_other_sessions_on_password_change(sender, request, user, **kwargs):
    current = request.session.session_key if request is not None else None
    end_all_sessions(user, keep_session_key=current or "")


# What a user holds changed: their permissions_version moves on (``accounts.backends``), in the
# transaction of the change. A clear is looked at before it happens (who held it), counted after.
def _holders(sender, instance, reverse, pk_set):
    """The users whose permissions a change of ``sender`` (an m2m table) touches."""
    if sender is Group.permissions.through:
        if not reverse:
            groups = [instance.pk]
        else:
            groups = pk_set if pk_set is not None else instance.group_set.values("pk")
        return User.objects.filter(groups__in=groups).values("pk")
    if not reverse:  # instance is the user
        return [instance.pk]
    return pk_set if pk_set is not None else instance.user_set.values("pk")


def _holdings_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        instance._permission_holders = [
            row["pk"] if isinstance(row, dict) else row
            for row in _holders(sender, instance, reverse, None)
        ]
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        users = getattr(instance, "_permission_holders", [])
    else:
        users = _holders(sender, instance, reverse, pk_set)
    backends.moved_on(User.objects.filter(pk__in=users))
    if isinstance(instance, User):  # the object in hand sees its own change
        instance.refresh_from_db(fields=["permissions_version"])
        for loaded in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            instance.__dict__.pop(loaded, None)


for _through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
    m2m_changed.connect(_holdings_changed, sender=_through, dispatch_uid=f"perms-{_through}")


@receiver(pre_delete, sender=Group, dispatch_uid="perms-group-deleted")
def _group_deleted(sender, instance, **kwargs):
    backends.moved_on(User.objects.filter(groups=instance))


@receiver(post_save, sender=Permission, dispatch_uid="perms-permission-saved")
@receiver(pre_delete, sender=Permission, dispatch_uid="perms-permission-deleted")
def _permission_changed(sender, instance, **kwargs):
    backends.moved_on(
        User.objects.filter(Q(user_permissions=instance) | Q(groups__permissions=instance))
    )
