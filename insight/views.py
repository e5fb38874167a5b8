"""Network insight pages: bridges between themes, collaboration across institutes.

Members' versions (``/insight/...``) count what every member sees; the public versions
(``/network/...``) only public content. Both read the kept results (``insight.snapshot``);
only one chosen pair of themes is read per request, through the directory's own filter.
"""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from directory.models import Theme
from forum.models import Thread
from portal import seo

from . import audiences, bridges, collaboration, graph, snapshot
from .forms import PairForm, RegionPairForm

PEOPLE_SHOWN = 24
UNDER_CONNECTED_LIFT = 0.5  # a cell is marked when fewer than half the expected combine


def _frame(request, audience: str) -> dict:
    if audience == audiences.PUBLIC:
        return {"base_template": "portal/_base.html", "public": True, **seo.page(request)}
    return {"base_template": "base.html", "public": False}


def _names(found: bridges.Bridges):
    return {pk: _(name) for pk, (name, _slug, _parent) in found.themes.items()}


def _pair_url(namespace: str, a_slug: str, b_slug: str) -> str:
    return reverse(f"{namespace}:bridges") + "?" + urlencode({"a": a_slug, "b": b_slug}) + "#pair"


def _directory_url(a_slug: str, b_slug: str | None = None) -> str:
    query = {"theme": a_slug} if b_slug is None else {"theme": a_slug, "also": b_slug}
    return reverse("directory:index") + "?" + urlencode(query)


def matrix(found: bridges.Bridges, namespace: str, public: bool) -> list[dict]:
    names = _names(found)
    rows = []
    for a, _name, a_slug in found.areas:
        cells = []
        for b, _other, b_slug in found.areas:
            if a == b:
                count = found.held.get(a, 0)
                lift = None
            else:
                count = found.area_pairs.get(bridges.key(a, b), 0)
                lift = found.lift(a, b)
            cells.append(
                {
                    "area": names[b],
                    "count": count,
                    "diagonal": a == b,
                    "initiatives": 0
                    if a == b
                    else found.area_initiatives.get(bridges.key(a, b), 0),
                    "outputs": 0 if a == b else found.area_outputs.get(bridges.key(a, b), 0),
                    "under": lift is not None and lift < UNDER_CONNECTED_LIFT,
                    "people_url": None
                    if public
                    else _directory_url(a_slug, None if a == b else b_slug),
                    "pair_url": None if a == b else _pair_url(namespace, a_slug, b_slug),
                }
            )
        rows.append({"area": names[a], "held": found.held.get(a, 0), "cells": cells})
    highest = max(
        (c["count"] for row in rows for c in row["cells"] if not c["diagonal"]), default=0
    )
    for row in rows:
        for cell in row["cells"]:
            cell["level"] = (
                0
                if not cell["count"] or cell["diagonal"]
                else 1 + (2 * cell["count"]) // max(highest, 1)
            )
    return rows


def _bridges(request, audience: str, namespace: str):
    found = snapshot.result("bridges", audience)
    names = _names(found)
    public = audience == audiences.PUBLIC
    asked = "a" in request.GET or "b" in request.GET
    form = PairForm(request.GET if asked else None, themes=found.themes)
    pair = None
    chosen = form.themes() if asked else None
    if chosen:
        a, b = chosen
        people = bridges.people(request.user if not public else None, a, b)
        pair = {
            "a": a,
            "b": b,
            "count": people.count(),
            "people": list(people[:PEOPLE_SHOWN]),
            "initiatives": list(bridges.joining_initiatives(audience, a, b)),
            "outputs": list(bridges.joining_outputs(audience, a, b)),
            "threads": []
            if public
            else list(
                Thread.objects.visible_to(request.user)
                .filter(kind=Thread.Kind.DISCUSSION)
                .filter(pk__in=Thread.objects.filter(themes__in=_expanded(a)).values("pk"))
                .filter(pk__in=Thread.objects.filter(themes__in=_expanded(b)).values("pk"))
                .order_by("-last_activity")[:10]
            ),
            "directory_url": None if public else _directory_url(a.slug, b.slug),
        }
    under = [
        {
            "a": names[a],
            "b": names[b],
            "held_a": found.held.get(a, 0),
            "held_b": found.held.get(b, 0),
            "both": both,
            "url": _pair_url(namespace, found.themes[a][1], found.themes[b][1]),
        }
        for a, b, both, _lift in found.under_connected
    ]
    context = {
        **_frame(request, audience),
        "title": _("Bridges between themes"),
        "fragment": snapshot.fragment_key("bridges", audience),
        "namespace": namespace,
        "total": found.total,
        # Built only when the kept fragment of the page is missing (templates/insight/bridges.html).
        "matrix": lambda: matrix(found, namespace, public),
        "under_connected": under,
        "form": form,
        "pair": pair,
        "status": 400 if asked and not chosen else 200,
    }
    return render(request, "insight/bridges.html", context, status=context["status"])


