"""The public read API: published content only, paginated and filterable, described by the
OpenAPI document at ``/api/openapi.json`` (django-ninja)."""

from datetime import date, datetime

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema
from ninja.pagination import PageNumberPagination, paginate

from accounts.models import Institute

from .filters import OutputFilter
from .models import Event, Output, OutputAuthor
from .public import public_practices, public_profiles

api = NinjaAPI(
    title="Migration Network public API",
    version="1",
    description="Published research outputs, policy briefs, events, institutes, public expert "
    "profiles and curated practices of the Migration Network. Read-only.",
    urls_namespace="api",
    docs_url=None,
)


PAGE_SIZE = 20
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100


class Pages(PageNumberPagination):
    """Ninja's pages, bounded: a page number past any real one is refused (422), not sent to the
    database as an offset it cannot hold."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


class ErrorOut(Schema):
    detail: str


NOT_FOUND = {404: ErrorOut}


def _codes(relation: str, field: str):
    """A resolver: ``field`` of every (prefetched) row of ``relation``, e.g. themes' slugs."""
    return staticmethod(lambda obj: [getattr(row, field) for row in getattr(obj, relation).all()])


def listing(path: str, schema, name: str, tag: str):
    """A public list endpoint: GET ``path``, ``PAGE_SIZE`` items a page."""

    def register(view):
        paged = paginate(Pages, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)(view)
        return api.get(path, response=list[schema], url_name=name, tags=[tag])(paged)

    return register


class InstituteOut(Schema):
    id: int
    acronym: str
    name: str
    city: str
    website: str
    page_url: str

    @staticmethod
    def resolve_page_url(obj) -> str:
        return _absolute(reverse("portal:institute", args=[obj.pk]))


class AuthorOut(Schema):
    name: str
    profile_url: str | None

    @staticmethod
    def resolve_profile_url(obj) -> str | None:
        profile = obj.public_profile
        if profile is None:
            return None
        return _absolute(reverse("directory:public_profile", args=[profile.pk]))


class OutputOut(Schema):
    id: int
    kind: str
    title: str
    date: date
    abstract_html: str
    recommendations: list[str]
    venue: str
    doi: str
    url: str
    page_url: str
    pdf_url: str | None
    authors: list[AuthorOut]
    institutes: list[str]
    themes: list[str]
    regions: list[str]
    countries: list[str]
    sdgs: list[int]

    @staticmethod
    def resolve_recommendations(obj) -> list[str]:
        return obj.recommendation_list

    @staticmethod
    def resolve_page_url(obj) -> str:
        return _absolute(obj.get_absolute_url())

    @staticmethod
    def resolve_pdf_url(obj) -> str | None:
        return _absolute(reverse("portal:output_pdf", args=[obj.pk])) if obj.pdf else None

    @staticmethod
    def resolve_authors(obj):
        return list(obj.authors.all())

    resolve_institutes = _codes("institutes", "acronym")
    resolve_themes = _codes("themes", "slug")
    resolve_regions = _codes("regions", "code")
    resolve_countries = _codes("countries", "code")
    resolve_sdgs = _codes("sdgs", "number")


class EventOut(Schema):
    id: int
    kind: str
    title: str
    start: datetime
    end: datetime
    time_zone: str
    place: str
    online_url: str
    registration_url: str
    registers_here: bool
    description_html: str
    page_url: str
    ics_url: str
    institutes: list[str]
    themes: list[str]

    @staticmethod
    def resolve_start(obj) -> datetime:
        return obj.local_start

    @staticmethod
    def resolve_end(obj) -> datetime:
        return obj.local_end

    @staticmethod
    def resolve_registers_here(obj) -> bool:
        return obj.takes_registrations

    @staticmethod
    def resolve_page_url(obj) -> str:
        return _absolute(obj.get_absolute_url())

    @staticmethod
    def resolve_ics_url(obj) -> str:
        return _absolute(reverse("portal:event_ics", args=[obj.pk]))

    resolve_institutes = _codes("institutes", "acronym")
    resolve_themes = _codes("themes", "slug")


class ExpertOut(Schema):
    id: int
    name: str
    position: str
    institute: str | None
    orcid: str
    profile_url: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.user.display_name

    @staticmethod
    def resolve_institute(obj) -> str | None:
        return obj.user.institute.acronym if obj.user.institute_id else None

    @staticmethod
    def resolve_profile_url(obj) -> str:
        return _absolute(reverse("directory:public_profile", args=[obj.pk]))


class PracticeOut(Schema):
    id: int
    title: str
    summary: str
    what_worked: str
    place: str
    country: str | None
    institute: str | None
    featured: bool
    page_url: str

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.thread.title

    @staticmethod
    def resolve_country(obj) -> str | None:
        return obj.country.code if obj.country_id else None

    @staticmethod
    def resolve_institute(obj) -> str | None:
        return obj.institute.acronym if obj.institute_id else None

    @staticmethod
    def resolve_page_url(obj) -> str:
        return _absolute(reverse("portal:practice", args=[obj.pk]))


def _outputs():
    return Output.objects.public().prefetch_related(
        "institutes",
        "themes",
        "regions",
        "countries",
        "sdgs",
        Prefetch("authors", queryset=OutputAuthor.objects.select_related("member__profile")),
    )


@listing("/outputs", OutputOut, "outputs", "outputs")
def list_outputs(
    request,
    kind: str = "",
    theme: str = "",
    region: str = "",
    institute: str = "",
    year: int | None = None,
    q: str = "",
):
    """Published outputs, newest first. ``theme`` is a theme's slug (a focus area includes its
    themes), ``region`` an M49 code (a region includes its sub-regions and countries),
    ``institute`` an acronym, ``kind`` one of report, policy_brief, working_paper, article,
    book, dataset."""
    params = {"kind": kind, "theme": theme, "region": region, "institute": institute, "q": q}
    params = {name: value for name, value in params.items() if value}
    if year is not None:
        params["year"] = str(year)
    filterset = OutputFilter(params, queryset=_outputs())
    return filterset.qs if filterset.is_valid() else Output.objects.none()


@api.get(
    "/outputs/{output_id}",
    response={200: OutputOut, **NOT_FOUND},
    url_name="output",
    tags=["outputs"],
)
def get_output(request, output_id: int):
    return get_object_or_404(_outputs(), pk=output_id)


def _events():
    return Event.objects.public().prefetch_related("institutes", "themes")


@listing("/events", EventOut, "events", "events")
def list_events(request, when: str = "upcoming"):
    """``when``: ``upcoming`` (ongoing and upcoming, soonest first), ``past`` (latest first)
    or ``all``."""
    now = timezone.now()
    if when == "past":
        return _events().past(now)
    if when == "all":
        return _events().order_by("-start", "-pk")
    return _events().filter(end__gte=now).order_by("start", "pk")


@api.get(
    "/events/{event_id}", response={200: EventOut, **NOT_FOUND}, url_name="event", tags=["events"]
)
def get_event(request, event_id: int):
    return get_object_or_404(_events(), pk=event_id)


@listing("/institutes", InstituteOut, "institutes", "network")
def list_institutes(request):
    return Institute.objects.filter(is_member=True).order_by("acronym")


@listing("/experts", ExpertOut, "experts", "network")
def list_experts(request):
    return public_profiles().order_by("search_name", "pk")


@listing("/practices", PracticeOut, "practices", "practices")
def list_practices(request):
    return public_practices()
