"""Writing the audit log: every app's moderation acts call ``record`` inside their transaction."""

from django.contrib.contenttypes.models import ContentType

from .models import AREA_OF_ACTION, Action, Entry


def record(
    actor, action: str, *, target=None, member=None, label="", reason="", details=""
) -> Entry:
    """Record that ``actor`` did ``action`` to ``target`` (a model instance, named ``label`` or
    its ``str``) or to ``member``."""
    action = Action(action)
    return Entry.objects.create(
        actor=actor,
        area=AREA_OF_ACTION[action.value],
        action=action.value,
        member=member,
        target_type=ContentType.objects.get_for_model(type(target)) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_label=(label or (str(target) if target is not None else ""))[:300],
        target_url=_url_of(target),
        reason=reason or "",
        details=(details or "")[:300],
    )


def _url_of(target) -> str:
    """The page of the thing acted on, as it was when the act was recorded."""
    url = getattr(target, "get_absolute_url", None) if target is not None else None
    return url()[:300] if url else ""
