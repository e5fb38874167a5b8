"""Whatever a public page shows, saved or deleted anywhere (actions, admin, demo), retires the
kept public pages (``portal.caching``)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import Institute, User
from forum.models import Practice, Thread

from . import caching
from .models import Event, Output, OutputAuthor


def _changed(sender, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in changes nothing the public sees
    caching.changed()


def connect() -> None:
    for model in (Output, OutputAuthor, Event, Practice, Thread, Institute, User):
        post_save.connect(_changed, sender=model, dispatch_uid=f"portal-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"portal-{model.__name__}-del")
    for relation in (
        Output.institutes,
        Output.themes,
        Output.regions,
        Output.countries,
        Output.sdgs,
        Event.institutes,
        Event.themes,
    ):
        m2m_changed.connect(_changed, sender=relation.through, dispatch_uid=f"portal-{relation}")
