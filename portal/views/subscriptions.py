"""Stakeholders' email updates: subscribe, confirm (double opt-in) and unsubscribe (one click)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.views import form_page

from .. import actions, seo
from ..forms import SubscriptionForm
from ..models import StakeholderSubscription
from .common import who


@require_http_methods(["GET", "POST"])
def subscribe(request):
    def act(data):
        actions.subscribe(
            email=data["email"],
            topic=data["topic"],
            theme=data["theme"],
            region=data["region"],
            who=who(request),
        )
        return render(
            request,
            "portal/subscribe_sent.html",
            {"title": _("Check your inbox"), "email": data["email"]},
        )

    return form_page(
        request,
        SubscriptionForm(request.POST or None),
        "portal/subscribe.html",
        {**seo.page(request), "title": _("Get updates by email")},
        act=act,
        then="",  # act answers itself
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
