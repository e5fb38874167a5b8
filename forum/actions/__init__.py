"""Every forum write: permission, rate limit, one transaction, history, then side effects.

One module a topic (``threads``, ``posts``, ``reactions``, ``moderation``, ``initiatives``,
``practices``, ``subscriptions``, ``feeds``, ``workspaces``; ``common`` for what they share); the
names below are the forum's write API, so callers say ``actions.reply(...)`` wherever the function
lives.

Notifications are created inside the transaction (``notify``); live pushes happen on commit: a new
post (``live.post_created``), an edited, hidden, restored or deleted one (``live.post_changed``),
or a deleted or restored thread (``live.thread_deleted``, ``live.thread_restored``).
"""

from .common import LOCKED_AGAINST_EDITS, clean_body, clean_title, require_reason
from .feeds import feed_token_for, reset_feed_token
from .initiatives import (
    change_initiative_status,
    edit_initiative,
    join_initiative,
    leave_initiative,
    propose_initiative,
)
from .moderation import (
    THREAD_FLAGS,
    hide_post,
    moderate_thread,
    move_thread,
    report_post,
    resolve_report,
    restore_post,
    save_category,
)
from .posts import EditConflict, delete_post, edit_post, reply
from .practices import review_practice, submit_practice
from .reactions import toggle_reaction
from .subscriptions import mark_read, set_subscription
from .threads import create_thread
from .workspaces import (
    answer_invitation,
    invite,
    make_workspace_public,
    open_workspace,
    start_workspace_thread,
)

__all__ = [
    "LOCKED_AGAINST_EDITS",
    "THREAD_FLAGS",
    "EditConflict",
    "answer_invitation",
    "change_initiative_status",
    "clean_body",
    "clean_title",
    "create_thread",
    "delete_post",
    "edit_initiative",
    "edit_post",
    "feed_token_for",
    "hide_post",
    "invite",
    "join_initiative",
    "leave_initiative",
    "make_workspace_public",
    "mark_read",
    "moderate_thread",
    "move_thread",
    "open_workspace",
    "propose_initiative",
    "reply",
    "report_post",
    "require_reason",
    "reset_feed_token",
    "resolve_report",
    "restore_post",
    "review_practice",
    "save_category",
    "set_subscription",
    "start_workspace_thread",
    "submit_practice",
    "toggle_reaction",
]
