"""Research outputs and policy briefs: the filtered list, a detail page with related outputs, the
PDF download."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import permissions, seo
from ..caching import for_visitors
from ..filters import OutputFilter
from ..models import Output, OutputAuthor
from ..pdf import download_name
from ..translations import CHOSEN, other_versions
from .common import PAGE_SIZE, RELATED_OUTPUTS


@for_visitors
def outputs(request):
    shown = Output.objects.public().in_language(get_language())  # each work once
    filterset = OutputFilter(request.GET or None, queryset=shown.for_cards())
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
    versions = other_versions(found)
    language = get_language()
    if found.language != language and CHOSEN not in request.GET:
        # The visitor's language has a version of this work: show that one.
        for version in versions:
            if version["language"] == language:
                return redirect(reverse("portal:output", args=[version["pk"]]))
    themes = [theme.pk for theme in found.themes.all()]
    related = (
        Output.objects.public()
        .exclude(pk__in=[found.pk, *(version["pk"] for version in versions)])
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
            "versions": versions,
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
