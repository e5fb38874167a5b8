"""A member's own profile: the editor, photo, publications, ORCID import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_member

from .. import actions, permissions
from ..completeness import completeness
from ..forms import (
    OrcidImportForm,
    OrcidReviewForm,
    PhotoForm,
    ProfileForm,
    PublicationForm,
)
from ..models import OrcidImport, Profile, Publication


def _own_profile(request):
    if not is_member(request.user):
        raise PermissionDenied
    return actions.ensure_profile(request.user)


def edit(request):
    profile = _own_profile(request)
    if request.method != "POST":
        return _edit_page(request, profile)
    form = ProfileForm(request.POST, instance=profile)
    if not form.is_valid():
        return _edit_page_with_errors(request, profile, form=form)
    data = form.action_data()
    try:
        actions.update_profile(request.user, profile, data, expected_version=data.pop("version"))
    except actions.ProfileConflict as conflict:
        # Saved in another tab since this form was loaded: nothing overwritten, the member's
        # changes shown back with the new version, ready to send again.
        profile = conflict.current
        sent = request.POST.copy()
        sent["version"] = actions.version_token(profile)
        messages.error(
            request,
            _(
                "Your profile was saved somewhere else (another tab or device) after "
                "you opened this form, so these changes are not saved yet. Check them "
                "and save again to keep them."
            ),
        )
        return _edit_page(
            request,
            profile,
            status=409,
            form=ProfileForm(sent, instance=profile),
            saved_meanwhile=_saved_meanwhile(profile, data),
        )
    messages.success(request, _("Your profile is saved."))
    return redirect("directory:edit")


def _saved_meanwhile(profile, data: dict) -> list[tuple[str, str]]:
    """The saved texts that differ from those sent: (label, saved text)."""
    fields = ("position", "affiliations", "biography", "links", "orcid")
    return [
        (Profile._meta.get_field(name).verbose_name, getattr(profile, name))
        for name in fields
        if name in data and getattr(profile, name) != data[name]
    ]


def _edit_page(request, profile, *, status=200, **forms):
    """The profile editor: the profile form and the smaller forms beside it; ``forms`` are
    those that came back with errors, shown as they were sent."""
    context = {
        "title": _("Edit your profile"),
        "form": ProfileForm(instance=profile, initial={"version": actions.version_token(profile)}),
        "saved_meanwhile": None,
        "profile": profile,
        "completeness": completeness(profile),
        "photo_form": PhotoForm(),
        "publication_form": PublicationForm(),
        "orcid_form": OrcidImportForm(initial={"orcid": profile.orcid}),
        "publications": profile.publications.all(),
        "imports": profile.orcid_imports.all()[:3],
        **forms,
    }
    return render(request, "directory/edit.html", context, status=status)


def _edit_page_with_errors(request, profile, **forms):
    messages.error(request, _("Please correct the highlighted fields."))
    return _edit_page(request, profile, status=400, **forms)


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
