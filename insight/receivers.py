"""When data an insight page counts changes: renew insight's version token and, after commit,
have the worker compute the results again (``insight.snapshot``).

Profile changes already renew the directory's token (``directory.indexing``), which the kept
results include; profiles are heard here too so that the task is enqueued for them.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import User
from core import freshness
from directory.models import Profile, Publication
from forum.models import Initiative, Participation, Practice, Thread
from portal.models import Event, Output, OutputAuthor

from . import snapshot, tasks

QUEUED_SECONDS = 30


def changed(**kwargs) -> None:
    freshness.mark_changed(snapshot.VERSION_KEY)
    if snapshot.runs_elsewhere():
        transaction.on_commit(enqueue_refresh)


def enqueue_refresh() -> None:
    try:
        first = cache.add(snapshot.QUEUED_KEY, 1, QUEUED_SECONDS)
    except Exception:
        first = True
    if first:
        tasks.refresh.enqueue()


WATCHED = (Profile, Publication, Initiative, Participation, Practice, Output, OutputAuthor, Event)
M2M = (
    Profile.themes.through,
    Initiative.institutes.through,
    Initiative.sought_themes.through,
    Output.themes.through,
    Thread.themes.through,
    Output.sdgs.through,
    Initiative.sdgs.through,
    Practice.sdgs.through,
    Thread.regions.through,
    Output.regions.through,
    Output.countries.through,
)
# Only these fields of a member place their work: not the sign-in time saved at every sign-in.
USER_FIELDS = {"institute", "institute_id", "status", "is_active"}


def connect() -> None:
    for model in WATCHED:
        post_save.connect(changed, sender=model, dispatch_uid=f"insight-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"insight-del-{model.__name__}")
    for through in M2M:
        m2m_changed.connect(changed, sender=through, dispatch_uid=f"insight-{through.__name__}")
    # A member's institute or membership decides which column their work counts in.
    post_save.connect(user_changed, sender=User, dispatch_uid="insight-user")


def user_changed(update_fields=None, **kwargs) -> None:
    if update_fields is None or USER_FIELDS & set(update_fields):
        changed()
