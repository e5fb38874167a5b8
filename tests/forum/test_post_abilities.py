"""``permissions.post_abilities`` (worked out once per thread page) agrees with the predicates it
replaces, for every reader and every state of post and thread."""

import itertools

import pytest

from forum import actions, permissions

pytestmark = pytest.mark.django_db


def expected(user, post):
    return {
        "read_text": permissions.can_read_text(user, post),
        "react": permissions.can_react(user, post),
        "reply": permissions.can_reply_to(user, post),
        "edit": permissions.can_edit(user, post),
        "delete": permissions.can_delete(user, post),
        "report": permissions.can_report(user, post),
        "moderate": permissions.can_moderate(user),
    }


def test_abilities_agree_with_the_predicates(thread, opening, member, other_member, moderator):
    mine = opening
    theirs = actions.reply(other_member, thread, "Eurostat.", reply_to=opening)
    readers = [member, other_member, moderator]
    states = itertools.product([False, True], repeat=4)  # hidden, deleted, locked, thread deleted
    for hidden, deleted, locked, thread_deleted in states:
        thread.locked, thread.is_deleted = locked, thread_deleted
        for post in (mine, theirs):
            post.is_hidden, post.is_deleted, post.thread = hidden, deleted, thread
            for reader in readers:
                facts = permissions.PageFacts(reader, thread)
                got = permissions.post_abilities(reader, post, facts)
                assert got == expected(reader, post), (reader, hidden, deleted, locked)
