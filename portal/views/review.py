"""Moderators review submitted outputs and events and choose which curated practices the public site
shows."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.views import form_page
from forum.models import Practice

from .. import actions, permissions
from ..forms import ReviewForm
from ..models import Event, Output, Status

PAGE_SIZE = 25


def _require_reviewer(request):
    if not permissions.can_review(request.user):
        raise PermissionDenied(_("Only moderators review the portal."))


class ReviewQueueForm(forms.Form):
    """The portal queue's filter bar: outputs, events or both, in one state (submitted by
    default: awaiting review)."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Any")), ("output", _("Output")), ("event", _("Event"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *[c for c in Status.choices if c[0] != Status.DRAFT]],
    )


def _queue(data):
    """(kind, pk) of the outputs and events the filter keeps, oldest change first: one union
    query, so one page of both is counted and sliced in the database."""
    form = ReviewQueueForm(data)
    chosen = form.cleaned_data if form.is_valid() else {}
    status = chosen.get("status")
    parts = []
    for kind, model in (("output", Output), ("event", Event)):
        if chosen.get("kind") in ("", None, kind):
            rows = model.objects.exclude(status=Status.DRAFT)
            rows = rows.filter(status=status) if status else rows
            parts.append(
                rows.order_by()
                .annotate(queue_kind=Value(kind, output_field=CharField()))
                .values_list("queue_kind", "pk", "updated")
            )
    rows = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    return form, rows.order_by("updated", "pk")


def moderation(request):
    """Outputs and events, awaiting review by default, oldest first, in one paginated list; then
    the curated practices and whether the public site shows them."""
    _require_reviewer(request)
    data = request.GET.copy()
    data.setdefault("status", Status.SUBMITTED)
    form, rows = _queue(data)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    wanted = {"output": [], "event": []}
    for kind, pk, _updated in page.object_list:
        wanted[kind].append(pk)
    found = {
        kind: model.objects.select_related("submitted_by__profile").in_bulk(wanted[kind])
        for kind, model in (("output", Output), ("event", Event))
        if wanted[kind]
    }
    page.object_list = [found[kind][pk] for kind, pk, _updated in page.object_list]
    for item in page.object_list:
        item.review_url_name = (
            "portal:review_event" if isinstance(item, Event) else "portal:review_output"
        )
    return render(
        request,
        "portal/moderation.html",
        {
            "title": _("Outputs and events awaiting review"),
            "filter": {"form": form},
            "page": page,
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
