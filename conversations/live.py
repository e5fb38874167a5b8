"""Live delivery of messages, after commit: a hint on each participant's notification socket
(``notifications.delivery.hint``) carrying only ids. An open conversation page then fetches the
messages after the last one it shows (``views.after``), as its member may read them, and does
the same after every reconnect, so a hint lost on the way loses nothing."""

from notifications.delivery import hint

HINT = "conversation"


def message_created(message, user_ids) -> None:
    hint(user_ids, HINT, {"conversation": message.conversation_id, "message": message.pk})
