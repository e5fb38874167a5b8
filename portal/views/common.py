"""What several of the portal's pages use: list sizes, and whom the rate limiter counts."""

from .. import actions

HOME_OUTPUTS = 3
HOME_BRIEFS = 3
HOME_EVENTS = 3
HOME_PRACTICES = 3
RELATED_OUTPUTS = 4
PAGE_SIZE = 20
INSTITUTE_LIST = 6


def who(request):
    """Whom the rate limiter counts: the member, or a visitor's address."""
    if request.user.is_authenticated:
        return request.user
    return actions.visitor(request.META.get("REMOTE_ADDR", ""))
