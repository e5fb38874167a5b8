"""Finding people: the directory and its CSV export, the overview charts, collaborators."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from accounts.permissions import is_member
from core import fragments, freshness
from core.spreadsheets import csv_safe

from .. import actions, charts, filter_options, matching, permissions, result_cards
from ..filters import (
    COUNTS_CACHE_SECONDS,
    ProfileFilter,
    ResultPaginator,
    counts_key,
    directory_profiles,
    summary,
    versions_or_none,
)
from ..forms import (
    CollaboratorsForm,
)

PAGE_SIZE = 20
MAX_QUERY_PARAMETERS = 200


def _filtered(request):
    """The FilterSet for the request, or an error message for input we refuse outright."""
    if sum(len(values) for _key, values in request.GET.lists()) > MAX_QUERY_PARAMETERS:
        return None, _("Too many filters at once; remove some and try again.")
    filterset = ProfileFilter(request.GET or None, queryset=directory_profiles(request.user))
    if filterset.is_bound and not filterset.is_valid():
        return filterset, _("Some filters were not understood; check the highlighted choices.")
    return filterset, None


def index(request):
    filterset, problem = _filtered(request)
    if filterset is None:
        return render(
            request,
            "directory/index.html",
            {"title": _("Directory"), "problem": problem, "filter": None},
            status=400,
        )
    panel_key = None
    if problem:
        count, counts, profiles = 0, None, []
    else:
        audience = "members" if is_member(request.user) else "public"
        tokens = versions_or_none()  # one round trip for the counts' and the cards' tokens
        count, counts = summary(filterset, audience=audience, tokens=tokens)
        profiles = filterset.cards(count, tokens[1] if tokens else None)
        if tokens:
            panel_key = counts_key(filterset, audience=audience, tokens=tokens)
    page = ResultPaginator(profiles, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    context = {
        "title": _("Directory"),
        "filter": filterset,
        "page": page,
        "cards_html": result_cards.rendered(page.object_list),
        "counts": counts,
        "filters_html": filters_panel(counts, panel_key),
        "problem": problem,
        "estimated": bool(counts and counts.estimated),
        "ranked_among": filterset.ranked_among(count),
        "can_export": permissions.can_export(request.user),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "directory/index.html", context, status=400 if problem else 200)


PANEL_TEMPLATE = "directory/_filters_panel.html"
# The filters' panels rendered in this process, under the key of the counts they show: their
# options are most of the page's HTML (tens of KB each), so only the last few are remembered.
panels = freshness.Memory(size=32)


def filters_panel(counts, key: str | None) -> str:
    """The filters' panel (every option with its count) for ``counts``, rendered once per
    process for the counts kept under ``key`` (``filters.counts_key``: the filter state, the
    language, the version tokens, so a change renders it anew) and the template's text; rendered
    every time without a key (the cache unreachable) or with ``core.fragments`` off."""
    if counts is None:
        return ""
    if key is None or not fragments.enabled():
        return render_to_string(PANEL_TEMPLATE, {"counts": counts})
    key = f"{key}:{fragments.template_version(PANEL_TEMPLATE, FACET_TEMPLATE)}"
    html = panels.get(key)
    if html is freshness.MISSING:
        html = render_to_string(PANEL_TEMPLATE, {"counts": counts})
        panels.put(key, html, COUNTS_CACHE_SECONDS)
    return html


FACET_TEMPLATE = "directory/_facet.html"


def export_csv(request):
    if not permissions.can_export(request.user):
        raise PermissionDenied
    filterset, problem = _filtered(request)
    if problem:
        return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
    rows = filterset.qs.for_cards().prefetch_related("methods").iterator(chunk_size=500)

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    header = [
        _("Name"),
        _("Email"),
        _("Institute"),
        _("Position"),
        _("Themes"),
        _("Methods"),
        _("Countries"),
        _("Regions"),
        _("ORCID iD"),
        _("Profile"),
    ]

    def row(cells):
        return writer.writerow([csv_safe(str(cell)) for cell in cells])

    def lines():
        yield "\ufeff" + row(header)
        for profile in rows:
            yield row(
                [
                    profile.user.display_name,
                    profile.user.email,
                    profile.user.institute.acronym if profile.user.institute_id else "",
                    profile.position,
                    "; ".join(t.label for t in profile.themes.all()),
                    "; ".join(m.label for m in profile.methods.all()),
                    "; ".join(c.label for c in profile.countries.all()),
                    "; ".join(r.label for r in profile.regions.all()),
                    profile.orcid,
                    request.build_absolute_uri(profile.get_absolute_url()),
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "directory.csv")
    return response


def collaborators(request):
    """Find collaborators: by the chosen terms, or by one's own profile when nothing is chosen."""
    form = CollaboratorsForm(request.GET or None)
    criteria = {}
    if form.is_bound and form.is_valid() and any(form.cleaned_data.values()):
        criteria = {name: list(value) for name, value in form.cleaned_data.items()}
    elif is_member(request.user):
        own = actions.ensure_profile(request.user)
        criteria = {
            "themes": list(own.themes.all()),
            "methods": list(own.methods.all()),
            "regions": list(own.regions.all()),
            "countries": list(own.countries.all()),
        }
    matches = matching.experts_for(**criteria, exclude_user_ids=[request.user.pk], limit=20)
    return render(
        request,
        "directory/collaborators.html",
        {"title": _("Find collaborators"), "form": form, "matches": matches},
        status=400 if form.is_bound and form.errors else 200,
    )


def overview(request):
    """The network at a glance: the directory's own counts for everyone it lists, as charts.

    The numbers are the unfiltered directory's option counts (computed and kept exactly as for
    the directory page, estimated from a sample when the network is huge), so every bar agrees
    with the filtered directory it links to.
    """
    audience = "members" if is_member(request.user) else "public"
    everyone = ProfileFilter(None, queryset=directory_profiles(request.user))
    total, counts = summary(everyone, audience=audience)
    index_url = reverse("directory:index")

    def top_level(name):
        return [option for option in counts[name] if option.depth == 0]

    institutes = sorted(counts["institute"], key=lambda option: (-option.count, option.value))
    regions = {option.value: option.count for option in top_level("region")}
    context = {
        "title": _("The network at a glance"),
        "total": total,
        "estimated": counts.estimated,
        "charts": [
            charts.bar_chart(
                _("Members by institute"),
                [(o.label, o.count, f"{index_url}?institute={o.value}") for o in institutes],
            ),
            charts.bar_chart(
                _("Members by focus area"),
                [(o.label, o.count, f"{index_url}?theme={o.value}") for o in top_level("theme")],
            ),
            charts.bar_chart(
                _("Members by region of focus"),
                [
                    (term.label, regions.get(term.value, 0), f"{index_url}?region={term.value}")
                    for term in filter_options.option_lists()["region"]
                    if term.depth == 0
                ],
            ),
        ],
    }
    return render(request, "directory/overview.html", context)
