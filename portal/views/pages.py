"""The public site's own pages: home, about, contact, institutes, the one search, practices,
experts, robots.txt."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Institute
from accounts.permissions import is_member
from core.content_language import name_local

from .. import actions, seo
from .. import search as portal_search
from ..caching import for_visitors
from ..forms import ContactForm
from ..models import Event, Output
from ..public import next_events, public_practices, public_profiles
from ..translations import CHOSEN
from .common import (
    HOME_BRIEFS,
    HOME_EVENTS,
    HOME_OUTPUTS,
    HOME_PRACTICES,
    INSTITUTE_LIST,
    PAGE_SIZE,
    who,
)


@for_visitors
def home(request):
    outputs = Output.objects.public().in_language(get_language()).for_cards()  # each work once
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
            "practices": public_practices().in_language(get_language())[:HOME_PRACTICES],
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
                who=who(request),
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
            .in_language(get_language())
            .filter(institutes=found)
            .for_cards()[:INSTITUTE_LIST],
            "events": next_events().filter(institutes=found).for_cards()[:INSTITUTE_LIST],
            "past_events": Event.objects.public()
            .past()
            .filter(institutes=found)
            .for_cards()[:INSTITUTE_LIST],
        },
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


@for_visitors
def practices(request):
    shown = public_practices().in_language(get_language())  # each work once
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/practices.html",
        {**seo.page(request), "title": _("Good practices"), "page": page},
    )


@for_visitors
def practice(request, pk):
    found = get_object_or_404(public_practices().prefetch_related("sdgs"), pk=pk)
    versions = [
        {
            "language": version.thread.language,
            "name": name_local(version.thread.language),
            "url": reverse("portal:practice", args=[version.pk]) + f"?{CHOSEN}=1",
            "pk": version.pk,
        }
        for version in public_practices().versions_of(found).exclude(pk=found.pk)
    ]
    language = get_language()
    if found.thread.language != language and CHOSEN not in request.GET:
        # The visitor's language has a version of this practice: show that one.
        for version in versions:
            if version["language"] == language:
                return redirect(reverse("portal:practice", args=[version["pk"]]))
    return render(
        request,
        "portal/practice.html",
        {"title": found.thread.title, "practice": found, "versions": versions},
    )


@for_visitors
def experts(request):
    page = Paginator(public_profiles().order_by("search_name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "portal/experts.html", {**seo.page(request), "title": _("Experts"), "page": page}
    )


def robots(request):
    return render(
        request,
        "portal/robots.txt",
        {"sitemap_url": seo.absolute(reverse("portal:sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
