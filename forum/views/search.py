"""Searching posts, and the member names that @mentions complete."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import User
from core.text import strip_invisible

from .. import permissions, search
from ..filters import SearchFilter
from ..forms import SearchForm
from ..models import Post
from .common import RESULTS_PER_PAGE


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    posts = Post.objects.visible_to(request.user)
    if not permissions.can_moderate(request.user):
        posts = posts.readable()
    filterset = SearchFilter(
        request.GET, queryset=posts.select_related("thread", "author__profile")
    )
    results = search.search_posts(filterset.qs, query) if query else Post.objects.none()
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    for result in page.object_list:
        result.excerpt = search.highlight(result, query)
        result.title_html = search.highlight_title(result, query)
    return render(
        request,
        "forum/search.html",
        {"form": form, "filter": filterset, "query": query, "page": page, "title": _("Search")},
    )


@require_GET
def member_names(request: HttpRequest) -> JsonResponse:
    """Autocomplete for @mentions: up to 10 members whose name contains ``q``."""
    query = strip_invisible(request.GET.get("q", "")).strip()[:60]
    if len(query) < 1:
        return JsonResponse({"results": []})
    people = (
        User.objects.members()
        .filter(display_name__icontains=query)
        .select_related("institute")
        .order_by("display_name")[:10]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "name": person.display_name,
                    "institute": person.institute.acronym if person.institute else "",
                }
                for person in people
            ]
        }
    )
