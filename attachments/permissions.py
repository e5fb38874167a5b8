"""Who may download a file: whoever may see what it is attached to, as its owner's model says."""

from accounts.permissions import is_member


def can_download(user, attachment) -> bool:
    if not is_member(user):
        return False
    model = attachment.content_type.model_class()
    manager = getattr(model, "_default_manager", None)
    if not hasattr(manager, "files_visible_to"):
        return False
    return manager.files_visible_to(user).filter(pk=attachment.object_id).exists()
