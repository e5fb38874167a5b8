"""Small helpers the design system's templates share."""

from django import template

from core.useragent import describe

register = template.Library()


@register.simple_tag
def chosen_count(*collections) -> int:
    """How many options are chosen, for "Filters (3)". Each collection holds options (with
    ``selected``) or groups of them (with ``options``)."""
    total = 0
    for collection in collections:
        for item in collection or ():
            options = getattr(item, "options", None)
            chosen = [o for o in options if o.selected] if options is not None else [item.selected]
            total += sum(map(bool, chosen))
    return total


@register.filter
def browser_name(user_agent: str | None) -> str:
    """The browser and system a user-agent string names, e.g. "Firefox on Linux"."""
    return describe(user_agent)