def _expanded(theme):
    return Theme.objects.expand([theme])


def _collaboration(request, audience: str, namespace: str):
    found: collaboration.Collaboration = snapshot.result("collaboration", audience)
    acronyms = {pk: acronym for pk, acronym, _name in found.institutes}
    rows = [
        {
            "institute": acronym,
            "name": name,
            "members": found.members.get(pk, 0),
            "cells": [
                dict(zip(("works", "initiatives"), found.cell(pk, other), strict=True))
                | {"with": acronyms[other], "diagonal": pk == other}
                for other, _a, _n in found.institutes
            ],
        }
        for pk, acronym, name in found.institutes
    ]
    pairs = sorted(
        (
            {
                "a": acronyms[a],
                "b": acronyms[b],
                "works": found.cell(a, b)[0],
                "initiatives": found.cell(a, b)[1],
            }
            for a, b in {*found.works, *found.initiatives}
            if a != b and a in acronyms and b in acronyms
        ),
        key=lambda row: (-(row["works"] + row["initiatives"]), row["a"], row["b"]),
    )
    nodes = [
        {
            "acronym": acronym,
            "name": name,
            "x": found.layout[pk][0],
            "y": found.layout[pk][1],
            "r": 10 + min(found.members.get(pk, 0), 40) / 2,
        }
        for pk, acronym, name in found.institutes
        if pk in found.layout
    ]
    context = {
        **_frame(request, audience),
        "title": _("Collaboration across institutes"),
        "fragment": snapshot.fragment_key("collaboration", audience),
        "namespace": namespace,
        "rows": rows,
        "institutes": found.institutes,
        "pairs": pairs,
        "nodes": nodes,
        "lines": graph.edges(found),
        "size": graph.SIZE,
        "opportunities": [
            {"a": acronyms[a], "b": acronyms[b], "themes": themes}
            for a, b, themes in found.opportunities
            if a in acronyms and b in acronyms
        ],
    }
    return render(request, "insight/collaboration.html", context)


def _sdgs(request, audience: str, namespace: str):
    goals = snapshot.result("sdgs", audience)
    rows = [
        {
            "number": goal.number,
            "name": _(goal.name),
            "counts": goal.counts,
            "total": sum(goal.counts.values()),
            "outputs": [(reverse("portal:output", args=[pk]), title) for pk, title in goal.outputs],
            "practices": [
                (
                    reverse("forum:thread", args=[thread])
                    if audience == audiences.MEMBERS
                    else reverse("portal:practice", args=[pk]),
                    title,
                )
                for pk, thread, title in goal.practices
            ],
            "initiatives": [
                (reverse("forum:thread", args=[pk]), title) for pk, title in goal.initiatives
            ],
        }
        for goal in goals
    ]
    context = {
        **_frame(request, audience),
        "title": _("Contributions to the SDGs"),
        "fragment": snapshot.fragment_key("sdgs", audience),
        "namespace": namespace,
        "goals": rows,
    }
    return render(request, "insight/sdgs.html", context)


