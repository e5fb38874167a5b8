"""Moderators decide on the keywords members propose."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import filtered_page

from .. import actions, permissions
from ..forms import (
    KeywordDecisionForm,
)
from ..models import Keyword, Theme
from .browse import PAGE_SIZE


class KeywordQueueFilter(django_filters.FilterSet):
    """The keyword queue opens on the proposed ones; the decided ones stay findable."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Keyword"))
    status = django_filters.ChoiceFilter(
        choices=Keyword.Status.choices, empty_label=_("Any status"), label=_("Status")
    )

    class Meta:
        model = Keyword
        fields = ["q", "status"]


def _queue_page(request, form, **extra):
    found, page = filtered_page(
        request,
        KeywordQueueFilter,
        Keyword.objects.select_related("proposed_by__profile")
        .annotate(holders=Count("profile"))
        .order_by("created", "pk"),
        PAGE_SIZE,
        status=Keyword.Status.PROPOSED,
    )
    return render(
        request,
        "directory/keyword_queue.html",
        {
            "title": _("Proposed keywords"),
            "filter": found,
            "page": page,
            "form": form,
            "themes": list(Theme.objects.leaves()),
            "approved_keywords": list(Keyword.objects.approved()),
            **extra,
        },
        status=400 if form.errors else 200,
    )


def keyword_queue(request):
    if not permissions.can_moderate_keywords(request.user):
        raise PermissionDenied
    return _queue_page(request, KeywordDecisionForm())


@require_POST
def decide_keyword(request, pk):
    if not permissions.can_moderate_keywords(request.user):
        raise PermissionDenied
    keyword = get_object_or_404(Keyword, pk=pk)
    form = KeywordDecisionForm(request.POST)
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        target = {"keyword": form.cleaned_data["keyword"], "theme": form.cleaned_data["theme"]}
        try:
            if decision == "approve":
                actions.approve_keyword(request.user, keyword)
            elif decision == "merge":
                actions.merge_keyword(
                    request.user,
                    keyword,
                    into_keyword=target["keyword"],
                    into_theme=target["theme"],
                )
            else:
                actions.record_synonym(
                    request.user, keyword, of_keyword=target["keyword"], of_theme=target["theme"]
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(name)s” is decided.") % {"name": keyword.name})
            return redirect("moderation:keywords")
    messages.error(request, " ".join(form.non_field_errors() or [_("Check the decision.")]))
    return _queue_page(request, form, failed=keyword)
