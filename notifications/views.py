from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.ratelimit import RateLimited

from . import actions, emails, kinds, unread
from .forms import PreferencesForm, ShowFilter
from .models import Notification, Preference

PER_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    show_form = ShowFilter(request.GET)
    show = show_form.cleaned_data["show"] if show_form.is_valid() else "all"
    notifications = Notification.objects.for_user(request.user).select_related("actor")
    if show == "unread":
        notifications = notifications.unread()
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/index.html",
        {
            "page": page,
            "show": show,
            "unread": unread.count(request.user),
            "title": _("Notifications"),
        },
    )


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    # A path of this site only: ``redirect()`` takes anything else for a URL name to reverse.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("notifications:index")


def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to its target, marking it read on the way."""
    try:
        notification = actions.mark_read(request.user, pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    except RateLimited:
        # Marking read is the lesser part: the member still gets where the link leads.
        notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notifications:index")


@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        actions.mark_read(request.user, pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    return redirect(_back(request))


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    actions.mark_all_read(request.user)
    return redirect(_back(request))


def preferences(request: HttpRequest) -> HttpResponse:
    deliveries = Preference.objects.deliveries(request.user)
    form = PreferencesForm(request.POST or None, deliveries=deliveries)
    if request.method == "POST":
        if form.is_valid():
            actions.save_preferences(request.user, form.cleaned_data)
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("notifications:preferences")
        status = 400
    else:
        status = 200
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "title": _("Notification preferences")},
        status=status,
    )


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user_id, kind = emails.read_unsubscribe_token(token)
        user = User.objects.get(pk=user_id)
    except (signing.BadSignature, User.DoesNotExist):
        return render(
            request,
            "notifications/unsubscribe_invalid.html",
            {"title": _("Unsubscribe link not valid")},
            status=400,
        )
    label = None if kind == emails.ALL_KINDS else kinds.KINDS[kind].label
    context = {"token": token, "kind_label": label, "title": _("Unsubscribe")}
    if request.method == "POST":
        context["stopped"] = [kinds.KINDS[name].label for name in actions.unsubscribe(user, kind)]
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)