def _region_rows(place, namespace: str, public: bool) -> dict:
    """A kept ``regions.Place`` with its links made and its names in the reader's language."""
    profile_url = "directory:public_profile" if public else "directory:profile"
    return {
        "code": place.code,
        "name": _(place.name),
        "kind": place.kind,
        "url": reverse(f"{namespace}:region", args=[place.code]),
        "counts": place.counts,
        "internal": place.internal,
        "themes": [(_(name), slug, n) for name, slug, n in place.themes],
        "experts": [
            (reverse(profile_url, args=[pk]), name, institute)
            for pk, name, institute in place.experts
        ],
        "directory_url": None
        if public
        else reverse("directory:index") + "?" + urlencode({"region": place.code}),
        "lists": [
            (
                _("Initiatives"),
                "initiatives",
                [(reverse("forum:thread", args=[t]), title) for t, title in place.initiatives],
            ),
            (
                _("Good practices"),
                "practices",
                [
                    (
                        reverse("portal:practice", args=[pk])
                        if public
                        else reverse("forum:thread", args=[thread]),
                        title,
                    )
                    for pk, thread, title in place.practices
                ],
            ),
            (
                _("Research outputs"),
                "outputs",
                [(reverse("portal:output", args=[pk]), title) for pk, title in place.outputs],
            ),
            (
                _("Events"),
                "events",
                [(reverse("portal:event", args=[pk]), title) for pk, title in place.events],
            ),
        ],
    }


def _regions(request, audience: str, namespace: str):
    places = snapshot.result("regions", audience)
    rows = [_region_rows(place, namespace, audience == audiences.PUBLIC) for place in places]
    order = {"region": 0, "subregion": 1, "group": 2}
    by_parent: dict[str | None, list] = {}
    for row, place in zip(rows, places, strict=True):
        by_parent.setdefault(place.parent, []).append(row)
    nested = []
    for row in sorted(by_parent.get(None, []), key=lambda r: order.get(r["kind"], 3)):
        nested.append((row, 0))
        for child in by_parent.get(row["code"], []):
            nested.append((child, 1))
            nested.extend((grandchild, 2) for grandchild in by_parent.get(child["code"], []))
    context = {
        **_frame(request, audience),
        "title": _("Regional perspectives"),
        "fragment": snapshot.fragment_key("regions", audience),
        "namespace": namespace,
        "rows": nested,
        "form": RegionPairForm(places=places),
    }
    return render(request, "insight/regions.html", context)


def _region(request, audience: str, namespace: str, code: str):
    places = snapshot.result("regions", audience)
    place = next((p for p in places if p.code == code), None)
    if place is None:
        raise Http404
    public = audience == audiences.PUBLIC
    context = {
        **_frame(request, audience),
        "title": _(place.name),
        "fragment": snapshot.fragment_key("regions", audience),
        "namespace": namespace,
        "regions": [_region_rows(place, namespace, public)],
        "form": RegionPairForm(places=places, initial={"a": code}),
    }
    return render(request, "insight/region.html", context)


def _compare(request, audience: str, namespace: str):
    places = snapshot.result("regions", audience)
    form = RegionPairForm(request.GET or None, places=places)
    public = audience == audiences.PUBLIC
    shown = []
    if form.is_valid():
        wanted = (form.cleaned_data["a"], form.cleaned_data["b"])
        found = {p.code: p for p in places}
        shown = [_region_rows(found[code], namespace, public) for code in wanted]
    context = {
        **_frame(request, audience),
        "title": _("Compare two regions"),
        "fragment": snapshot.fragment_key("regions", audience),
        "namespace": namespace,
        "regions": shown,
        "form": form,
        "comparing": True,
    }
    return render(request, "insight/region.html", context, status=400 if form.errors else 200)


def _page(build, audience: str, namespace: str):
    """One of the pages, for members (under /insight/) or for the public (under /network/)."""

    @require_GET
    def view(request):
        return build(request, audience, namespace)

    return view


bridges_page = _page(_bridges, audiences.MEMBERS, "insight")
collaboration_page = _page(_collaboration, audiences.MEMBERS, "insight")
sdgs_page = _page(_sdgs, audiences.MEMBERS, "insight")
public_bridges = _page(_bridges, audiences.PUBLIC, "network")
public_collaboration = _page(_collaboration, audiences.PUBLIC, "network")
public_sdgs = _page(_sdgs, audiences.PUBLIC, "network")
regions_page = _page(_regions, audiences.MEMBERS, "insight")
compare_regions = _page(_compare, audiences.MEMBERS, "insight")
public_regions = _page(_regions, audiences.PUBLIC, "network")
public_compare_regions = _page(_compare, audiences.PUBLIC, "network")


def _region_page(audience: str, namespace: str):
    @require_GET
    def view(request, code: str):
        return _region(request, audience, namespace, code)

    return view


region_page = _region_page(audiences.MEMBERS, "insight")
public_region = _region_page(audiences.PUBLIC, "network")
