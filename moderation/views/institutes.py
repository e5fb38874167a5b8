from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import administration
from accounts.models import Institute, InstituteDomain
from core.views import filtered_page

from ..filters import InstituteFilter
from ..forms import DomainForm, InstituteForm, ReasonForm
from .common import PAGE_SIZE, button_act, require_admin


@require_GET
def institutes(request: HttpRequest) -> HttpResponse:
    require_admin(request)
    found, page = filtered_page(
        request,
        InstituteFilter,
        Institute.objects.annotate(
            member_count=Count("people", filter=Q(people__status="member", people__is_active=True))
        )
        .prefetch_related("domains")
        .order_by("acronym"),
        PAGE_SIZE,
    )
    return render(
        request,
        "moderation/institutes.html",
        {"filter": found, "page": page, "title": _("Institutes")},
    )


def _institute_page(request, institute, form, domain_form, status=200):
    domains = list(institute.domains.all()) if institute.pk else []
    return render(
        request,
        "moderation/institute.html",
        {
            "institute": institute,
            "form": form,
            "domain_form": domain_form,
            "retire_form": ReasonForm(),
            "domains": domains,
            "title": institute.acronym if institute.pk else _("Add an institute"),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def institute(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add an institute (with its first domain) or edit one and manage its domains."""
    require_admin(request)
    instance = get_object_or_404(Institute, pk=pk) if pk else Institute()
    form = InstituteForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = administration.save_institute(
                request.user, form.save(commit=False), domain=form.cleaned_data.get("domain", "")
            )
        except ValidationError as error:  # a domain taken meanwhile: nothing was saved
            instance.pk = pk
            form.add_error("domain" if "domain" in form.fields else None, error)
        else:
            messages.success(request, _("%(acronym)s is saved.") % {"acronym": saved.acronym})
            return redirect("moderation:institute", saved.pk)
    return _institute_page(
        request, instance, form, DomainForm(), status=400 if form.errors else 200
    )


@require_POST
def add_domain(request: HttpRequest, pk: int) -> HttpResponse:
    require_admin(request)
    institute = get_object_or_404(Institute, pk=pk)
    domain_form = DomainForm(request.POST, institute=institute)
    if domain_form.is_valid():
        try:
            added = administration.add_domain(
                request.user, institute, domain_form.cleaned_data["domain"]
            )
        except ValidationError as error:
            domain_form.add_error("domain", error)
        else:
            messages.success(request, _("%(domain)s is added.") % {"domain": added.domain})
            return redirect("moderation:institute", institute.pk)
    return _institute_page(request, institute, InstituteForm(instance=institute), domain_form, 400)


@require_POST
def retire_domain(request: HttpRequest, pk: int) -> HttpResponse:
    return _domain_change(request, pk, retire=True)


@require_POST
def restore_domain(request: HttpRequest, pk: int) -> HttpResponse:
    return _domain_change(request, pk, retire=False)


def _domain_change(request, pk, *, retire: bool) -> HttpResponse:
    require_admin(request)
    domain = get_object_or_404(InstituteDomain.objects.select_related("institute"), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if retire:
        act = partial(administration.retire_domain, request.user, domain, reason=reason)
        text = _("%(domain)s is retired: new sign-ups there no longer join; its members stay.")
    else:
        act = partial(administration.restore_domain, request.user, domain)
        text = _("%(domain)s admits new sign-ups again.")
    back = ("moderation:institute", domain.institute_id)
    return button_act(request, act, text % {"domain": domain.domain}, back)
