"""Demo conversations: Amina (the demo member) has a one-to-one conversation and a group one
with other invented members, so her inbox shows unread counts. Tomás, the second demo login,
has none: the two demo logins can start one and watch it arrive live.

Idempotent: nothing is added when Amina already takes part in a conversation.
"""

from django.utils.translation import gettext as _

from . import actions
from .models import Participant

AMINA = "amina.haddad@gcm.unu.example"
TOMAS = "tomas.okonkwo@ehs.unu.example"


def load(people) -> None:
    amina = next((p for p in people if p.email == AMINA), None)
    others = [p for p in people if p.is_member and p.email not in (AMINA, TOMAS)][2:5]
    if amina is None or len(others) < 3 or Participant.objects.filter(user=amina).exists():
        return
    first, second, third = others
    one = actions.start(
        first,
        [amina],
        subject=_("Household survey instruments"),
        body=_(
            "Hello Amina, I read your post on remittance surveys. Could you share the "
            "**questionnaire** you used in the 2024 round?"
        ),
    )
    actions.send(amina, one, _("Of course: I will send the English and French versions."))
    actions.send(first, one, _("Thank you! The French one matters most for our pilot."))
    group = actions.start(
        second,
        [amina, third],
        subject=_("Panel for the spring workshop"),
        body=_(
            "Shall the three of us propose a panel on climate-related mobility?\n\n"
            "- a 10-minute talk each\n- one shared discussant"
        ),
    )
    actions.send(third, group, _("Yes, count me in. I can ask a discussant from UNU-EHS."))
