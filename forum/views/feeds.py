"""A member's feed addresses (the feeds themselves are ``forum.feeds``)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import actions
from ..models import Category


@require_GET
def feeds(request: HttpRequest) -> HttpResponse:
    token = actions.feed_token_for(request.user)
    categories = Category.objects.all()
    return render(
        request,
        "forum/feeds.html",
        {"token": token, "categories": categories, "title": _("Your feeds")},
    )


@require_POST
def reset_feed_token(request: HttpRequest) -> HttpResponse:
    actions.reset_feed_token(request.user)
    messages.success(request, _("Your feed addresses changed; the old ones no longer work."))
    return redirect("forum:feeds")
