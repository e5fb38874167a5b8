"""Public pages (no sign-in), members' submissions, and the moderators' review."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Institute
from accounts.permissions import is_member
from directory.models import Profile
from directory.orcid import normalize_doi
from forum.models import Practice

from . import actions, calendar, crossref, permissions, seo
from . import search as portal_search
from .caching import for_visitors
from .filters import OutputFilter
from .forms import (
    DOI,
    ContactForm,
    EventForm,
    OutputForm,
    RegistrationForm,
    ReviewForm,
    SubscriptionForm,
    prefill_from,
)
from .models import Event, Output, OutputAuthor, Registration, StakeholderSubscription, Status
from .pdf import download_name

HOME_OUTPUTS = 3
HOME_BRIEFS = 3
HOME_EVENTS = 3
HOME_PRACTICES = 3
RELATED_OUTPUTS = 4
PAGE_SIZE = 20
INSTITUTE_LIST = 6


def public_profiles():
    return Profile.objects.public().select_related("user", "user__institute")


def public_practices():
    return (
        Practice.objects.public()
        .select_related("thread", "country", "institute")
        .order_by("-featured", "-curated_at", "-pk")
    )


def next_events():
    """Ongoing events first, then the upcoming ones, soonest first."""
    return Event.objects.public().filter(end__gte=timezone.now()).order_by("start", "pk")


# --- Public pages -------------------------------------------------------------------------------


@for_visitors
def home(request):
    outputs = Output.objects.public().for_cards()
    institutes = list(Institute.objects.filter(is_member=True))
    return render(
        request,
        "portal/home.html",
        {
            **seo.page(
                request,
                description=_(
                    "Research results, policy recommendations and events of the institutes "
                    "of the Migration Network."
                ),
                data=seo.network(institutes),
            ),
            "briefs": outputs.briefs()[:HOME_BRIEFS],
            "outputs": outputs.exclude(kind=Output.Kind.POLICY_BRIEF)[:HOME_OUTPUTS],
            "events": next_events().for_cards()[:HOME_EVENTS],
            "practices": public_practices()[:HOME_PRACTICES],
            "institutes": institutes,
        },
    )


@for_visitors
def about(request):
    return render(
        request,
        "portal/about.html",
        {
            **seo.page(request),
            "title": _("About the network"),
            "institutes": Institute.objects.filter(is_member=True),
        },
    )


@require_http_methods(["GET", "POST"])
def contact(request):
    """Not kept in the cache: the page holds a form, with its visitor's CSRF token."""
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:  # a robot filled the trap: it is told what a person is told
            actions.contact(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                who=_who(request),
            )
        messages.success(request, _("Thank you: your message was sent to the coordinators."))
        return redirect("portal:contact")
    return render(
        request,
        "portal/contact.html",
        {
            **seo.page(request),
            "title": _("Contact"),
            "form": form,
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
            "institutes": Institute.objects.filter(is_member=True),
        },
        status=400 if form.errors else 200,
    )


@for_visitors
def institutes(request):
    return render(
        request,
        "portal/institutes.html",
        {
            **seo.page(request),
            "title": _("Institutes"),
            "institutes": Institute.objects.filter(is_member=True),
        },
    )


@for_visitors
def institute(request, pk):
    found = get_object_or_404(Institute.objects.filter(is_member=True), pk=pk)
    return render(
        request,
        "portal/institute.html",
        {
            **seo.page(request, description=found.name, data=seo.institute(found)),
            "title": found.name,
            "institute": found,
            "experts": public_profiles().filter(user__institute=found)[:50],
            "outputs": Output.objects.public()
            .filter(institutes=found)
            .for_cards()[:INSTITUTE_LIST],
            "events": next_events().filter(institutes=found).for_cards()[:INSTITUTE_LIST],
            "past_events": Event.objects.public()
            .past()
            .filter(institutes=found)
            .for_cards()[:INSTITUTE_LIST],
        },
    )


@for_visitors
def outputs(request):
    filterset = OutputFilter(request.GET or None, queryset=Output.objects.public().for_cards())
    results = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    if filterset.is_bound and not filterset.is_valid():
        results = results.none()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/outputs.html",
        {
            **seo.page(request),
            "title": _("Research and policy briefs"),
            "filter": filterset,
            "page": page,
        },
        status=400 if filterset.is_bound and not filterset.is_valid() else 200,
    )


