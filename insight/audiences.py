"""Whose content an insight page is made of: what every member sees, or what anyone sees.

Insight pages are the same for everyone of one audience, so each is computed once per audience
(``insight.snapshot``), never per viewer. The content of each audience is chosen by the owning
app's own rule: ``Profile.objects.of_members`` / ``public()``, the forum's ``THREAD_STATES``
(a thread every member reads is in none of them), the portal's ``public()``.
"""

import operator
from functools import reduce

from accounts.permissions import is_member
from directory.models import Profile
from forum.models import Initiative, Thread
from forum.models.threads import THREAD_STATES
from portal.models import Output

MEMBERS = "members"
PUBLIC = "public"
AUDIENCES = (MEMBERS, PUBLIC)


def audience_of(user) -> str:
    return MEMBERS if is_member(user) else PUBLIC


def profiles(audience: str):
    """Profiles everyone of the audience may see."""
    return Profile.objects.of_members() if audience == MEMBERS else Profile.objects.public()


def every_member_reads():
    """Threads in none of the states that narrow who reads them: every member reads these."""
    narrowing = reduce(operator.or_, (state for _reach, state in THREAD_STATES))
    return Thread.objects.exclude(narrowing)


def initiatives(audience: str):
    """Initiatives are forum threads, for members only: the public sees none."""
    if audience != MEMBERS:
        return Initiative.objects.none()
    return Initiative.objects.filter(thread__in=every_member_reads())


def outputs(audience: str):
    """Published outputs for both audiences (a member's own drafts are theirs, not the
    network's)."""
    return Output.objects.public()
