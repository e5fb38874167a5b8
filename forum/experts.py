"""Suggested experts for an initiative: directory members matching the sought expertise."""

from directory.matching import experts_for

SUGGESTIONS = 8


def suggested_experts(initiative, participations, also_exclude=()) -> list:
    """Profiles (with what matched) of members who are not yet part of the initiative (nor in
    ``also_exclude``, user ids: those already invited into its workspace)."""
    sought = {
        name: list(getattr(initiative, name).all())
        for name in ("sought_themes", "sought_methods", "sought_regions")
    }
    if not any(sought.values()):
        return []
    exclude = {p.user_id for p in participations} | {initiative.thread.author_id, *also_exclude}
    return list(
        experts_for(
            themes=sought["sought_themes"],
            methods=sought["sought_methods"],
            regions=sought["sought_regions"],
            exclude_user_ids=exclude,
            limit=SUGGESTIONS,
        )
    )
