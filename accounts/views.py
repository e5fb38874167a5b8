from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from . import actions, permissions
from .actions import MODERATORS_GROUP
from .filters import ApplicationFilter, PeopleFilter
from .forms import ApplicationForm, DeactivationForm, DecisionForm
from .models import Application, MembershipEvent, User

PAGE_SIZE = 25


def _require_moderator(request: HttpRequest) -> None:
    if not permissions.is_moderator(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """The one page a signed-in non-member sees: where their membership stands, and how to apply."""
    user = request.user
    if user.is_member:
        return redirect("home")
    application = user.applications.first()
    form = None
    if user.status in {User.Status.NEW, User.Status.DECLINED}:
        form = ApplicationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            actions.apply_for_membership(user, **form.cleaned_data)
            messages.success(request, _("Thank you. Moderators will review your application."))
            return redirect("accounts:status")
    elif request.method == "POST":
        return HttpResponse(_("You have nothing to submit here."), status=409)
    verified = user.emailaddress_set.filter(verified=True).exists()
    return render(
        request,
        "accounts/status.html",
        {
            "application": application,
            "form": form,
            "verified": verified,
            "title": _("Your membership"),
        },
        status=400 if form is not None and form.errors else 200,
    )


def settings_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/settings.html", {"title": _("Account")})


def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    data = request.GET.copy()
    data.setdefault("status", Application.Status.PENDING)
    filterset = ApplicationFilter(
        data, queryset=Application.objects.select_related("user", "institute", "decided_by")
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/queue.html",
        {"filter": filterset, "page": page, "title": _("Membership applications")},
    )


@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    application = get_object_or_404(Application.objects.select_related("user", "institute"), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if application.status != Application.Status.PENDING:
            messages.error(request, _("This application was already decided."))
            return redirect("moderation:applications")
        reason = form.cleaned_data["reason"]
        if form.cleaned_data["decision"] == "approve":
            actions.approve_application(request.user, application, reason=reason)
            messages.success(
                request, _("%(name)s is now a member.") % {"name": application.user.display_name}
            )
        else:
            actions.decline_application(request.user, application, reason=reason)
            messages.success(
                request, _("The application was declined; the applicant has been told.")
            )
        return redirect("moderation:applications")
    return render(
        request,
        "accounts/decide.html",
        {"application": application, "form": form, "title": _("Review application")},
        status=400 if form.errors else 200,
    )


def people(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    filterset = PeopleFilter(
        request.GET,
        queryset=User.objects.select_related("institute")
        .annotate(
            moderates=Exists(
                User.groups.through.objects.filter(
                    user_id=OuterRef("pk"), group__name=MODERATORS_GROUP
                )
            )
        )
        .order_by("display_name", "pk"),
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "accounts/people.html", {"filter": filterset, "page": page, "title": _("People")}
    )


@require_http_methods(["GET", "POST"])
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    member = get_object_or_404(User, pk=pk)
    actions.refuse_former_member(member)
    if not permissions.can_deactivate(request.user, member):
        raise PermissionDenied
    reactivating = member.status == User.Status.DEACTIVATED
    form = DeactivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if reactivating:
            actions.reactivate_member(request.user, member, reason=form.cleaned_data["reason"])
            messages.success(
                request, _("%(name)s is active again.") % {"name": member.display_name}
            )
        else:
            actions.deactivate_member(request.user, member, reason=form.cleaned_data["reason"])
            messages.success(
                request,
                _("%(name)s has been deactivated and signed out.") % {"name": member.display_name},
            )
        return redirect("moderation:person", member.pk)
    history = MembershipEvent.objects.filter(user=member).select_related("actor")[:20]
    return render(
        request,
        "accounts/deactivate.html",
        {
            "member": member,
            "form": form,
            "reactivating": reactivating,
            "history": history,
            "title": _("Reactivate member") if reactivating else _("Deactivate member"),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's language switcher: Django's ``set_language`` (the cookie, and back to the
    same page in the new language), and for a signed-in person their choice remembered.
    An unknown code changes nothing: the page comes back in the language it had."""
    # The page's URL is read in its own language, so that /fr/outputs/ becomes /es/outputs/.
    page = urlsplit(request.POST.get("next", request.headers.get("referer", ""))).path
    with translation.override(translation.get_language_from_path(page) or settings.LANGUAGE_CODE):
        response = django_set_language(request)
    if request.user.is_authenticated:
        try:
            code = translation.get_supported_language_variant(request.POST.get("language", ""))
        except LookupError:
            return response
        actions.choose_language(request.user, code)
    return response
