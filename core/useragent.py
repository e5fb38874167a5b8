"""Say which browser on which system a session came from ("Firefox on Linux"), as people name
them, instead of the raw user-agent string. Parsing is ua-parser's (the maintained port of
Browserscope's rules)."""

from functools import lru_cache

from django.utils.translation import gettext as _
from ua_parser import parse


@lru_cache(maxsize=512)
def _families(user_agent: str) -> tuple[str, str]:
    result = parse(user_agent[:1000])
    browser = result.user_agent.family if result.user_agent else ""
    system = result.os.family if result.os else ""
    return browser, system


def describe(user_agent: str | None) -> str:
    browser, system = _families(user_agent or "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown browser")
