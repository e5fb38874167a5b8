"""Every kind of notification, in one registry: its label and how it is delivered by default.

Apps pass the kind's name to ``notify()``; an unknown name is a programming error and raises.
Members change the delivery per kind on their preferences page (``Preference``).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IN_APP = "in_app", _("In the app only")
    EMAIL = "email", _("In the app and by email at once")
    DIGEST = "digest", _("In the app and in a daily email digest")
    OFF = "off", _("Off")


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    default: Delivery = Delivery.IN_APP
    # Some events are already emailed by their own app; offering email here would send it twice.
    emailable: bool = True

    def choices(self):
        return [(d.value, d.label) for d in Delivery if self.emailable or d in IN_APP_CHOICES]


IN_APP_CHOICES = (Delivery.IN_APP, Delivery.OFF)

KINDS = {
    kind.name: kind
    for kind in [
        Kind("reply", _("Replies to your posts"), Delivery.EMAIL),
        Kind("mention", _("Mentions of you"), Delivery.EMAIL),
        Kind("thread_post", _("New posts in threads and categories you watch"), Delivery.DIGEST),
        Kind("initiative_joined", _("Someone joined your initiative"), Delivery.EMAIL),
        Kind("initiative_interest", _("Someone is interested in your initiative"), Delivery.EMAIL),
        Kind("initiative_status", _("An initiative you take part in changed status")),
        Kind(
            "workspace_invitation", _("Invitations into an initiative's workspace"), Delivery.EMAIL
        ),
        Kind("practice_curated", _("Your practice was curated"), Delivery.EMAIL),
        Kind("practice_declined", _("Your practice was declined"), Delivery.EMAIL),
        Kind("membership_approved", _("Your membership was approved"), emailable=False),
        Kind("report_resolved", _("A report you filed was resolved")),
        Kind("post_hidden", _("A moderator hid your post"), Delivery.EMAIL),
        Kind("post_restored", _("A moderator restored your post")),
        Kind("message", _("Private messages to you"), Delivery.EMAIL),
    ]
}


def get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(
            f"Unknown notification kind {name!r}; add it to notifications.kinds"
        ) from None
