"""Moderators review submitted outputs and events and choose which curated practices the public site
shows."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.views import form_page
from forum.models import Practice

from .. import actions, permissions
from ..forms import ReviewForm
from ..models import Event, Output


def _require_reviewer(request):
    if not permissions.can_review(request.user):
        raise PermissionDenied(_("Only moderators review the portal."))


def moderation(request):
    """Outputs and events awaiting review, oldest first, in one list; then the curated
    practices and whether the public site shows them."""
    _require_reviewer(request)
    outputs = list(Output.objects.awaiting_review().select_related("submitted_by__profile")[:100])
    events = list(Event.objects.awaiting_review().select_related("submitted_by__profile")[:100])
    for output in outputs:
        output.review_url_name = "portal:review_output"
    for event in events:
        event.review_url_name = "portal:review_event"
    return render(
        request,
        "portal/moderation.html",
        {
            "title": _("Outputs and events awaiting review"),
            "items": sorted(outputs + events, key=lambda item: item.updated),
            "practices": Practice.objects.curated()
            .select_related("thread")
            .order_by("-is_public", "-curated_at")[:100],
        },
    )


def _review_page(request, item):
    _require_reviewer(request)
    return form_page(
        request,
        ReviewForm(request.POST or None),
        "portal/review.html",
        {"item": item, "title": _("Review: %(title)s") % {"title": item.title}},
        act=lambda data: actions.review(
            request.user, item, data["decision"], reason=data["reason"]
        ),
        then="moderation:portal",
        done=_("Review saved."),
    )


@require_http_methods(["GET", "POST"])
def review_output(request, pk):
    _require_reviewer(request)
    return _review_page(request, get_object_or_404(Output, pk=pk))


@require_http_methods(["GET", "POST"])
def review_event(request, pk):
    _require_reviewer(request)
    return _review_page(request, get_object_or_404(Event, pk=pk))


@require_POST
def practice_public(request, pk):
    _require_reviewer(request)
    found = get_object_or_404(Practice.objects.curated(), pk=pk)
    public = request.POST.get("public") == "1"
    actions.set_practice_public(request.user, found, public)
    messages.success(
        request,
        _("The practice is on the public site.")
        if public
        else _("The practice is no longer on the public site."),
    )
    return redirect(reverse("moderation:portal") + "#practices")
