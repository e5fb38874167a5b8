from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import form_page

from . import actions, retention
from .forms import DeletionForm
from .models import DataExport, DeletionRequest

RECENT_EXPORTS = 5


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/notice.html",
        {
            "title": _("Privacy notice"),
            "periods": retention.periods(),
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
        },
    )


def _data_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    user = request.user
    return render(
        request,
        "privacy/data.html",
        {
            "title": _("Your data"),
            "exports": user.data_exports.all()[:RECENT_EXPORTS],
            "deletion": DeletionRequest.objects.filter(user=user).first(),
            "hours": settings.PRIVACY_EXPORT_HOURS,
            "grace_days": settings.PRIVACY_DELETION_GRACE_DAYS,
        },
        status=status,
    )


@require_GET
def data(request: HttpRequest) -> HttpResponse:
    return _data_page(request)


@require_POST
def request_export(request: HttpRequest) -> HttpResponse:
    try:
        actions.request_export(request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _data_page(request, status=409)
    messages.success(
        request, _("We are preparing your data. We will email you a link when it is ready.")
    )
    return redirect("privacy:data")


@require_GET
def download(request: HttpRequest, token: str) -> HttpResponse:
    """Only the member it is of may download it, signed in, before it expires."""
    data_export = DataExport.objects.filter(
        token=token, user=request.user, ready_at__isnull=False
    ).first()
    if data_export is None or (not data_export.is_expired and not data_export.path.exists()):
        raise Http404
    if data_export.is_expired:
        messages.error(request, _("This download has expired. Ask for a new one below."))
        return _data_page(request, status=410)
    return FileResponse(
        data_export.path.open("rb"),
        as_attachment=True,
        filename=f"migration-network-data-{data_export.ready_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@require_http_methods(["GET", "POST"])
@reauthentication_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Schedule the deletion; allauth asks for the password (or another factor) first."""
    return form_page(
        request,
        DeletionForm(request.POST if request.method == "POST" else None),
        "privacy/delete.html",
        {"title": _("Delete your account"), "grace_days": settings.PRIVACY_DELETION_GRACE_DAYS},
        act=lambda data: actions.request_deletion(request.user),
        then="privacy:data",
        done=lambda deletion: (
            _("Your account will be deleted on %(date)s. You can cancel until then.")
            % {"date": date_format(deletion.due_at, "DATE_FORMAT")}
        ),
    )


@require_POST
def cancel_deletion(request: HttpRequest) -> HttpResponse:
    if actions.cancel_deletion(request.user):
        messages.success(request, _("Your account will not be deleted."))
    return redirect("privacy:data")
