from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import Application
from audit.models import Entry
from directory.models import Keyword
from forum.models import Practice, Report
from invitations.models import Invitation
from portal.models import Event, Output

from .common import require_moderator


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """What awaits the moderators, queue by queue, and the latest acts."""
    require_moderator(request)
    queues = [
        (
            _("Applications"),
            "moderation:applications",
            Application.objects.filter(status=Application.Status.PENDING),
        ),
        (
            _("Reported posts"),
            "moderation:reports",
            Report.objects.filter(status=Report.Status.OPEN),
        ),
        (_("Practices"), "moderation:practices", Practice.objects.awaiting_review()),
        (_("Outputs"), "moderation:portal", Output.objects.awaiting_review()),
        (_("Events"), "moderation:portal", Event.objects.awaiting_review()),
        (_("Proposed keywords"), "moderation:keywords", Keyword.objects.proposed()),
        (_("Pending invitations"), "moderation:invitations", Invitation.objects.pending()),
    ]
    return render(
        request,
        "moderation/overview.html",
        {
            "title": _("Moderation"),
            "queues": [
                {"label": label, "url": reverse(name), "count": queryset.count()}
                for label, name, queryset in queues
            ],
            "recent": list(Entry.objects.for_display()[:10]),
        },
    )
