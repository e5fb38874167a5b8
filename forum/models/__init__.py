"""Discussions, initiatives and good practices, one module per topic.

``threads`` (categories, threads, who may read one), ``posts`` (posts, revisions, reactions),
``following`` (subscriptions, read positions, feed tokens), ``initiatives``, ``practices``,
``moderation`` (reports), ``workspaces`` (an initiative's private room, its invitations);
``visibility`` holds what the reading rule is written
in. Everything is re-exported here: import from ``forum.models``.
"""

from .following import FeedToken, ReadState, Subscription, new_feed_token
from .initiatives import Initiative, Participation
from .moderation import Report
from .posts import (
    BODY_MAX_LENGTH,
    MAX_DEPTH,
    PATH_DIGITS,
    POST_PAGES,
    Post,
    PostQuerySet,
    Reaction,
    Revision,
)
from .practices import Practice, PracticeQuerySet
from .threads import THREAD_STATES, TITLE_MAX_LENGTH, Category, Thread, ThreadQuerySet
from .visibility import Reach, holds
from .workspaces import Workspace, WorkspaceInvitation, WorkspaceQuerySet

__all__ = [
    "BODY_MAX_LENGTH",
    "MAX_DEPTH",
    "PATH_DIGITS",
    "POST_PAGES",
    "THREAD_STATES",
    "TITLE_MAX_LENGTH",
    "Category",
    "FeedToken",
    "Initiative",
    "Participation",
    "Post",
    "PostQuerySet",
    "Practice",
    "PracticeQuerySet",
    "Reach",
    "Reaction",
    "ReadState",
    "Report",
    "Revision",
    "Subscription",
    "Thread",
    "ThreadQuerySet",
    "Workspace",
    "WorkspaceInvitation",
    "WorkspaceQuerySet",
    "holds",
    "new_feed_token",
]