def search(request):
    """The one search: every kind of content the asker may see, ranked together
    (``portal.search.find``). Visitors get the public site's set, members more. Not kept in the
    cache: queries are too many to keep."""
    typed = portal_search.CONTROL_CHARACTERS.sub(" ", request.GET.get("q", ""))[
        : portal_search.MAX_QUERY_LENGTH * 5
    ]
    q = portal_search.clean_query(typed)
    kind = request.GET.get("kind")
    if kind not in portal_search.KINDS:
        kind = None
    results = portal_search.find(request.user, q, kind) if q else []
    member = is_member(request.user)
    return render(
        request,
        "portal/search.html",
        {
            **seo.page(request),
            "base_template": "base.html" if member else "portal/_base.html",
            "member": member,
            "title": _("Search") if not q else _("Search: %(q)s") % {"q": q},
            "typed": typed.strip(),
            "q": q,
            "shortened": len(typed.strip()) > portal_search.MAX_QUERY_LENGTH,
            "max_length": portal_search.MAX_QUERY_LENGTH,
            "kind": kind,
            "kinds": portal_search.kinds_for(member),
            "results": results,
            "found": len(results),
            "per_kind": portal_search.PER_KIND_ALONE if kind else portal_search.PER_KIND,
            "capped": portal_search.capped(results, kind),
        },
    )


def _output_for(request, pk) -> Output:
    output = get_object_or_404(
        Output.objects.visible_to(request.user)
        .prefetch_related(
            "institutes",
            "themes",
            "regions",
            "countries",
            "sdgs",
            Prefetch(
                "authors",
                queryset=OutputAuthor.objects.select_related("member__profile"),
            ),
        )
        .select_related("submitted_by"),
        pk=pk,
    )
    return output


@for_visitors
def output(request, pk):
    found = _output_for(request, pk)
    themes = [theme.pk for theme in found.themes.all()]
    related = (
        Output.objects.public()
        .exclude(pk=found.pk)
        .filter(themes__in=themes)
        .distinct()
        .for_cards()[:RELATED_OUTPUTS]
        if themes
        else Output.objects.none()
    )
    return render(
        request,
        "portal/output.html",
        {
            **seo.page(
                request,
                description=found.abstract_html,
                data=seo.output(found),
                og_type="article",
            ),
            "title": found.title,
            "output": found,
            "related": related,
            "can_edit": permissions.can_edit(request.user, found),
        },
    )


