"""Template helpers of the directory."""

from django import template

from directory.dimensions import FLAGS

register = template.Library()


@register.filter
def flag_labels(profile, length: str = "long") -> list[str]:
    """The labels of the flags a profile has (``dimensions.FLAGS``); ``"short"`` for cards."""
    return [
        (flag.short_label if length == "short" and flag.short_label else flag.label)
        for flag in FLAGS
        if getattr(profile, flag.field)
    ]
