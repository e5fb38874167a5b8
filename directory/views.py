import csv
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import _json_script_escapes as JSON_SCRIPT_ESCAPES
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_member

from . import actions, charts, filter_options, matching, permissions
from .completeness import completeness
from .filters import ProfileFilter, ResultPaginator, directory_profiles, summary
from .forms import (
    CollaboratorsForm,
    KeywordDecisionForm,
    OrcidImportForm,
    OrcidReviewForm,
    PhotoForm,
    ProfileForm,
    PublicationForm,
)
from .models import Keyword, OrcidImport, Profile, Publication, Theme
from .vcard import vcard_for

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
    if problem:
        count, counts, profiles = 0, None, []
    else:
        audience = "members" if is_member(request.user) else "public"
        count, counts = summary(filterset, audience=audience)
        profiles = filterset.cards(count)
    page = ResultPaginator(profiles, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    context = {
        "title": _("Directory"),
        "filter": filterset,
        "page": page,
        "counts": counts,
        "problem": problem,
        "estimated": bool(counts and counts.estimated),
        "ranked_among": filterset.ranked_among(count),
        "can_export": permissions.can_export(request.user),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "directory/index.html", context, status=400 if problem else 200)


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


# What spreadsheets read as the start of a formula (OWASP's list, with the full-width forms).
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def csv_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: one that could start a formula is quoted, in every
    column (names, addresses, acronyms and vocabulary labels are typed by people too)."""
    return "'" + value if value.lstrip(" ")[:1] in FORMULA_STARTS else value


def _profile_for_page(request, pk):
    profile = get_object_or_404(
        Profile.objects.visible_to(request.user)
        .select_related("user", "user__institute")
        .prefetch_related(
            "themes",
            "methods",
            "countries",
            "regions",
            "languages",
            "publications",
            Prefetch("keywords", queryset=Keyword.objects.approved(), to_attr="approved_keywords"),
        ),
        pk=pk,
    )
    return profile


def profile(request, pk):
    profile = _profile_for_page(request, pk)
    similar = matching.experts_for(
        themes=[t.pk for t in profile.themes.all()],
        methods=[m.pk for m in profile.methods.all()],
        regions=[r.pk for r in profile.regions.all()],
        countries=[c.pk for c in profile.countries.all()],
        exclude_user_ids=[profile.user_id],
        limit=5,
    )
    return render(
        request,
        "directory/profile.html",
        {
            "title": profile.user.display_name,
            "profile": profile,
            "similar": similar,
            "is_own": profile.user_id == request.user.pk,
        },
    )


def contact(request, pk):
    """The old "Write to this member" address: writing is a conversation now (conversations)."""
    profile = _profile_for_page(request, pk)
    if not permissions.can_contact(request.user, profile):
        raise PermissionDenied
    return redirect(f"{reverse('conversations:start')}?to={profile.user_id}")


def public_profile(request, pk):
    profile = get_object_or_404(
        Profile.objects.public()
        .select_related("user", "user__institute")
        .prefetch_related("themes", "publications"),
        pk=pk,
    )
    person = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": profile.user.display_name,
        "url": request.build_absolute_uri(),
        "knowsAbout": [theme.name for theme in profile.themes.all()],
    }
    if profile.position:
        person["jobTitle"] = profile.position
    if profile.user.institute_id:
        person["affiliation"] = {"@type": "Organization", "name": profile.user.institute.name}
    if profile.photo:
        person["image"] = request.build_absolute_uri(
            reverse("directory:public_photo", args=[profile.pk])
        )
    if profile.orcid:
        person["sameAs"] = [profile.orcid_url]
        person["identifier"] = profile.orcid_url
    return render(
        request,
        "directory/public_profile.html",
        {"title": profile.user.display_name, "profile": profile, "json_ld": json_ld(person)},
    )


def json_ld(data) -> str:
    """A ``<script type="application/ld+json">`` data block, escaped like ``json_script``."""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def vcard(request, pk):
    profile = _profile_for_page(request, pk)
    response = HttpResponse(
        vcard_for(profile, request.build_absolute_uri(profile.get_absolute_url())),
        content_type="text/vcard; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{profile.user.display_name or 'profile'}.vcf"
    )
    return response


def photo(request, pk):
    profile = get_object_or_404(Profile.objects.visible_to(request.user), pk=pk)
    return _photo_response(profile, cache_control="private, max-age=3600")


def public_photo(request, pk):
    """The photo of a public profile, for anyone (and search engines); 404 for any other."""
    profile = get_object_or_404(Profile.objects.public(), pk=pk)
    return _photo_response(profile, cache_control="public, max-age=3600")


def _photo_response(profile, *, cache_control: str):
    if not profile.photo:
        raise Http404
    try:
        handle = profile.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/webp")
    response["Cache-Control"] = cache_control
    return response


def _own_profile(request):
    if not is_member(request.user):
        raise PermissionDenied
    return actions.ensure_profile(request.user)


def edit(request):
    profile = _own_profile(request)
    saved_meanwhile = None
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            data = form.action_data()
            try:
                actions.update_profile(
                    request.user, profile, data, expected_version=data.pop("version")
                )
            except actions.ProfileConflict as conflict:
                # Saved in another tab since this form was loaded: nothing overwritten, the
                # member's changes shown back with the new version, ready to send again.
                profile = conflict.current
                sent = request.POST.copy()
                sent["version"] = actions.version_token(profile)
                form = ProfileForm(sent, instance=profile)
                saved_meanwhile = _saved_meanwhile(profile, data)
                messages.error(
                    request,
                    _(
                        "Your profile was saved somewhere else (another tab or device) after "
                        "you opened this form, so these changes are not saved yet. Check them "
                        "and save again to keep them."
                    ),
                )
                status = 409
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("directory:edit")
        else:
            messages.error(request, _("Please correct the highlighted fields."))
            status = 400
    else:
        form = ProfileForm(instance=profile, initial={"version": actions.version_token(profile)})
        status = 200
    return render(
        request,
        "directory/edit.html",
        {
            "title": _("Edit your profile"),
            "form": form,
            "saved_meanwhile": saved_meanwhile,
            "profile": profile,
            "completeness": completeness(profile),
            "photo_form": PhotoForm(),
            "publication_form": PublicationForm(),
            "orcid_form": OrcidImportForm(initial={"orcid": profile.orcid}),
            "publications": profile.publications.all(),
            "imports": profile.orcid_imports.all()[:3],
        },
        status=status,
    )


def _saved_meanwhile(profile, data: dict) -> list[tuple[str, str]]:
    """The saved texts that differ from those sent: (label, saved text)."""
    fields = ("position", "affiliations", "biography", "links", "orcid")
    return [
        (Profile._meta.get_field(name).verbose_name, getattr(profile, name))
        for name in fields
        if name in data and getattr(profile, name) != data[name]
    ]


def _edit_page_with_errors(request, profile, **forms):
    messages.error(request, _("Please correct the highlighted fields."))
    context = {
        "title": _("Edit your profile"),
        "form": ProfileForm(instance=profile, initial={"version": actions.version_token(profile)}),
        "profile": profile,
        "completeness": completeness(profile),
        "photo_form": PhotoForm(),
        "publication_form": PublicationForm(),
        "orcid_form": OrcidImportForm(initial={"orcid": profile.orcid}),
        "publications": profile.publications.all(),
        "imports": profile.orcid_imports.all()[:3],
    }
    context.update(forms)
    return render(request, "directory/edit.html", context, status=400)


@require_POST
def upload_photo(request):
    profile = _own_profile(request)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        return _edit_page_with_errors(request, profile, photo_form=form)
    actions.set_photo(request.user, profile, form.cleaned_data["photo"])
    messages.success(request, _("Your photo is saved."))
    return redirect("directory:edit")


@require_POST
def remove_photo(request):
    profile = _own_profile(request)
    actions.remove_photo(request.user, profile)
    messages.success(request, _("Your photo is removed."))
    return redirect("directory:edit")


@require_POST
def add_publication(request):
    profile = _own_profile(request)
    form = PublicationForm(request.POST)
    if form.is_valid():
        try:
            actions.add_publication(request.user, profile, form.cleaned_data)
        except ValidationError as error:
            form.add_error("doi", error)
    if form.errors:
        return _edit_page_with_errors(request, profile, publication_form=form)
    messages.success(request, _("The publication is added."))
    return redirect(reverse("directory:edit") + "#publications")


@require_POST
def delete_publication(request, pk):
    publication = get_object_or_404(Publication.objects.select_related("profile"), pk=pk)
    if not permissions.can_edit_profile(request.user, publication.profile):
        raise PermissionDenied
    actions.delete_publication(request.user, publication)
    messages.success(request, _("The publication is removed."))
    return redirect(reverse("directory:edit") + "#publications")


@require_POST
def start_orcid_import(request):
    profile = _own_profile(request)
    form = OrcidImportForm(request.POST)
    if form.is_valid():
        try:
            orcid_import = actions.start_orcid_import(
                request.user, profile, form.cleaned_data["orcid"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("directory:orcid_import", pk=orcid_import.pk)
    return _edit_page_with_errors(request, profile, orcid_form=form)


def orcid_import(request, pk):
    orcid_import = get_object_or_404(OrcidImport.objects.select_related("profile"), pk=pk)
    if not permissions.can_edit_profile(request.user, orcid_import.profile):
        raise Http404
    form = OrcidReviewForm(
        request.POST or None,
        candidates=orcid_import.candidates,
        initial={"works": [work["put_code"] for work in orcid_import.candidates]},
    )
    if request.method == "POST":
        if "discard" in request.POST:
            actions.discard_orcid_import(request.user, orcid_import)
            messages.success(request, _("Nothing was added."))
            return redirect("directory:edit")
        if form.is_valid():
            try:
                added = actions.apply_orcid_import(
                    request.user, orcid_import, form.cleaned_data["works"]
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
                return redirect("directory:orcid_import", pk=pk)
            messages.success(request, _("%(count)d works added.") % {"count": added})
            return redirect(reverse("directory:edit") + "#publications")
    template = (
        "directory/_orcid_status.html"
        if request.headers.get("X-Requested-With") == "fetch"
        else "directory/orcid_import.html"
    )
    return render(
        request,
        template,
        {"title": _("Import works from ORCID"), "import": orcid_import, "form": form},
        status=400 if form.errors else 200,
    )


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


def _proposed_keywords():
    return (
        Keyword.objects.proposed()
        .select_related("proposed_by")
        .annotate(holders=Count("profile"))
        .order_by("created_at", "pk")
    )


def _queue_page(request, form, page_number=None, **extra):
    return render(
        request,
        "directory/keyword_queue.html",
        {
            "title": _("Proposed keywords"),
            "page": Paginator(_proposed_keywords(), PAGE_SIZE).get_page(page_number),
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
    return _queue_page(request, KeywordDecisionForm(), request.GET.get("page"))


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
            return redirect("directory:keyword_queue")
    messages.error(request, " ".join(form.non_field_errors() or [_("Check the decision.")]))
    return _queue_page(request, form, failed=keyword)
