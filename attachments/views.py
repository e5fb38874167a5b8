"""The one way a stored file leaves the site: after the permission check, as a download."""

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .models import Attachment
from .permissions import can_download


@require_GET
def download(request: HttpRequest, key: str) -> FileResponse:
    """404 for anyone who may not see what the file is attached to (hidden posts, messages of
    conversations they are not in): the same answer as for a file that does not exist."""
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), key=key)
    if not can_download(request.user, attachment):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
