"""One person's pages: the profile (members' and public), contact, vCard, photo."""

import json
from uuid import uuid4

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import _json_script_escapes as JSON_SCRIPT_ESCAPES
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from core.fragments import render_many

from .. import matching, permissions, profile_terms
from ..models import Keyword, Profile
from ..vcard import vcard_for


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


# What a similar expert's card (directory/_match.html, _avatar.html) shows of the profile.
MATCH_FIELDS = (
    "pk",
    "photo",
    "position",
    "user__display_name",
    "user__email",
    "user__institute__acronym",
)


MAIN_TEMPLATE = "directory/_profile_main.html"
MAIN_INCLUDES = ("directory/_match.html", "directory/_avatar.html", "directory/_publication.html")


def profile(request, pk):
    """A member's profile: the profile with its user and institute, its terms in one query
    (``profile_terms.held_terms``), similar experts (kept), and the page's main part from the
    cache under a hash of what it shows (``_main_fingerprint``); its publications are read
    only when it is rendered."""
    profile = get_object_or_404(
        Profile.objects.visible_to(request.user).select_related("user", "user__institute"), pk=pk
    )
    tokens = profile_terms.tokens()  # the versions the kept reads below are keyed by
    terms = profile_terms.held_terms(profile.pk, tokens[1] if tokens else None)
    similar = matching.experts_for(
        themes=[t.pk for t in terms["themes"]],
        methods=[m.pk for m in terms["methods"]],
        regions=[r.pk for r in terms["regions"]],
        countries=[c.pk for c in terms["countries"]],
        exclude_user_ids=[profile.user_id],
        limit=5,
        tokens=tokens,
        fields=MATCH_FIELDS,
    )
    is_own = profile.user_id == request.user.pk
    [main] = render_many(
        request,
        [profile],
        template=MAIN_TEMPLATE,
        included=MAIN_INCLUDES,
        name="profile",
        fingerprint=lambda shown: _main_fingerprint(shown, tokens, terms, similar, is_own),
        context={
            "terms": terms,
            "publications": profile.publications.all(),  # read if rendered
            "similar": similar,
            "is_own": is_own,
        },
    )
    return render(
        request,
        "directory/profile.html",
        {"title": profile.user.display_name, "profile": profile, "main": main},
    )


def _main_fingerprint(profile, tokens, terms, similar, is_own) -> tuple:
    """Everything the page's main part shows: the profile's row, its user and institute as
    read now, its terms and the similar experts as read now, and for what is not read on a
    kept page (the publications, the terms' names) the profiles' and terms' version tokens,
    which every change of a profile, its relations, its publications, a keyword or a term
    renews. Without tokens (the cache unreachable) a key that is never found."""
    user, institute = profile.user, profile.user.institute
    return (
        tokens or uuid4().hex,
        is_own,
        tuple(getattr(profile, field.attname) for field in Profile._meta.concrete_fields),
        (user.pk, user.display_name, user.email),
        (institute.pk, institute.name, institute.acronym) if institute else None,
        tuple((name, tuple((t.pk, t.name) for t in held)) for name, held in terms.items()),
        tuple(
            (
                match.profile.pk,
                match.profile.photo.name,
                match.profile.position,
                match.user.display_name,
                match.user.email,
                match.user.institute.acronym if match.user.institute else None,
                tuple((type(term).__name__, term.pk, term.name) for term in match.shared),
            )
            for match in similar
        ),
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
