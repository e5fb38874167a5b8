"""Demo notifications: each demo member finds a welcome in the notification centre.

Idempotent: someone who already has notifications gets nothing more.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from .actions import notify
from .models import Notification


def load(people) -> None:
    have = set(
        Notification.objects.filter(recipient__in=people).values_list("recipient_id", flat=True)
    )
    newcomers = [person for person in people if person.pk not in have and person.is_member]
    notify(
        newcomers,
        "membership_approved",
        summary=_("Welcome to the network: your membership is approved."),
        url=reverse("home"),
    )
