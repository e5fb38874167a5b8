"""What the network shows the public: research outputs, policy briefs and events.

Members submit outputs and propose events; moderators publish them. Only ``published`` rows ever
reach a public page (``OutputQuerySet.public()``, ``EventQuerySet.public()``); the rest is seen by
its submitter and by moderators. One module per kind: ``outputs``, ``events``,
``subscriptions``; what they share in ``common``.
"""

from .common import Reviewed, ReviewedQuerySet, Status, new_token
from .events import Event, EventQuerySet, Registration
from .outputs import Output, OutputAuthor, OutputQuerySet
from .subscriptions import Dispatch, StakeholderSubscription, StakeholderSubscriptionQuerySet

__all__ = [
    "Dispatch",
    "Event",
    "EventQuerySet",
    "Output",
    "OutputAuthor",
    "OutputQuerySet",
    "Registration",
    "Reviewed",
    "ReviewedQuerySet",
    "StakeholderSubscription",
    "StakeholderSubscriptionQuerySet",
    "Status",
    "new_token",
]