def output_pdf(request, pk):
    found = get_object_or_404(Output.objects.visible_to(request.user), pk=pk)
    if not found.pdf:
        raise Http404
    response = FileResponse(
        found.pdf.open("rb"),
        as_attachment=True,
        filename=download_name(found.title),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "public, max-age=3600" if found.is_public else "private"
    return response


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
            who=_who(request),
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
        found, _promoted = actions.cancel_registration(token, who=_who(request))
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


@for_visitors
def practices(request):
    page = Paginator(public_practices(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/practices.html",
        {**seo.page(request), "title": _("Good practices"), "page": page},
    )


@for_visitors
def practice(request, pk):
    found = get_object_or_404(public_practices().prefetch_related("sdgs"), pk=pk)
    return render(request, "portal/practice.html", {"title": found.thread.title, "practice": found})


@for_visitors
def experts(request):
    page = Paginator(public_profiles().order_by("search_name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "portal/experts.html", {**seo.page(request), "title": _("Experts"), "page": page}
    )


def _who(request):
    """Whom the rate limiter counts: the member, or a visitor's address."""
    if request.user.is_authenticated:
        return request.user
    return actions.visitor(request.META.get("REMOTE_ADDR", ""))


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.subscribe(
            email=form.cleaned_data["email"],
            topic=form.cleaned_data["topic"],
            theme=form.cleaned_data["theme"],
            region=form.cleaned_data["region"],
            who=_who(request),
        )
        return render(
            request,
            "portal/subscribe_sent.html",
            {"title": _("Check your inbox"), "email": form.cleaned_data["email"]},
        )
    return render(
        request,
        "portal/subscribe.html",
        {**seo.page(request), "title": _("Get updates by email"), "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def confirm_subscription(request, token):
    if request.method == "POST":
        subscription, confirmed = actions.confirm_subscription(token)
        state = "invalid" if subscription is None else "done" if confirmed else "already"
    else:
        found = StakeholderSubscription.objects.filter(token=token).first()
        state = "invalid" if found is None else "already" if found.is_confirmed else "ask"
    return render(
        request,
        "portal/subscription_confirm.html",
        {"title": _("Confirm your subscription"), "state": state, "token": token},
        status=404 if state == "invalid" else 200,
    )


@csrf_exempt  # the secret token is the credential; mail clients POST here (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        state = "done" if actions.unsubscribe(token) else "invalid"
    else:
        exists = StakeholderSubscription.objects.filter(token=token).exists()
        state = "ask" if exists else "invalid"
    return render(
        request,
        "portal/unsubscribe.html",
        {"title": _("Unsubscribe"), "state": state, "token": token},
        status=404 if state == "invalid" else 200,
    )


def robots(request):
    return render(
        request,
        "portal/robots.txt",
        {"sitemap_url": seo.absolute(reverse("portal:sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


# --- Members: submissions -------------------------------------------------------------------


def mine(request):
    user = request.user
    return render(
        request,
        "portal/mine.html",
        {
            "title": _("Your outputs and events"),
            "outputs": Output.objects.filter(submitted_by=user).order_by("-updated"),
            "events": Event.objects.filter(submitted_by=user).order_by("-updated"),
        },
    )


def _prefill_page(request, item, template, title):
    """The output form again, its empty fields filled from Crossref's record of the typed DOI;
    everything the member typed stays (a chosen PDF must be chosen again: browsers forget it)."""
    form = OutputForm(request.POST, instance=item)
    doi = normalize_doi(request.POST.get("doi", ""))
    error = None
    if not doi:
        error = _("Type the DOI first, such as 10.1234/abc.")
    elif not DOI.match(doi):
        error = _("A DOI looks like 10.1234/abc.")
    else:
        try:
            actions.look_up_doi(request.user, doi)
            found = crossref.fetch(doi)
        except crossref.CrossrefError as failure:
            error = str(failure)
    if error is None:
        initial, filled = prefill_from(request.POST, found)
        initial["doi"] = doi
        form = OutputForm(initial=initial, instance=item)
        if filled:
            text = _("Filled in from Crossref: %(fields)s. Check them before you save.") % {
                "fields": ", ".join(filled)
            }
        else:
            text = _("Crossref had nothing for the empty fields; nothing was changed.")
        if request.FILES:
            text += " " + _("Choose the PDF again: browsers do not keep it.")
        messages.info(request, text)
        status = 200
    else:
        # What was typed stays; only the DOI field carries the message.
        form = OutputForm(initial=_typed(request.POST), instance=item)
        form.prefill_error = error
        status = 400
    return render(
        request,
        template,
        {"form": form, "item": item, "title": title, "prefill": True},
        status=status,
    )


def _typed(data) -> dict:
    initial = {key: data.get(key) for key in data}
    for name in OutputForm.RELATIONS:
        initial[name] = data.getlist(name)
    return initial


def _edit_page(request, form_class, item, save, template, title):
    if item.pk and not permissions.can_edit(request.user, item):
        raise PermissionDenied(_("You may not change this."))
    if form_class is OutputForm and request.method == "POST" and "prefill" in request.POST:
        return _prefill_page(request, item, template, title)
    form = form_class(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        saved = save(form, submit)
        messages.success(
            request,
            _("Sent to the moderators for review.")
            if submit and saved.status == Status.SUBMITTED
            else _("Saved."),
        )
        return redirect(saved)
    return render(
        request,
        template,
        {"form": form, "item": item, "title": title, "prefill": form_class is OutputForm},
        status=400 if form.errors else 200,
    )


def _save_output(request):
    def save(form, submit):
        return actions.save_output(
            request.user,
            form.instance,
            relations=form.relations(),
            authors=form.cleaned_data["authors_text"],
            submit=submit,
        )

    return save


def _save_event(request):
    def save(form, submit):
        return actions.save_event(
            request.user, form.instance, relations=form.relations(), submit=submit
        )

    return save


@require_http_methods(["GET", "POST"])
def output_new(request):
    if not permissions.can_submit(request.user):
        raise PermissionDenied
    return _edit_page(
        request,
        OutputForm,
        Output(),
        _save_output(request),
        "portal/output_form.html",
        _("Submit a research output"),
    )


@require_http_methods(["GET", "POST"])
def output_edit(request, pk):
    found = get_object_or_404(Output.objects.visible_to(request.user), pk=pk)
    return _edit_page(
        request,
        OutputForm,
        found,
        _save_output(request),
        "portal/output_form.html",
        _("Edit the output"),
    )


@require_http_methods(["GET", "POST"])
def event_new(request):
    if not permissions.can_submit(request.user):
        raise PermissionDenied
    return _edit_page(
        request,
        EventForm,
        Event(),
        _save_event(request),
        "portal/event_form.html",
        _("Propose an event"),
    )


@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    found = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    return _edit_page(
        request,
        EventForm,
        found,
        _save_event(request),
        "portal/event_form.html",
        _("Edit the event"),
    )


# --- Moderators ---------------------------------------------------------------------------------


def _require_reviewer(request):
    if not permissions.can_review(request.user):
        raise PermissionDenied(_("Only moderators review the portal."))


def moderation(request):
    """Outputs and events awaiting review, oldest first, in one list; then the curated
    practices and whether the public site shows them."""
    _require_reviewer(request)
    outputs = list(Output.objects.awaiting_review().select_related("submitted_by")[:100])
    events = list(Event.objects.awaiting_review().select_related("submitted_by")[:100])
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
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.review(
                request.user,
                item,
                form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Review saved."))
            return redirect("moderation:portal")
    return render(
        request,
        "portal/review.html",
        {"form": form, "item": item, "title": _("Review: %(title)s") % {"title": item.title}},
        status=400 if form.errors else 200,
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
