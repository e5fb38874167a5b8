"""Suggested experts for an initiative: directory members matching the sought expertise."""

from django.utils.module_loading import import_string

SUGGESTIONS = 8


def _matcher():
    try:
        return import_string("directory.matching.experts_for")
    except ImportError:
        return None


def suggested_experts(initiative, participations) -> list:
    """Profiles (with what matched) of members who are not yet part of the initiative."""
    experts_for = _matcher()
    sought = {
        name: list(getattr(initiative, name).all())
        for name in ("sought_themes", "sought_methods", "sought_regions")
        if hasattr(initiative, name)
    }
    if experts_for is None or not any(sought.values()):
        return []
    exclude = {p.user_id for p in participations} | {initiative.thread.author_id}
    return list(
        experts_for(
            themes=sought.get("sought_themes", ()),
            methods=sought.get("sought_methods", ()),
            regions=sought.get("sought_regions", ()),
            exclude_user_ids=exclude,
            limit=SUGGESTIONS,
        )
    )
