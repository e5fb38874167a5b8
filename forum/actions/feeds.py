"""The secret token in a member's feed addresses."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.ratelimit import consume

from .. import permissions
from ..models import FeedToken, new_feed_token
from .common import require


def feed_token_for(user) -> str:
    return FeedToken.objects.get_or_create(user=user)[0].token


@transaction.atomic
def reset_feed_token(user) -> str:
    require(permissions.is_member(user), _("Only members have feeds."))
    consume(user, "forum.write")
    token = new_feed_token()
    FeedToken.objects.update_or_create(user=user, defaults={"token": token})
    return token
