"""Watching or muting a thread or a category."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import actions
from ..models import Category
from .common import visible_thread


def _set_level(request, done: str, **target) -> HttpResponse:
    try:
        actions.set_subscription(request.user, request.POST.get("level") or None, **target)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    messages.success(request, done)
    return redirect(*target.values())


@require_POST
def subscribe_thread(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_level(
        request,
        _("Your notification setting for this thread is saved."),
        thread=visible_thread(request, pk),
    )


@require_POST
def subscribe_category(request: HttpRequest, slug: str) -> HttpResponse:
    return _set_level(
        request,
        _("Your notification setting for this category is saved."),
        category=get_object_or_404(Category, slug=slug),
    )
