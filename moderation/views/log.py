from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.filters import EntryFilter
from audit.models import Entry
from core.spreadsheets import csv_response

from .common import require_moderator

LOG_PAGE_SIZE = 50


def _filtered(request):
    return EntryFilter(request.GET, queryset=Entry.objects.for_display())


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """Every moderation and administration act of every app, newest first."""
    require_moderator(request)
    filterset = _filtered(request)
    page = Paginator(filterset.qs, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/log.html",
        {
            "filter": filterset,
            "page": page,
            "query_string": request.GET.urlencode(),
            "title": _("Audit log"),
        },
        status=400 if filterset.form.errors else 200,
    )


@require_GET
def audit_csv(request: HttpRequest) -> HttpResponse:
    """The audit log as filtered, as CSV; no cell can start a spreadsheet formula."""
    require_moderator(request)
    filterset = _filtered(request)
    if not filterset.is_valid():
        return HttpResponse(
            " ".join(str(e) for errors in filterset.form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    header = [
        _("When"),
        _("Who"),
        _("Area"),
        _("What"),
        _("On whom"),
        _("On what"),
        _("Why"),
        _("Details"),
        _("Link"),
    ]
    rows = (
        [
            timezone.localtime(entry.created).isoformat(timespec="seconds"),
            entry.actor.display_name if entry.actor_id else "",
            entry.get_area_display(),
            entry.get_action_display(),
            entry.member.display_name if entry.member_id else "",
            entry.target_label,
            entry.reason,
            entry.details,
            request.build_absolute_uri(entry.target_url) if entry.target_url else "",
        ]
        for entry in filterset.qs.iterator(chunk_size=500)
    )
    return csv_response("audit-log.csv", header, rows)
