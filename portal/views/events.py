"""Events: the lists (upcoming, past), a detail page, registration with its waiting list,
calendars."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import actions, calendar, permissions, seo
from ..caching import for_visitors
from ..forms import RegistrationForm
from ..models import Event, Registration
from .common import PAGE_SIZE, who

WHEN = {
    "upcoming": (_("Upcoming and ongoing events"), lambda qs: qs.filter(end__gte=timezone.now())),
    "past": (_("Past events"), lambda qs: qs.past()),
}


@for_visitors
def events(request):
    when = request.GET.get("when", "upcoming")
    if when not in WHEN:
        when = "upcoming"
    title, narrow = WHEN[when]
    queryset = narrow(Event.objects.public().for_cards())
    if when == "upcoming":
        queryset = queryset.order_by("start", "pk")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/events.html",
        {**seo.page(request), "title": title, "page": page, "when": when},
    )


def _event_for(request, pk) -> Event:
    return get_object_or_404(
        Event.objects.visible_to(request.user).prefetch_related("institutes", "themes"), pk=pk
    )


def event(request, pk, form=None, status=200):
    found = _event_for(request, pk)
    return render(
        request,
        "portal/event.html",
        {
            **seo.page(request, description=found.description_html, data=seo.event(found)),
            "title": found.title,
            "event": found,
            "form": form or RegistrationForm(),
            "can_edit": permissions.can_edit(request.user, found),
            "when": found.when(),
        },
        status=status,
    )


@require_POST
def register(request, pk):
    found = get_object_or_404(Event.objects.public(), pk=pk)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return event(request, pk, form=form, status=400)
    try:
        registration, created = actions.register(
            found,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            who=who(request),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return event(request, pk, form=form, status=400)
    if registration.status == Registration.Status.WAITING:
        text = _("The places are taken: you are on the waiting list. We sent you an email.")
    else:
        text = _("Your place is booked. We sent you a confirmation by email.")
    if not created:
        text = _("This address is already registered; nothing changed.")
    messages.success(request, text)
    return redirect(found)


@require_http_methods(["GET", "POST"])
def cancel_registration(request, token):
    """The link in a registration's emails: asks, then frees the place (or the waiting-list one)."""
    state, found = "ask", None
    if request.method == "POST":
        found, _promoted = actions.cancel_registration(token, who=who(request))
        state = "done" if found is not None else "invalid"
    else:
        found = Registration.objects.select_related("event").filter(token=token).first()
        state = "ask" if found is not None else "invalid"
    return render(
        request,
        "portal/cancel_registration.html",
        {
            "title": _("Cancel a registration"),
            "state": state,
            "registration": found,
            "event": found.event if found is not None else None,
            "token": token,
        },
        status=404 if state == "invalid" else 200,
    )


def _ics_response(payload: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(payload, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, pk):
    found = get_object_or_404(Event.objects.public(), pk=pk)
    return _ics_response(calendar.event_ics(found), calendar.filename(found))


@for_visitors
def calendar_feed(request):
    events = Event.objects.public().order_by("-start")[:200]
    return _ics_response(
        calendar.feed(events, _("Migration Network events")), "migration-network-events.ics"
    )
