"""Starting a thread (a discussion; initiatives and practices start theirs through it)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attachments.actions import attach
from core import content_language
from core.ratelimit import consume

from .. import permissions, recipients
from ..models import Category, Thread
from .common import clean_body, clean_title, require, set_vocabularies
from .posts import DUPLICATE_WINDOW, add_post, notify_post


@transaction.atomic
def create_thread(
    author,
    *,
    category: Category,
    title: str,
    body: str,
    kind=Thread.Kind.DISCUSSION,
    files=(),
    workspace=None,
    language: str | None = None,
    **vocab,
) -> Thread:
    """A new thread; in ``workspace``, read as its threads are (``Reach.PARTICIPANTS``)."""
    if workspace is None:
        require(
            permissions.can_start_thread(author, category),
            _("Only moderators start threads in this category."),
        )
    else:
        require(
            permissions.can_start_workspace_thread(author, workspace),
            _("Only the workspace's members start threads in it."),
        )
    consume(author, "forum.thread")
    title, body = clean_title(title), clean_body(body)
    if Thread.objects.filter(
        author=author, title=title, created__gte=timezone.now() - DUPLICATE_WINDOW
    ).exists():
        raise ValidationError(
            _("You have just started a thread with this title."), code="duplicate"
        )
    thread = Thread.objects.create(
        category=category,
        title=title,
        author=author,
        kind=kind,
        workspace=workspace,
        language=content_language.checked(language, author),
    )
    set_vocabularies(thread, vocab)
    post, mentioned = add_post(thread, author, body)
    attach(author, post, list(files))
    notify_post(post, recipients.for_new_thread(thread, mentioned), author)
    return thread
