"""Members submit and edit outputs and events (a DOI can prefill an output from Crossref)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.content_language import set_default_language
from directory.orcid import normalize_doi

from .. import actions, crossref, permissions
from ..forms import DOI, EventForm, OutputForm, prefill_from
from ..models import Event, Output, Status


def mine(request):
    user = request.user
    return render(
        request,
        "portal/mine.html",
        {
            "title": _("Your outputs and events"),
            "outputs": Output.objects.filter(submitted_by=user).order_by("-updated"),
            "events": Event.objects.filter(submitted_by=user).order_by("-updated"),
        },
    )


def _prefill_page(request, item, template, title):
    """The output form again, its empty fields filled from Crossref's record of the typed DOI;
    everything the member typed stays (a chosen PDF must be chosen again: browsers forget it)."""
    form = OutputForm(request.POST, instance=item)
    doi = normalize_doi(request.POST.get("doi", ""))
    error = None
    if not doi:
        error = _("Type the DOI first, such as 10.1234/abc.")
    elif not DOI.match(doi):
        error = _("A DOI looks like 10.1234/abc.")
    else:
        try:
            actions.look_up_doi(request.user, doi)
            found = crossref.fetch(doi)
        except crossref.CrossrefError as failure:
            error = str(failure)
    if error is None:
        initial, filled = prefill_from(request.POST, found)
        initial["doi"] = doi
        form = OutputForm(initial=initial, instance=item)
        if filled:
            text = _("Filled in from Crossref: %(fields)s. Check them before you save.") % {
                "fields": ", ".join(filled)
            }
        else:
            text = _("Crossref had nothing for the empty fields; nothing was changed.")
        if request.FILES:
            text += " " + _("Choose the PDF again: browsers do not keep it.")
        messages.info(request, text)
        status = 200
    else:
        # What was typed stays; only the DOI field carries the message.
        form = OutputForm(initial=_typed(request.POST), instance=item)
        form.prefill_error = error
        status = 400
    return render(
        request,
        template,
        {"form": form, "item": item, "title": title, "prefill": True},
        status=status,
    )


def _typed(data) -> dict:
    initial = {key: data.get(key) for key in data}
    for name in OutputForm.RELATIONS:
        initial[name] = data.getlist(name)
    return initial


@dataclass(frozen=True)
class Submission:
    """What differs between submitting an output and an event: the form, the model, the
    template, the titles and the action that saves."""

    form_class: type
    model: type
    template: str
    new_title: str
    edit_title: str
    save: Callable

    def new(self, request):
        if not permissions.can_submit(request.user):
            raise PermissionDenied
        return self.page(request, self.model(), self.new_title)

    def edit(self, request, pk):
        found = get_object_or_404(self.model.objects.visible_to(request.user), pk=pk)
        if not permissions.can_edit(request.user, found):
            raise PermissionDenied(_("You may not change this."))
        return self.page(request, found, self.edit_title)

    def page(self, request, item, title):
        prefill = self.form_class is OutputForm
        if prefill and request.method == "POST" and "prefill" in request.POST:
            return _prefill_page(request, item, self.template, title)
        form = self.form_class(request.POST or None, request.FILES or None, instance=item)
        set_default_language(form, request.user)
        if request.method == "POST" and form.is_valid():
            submit = "submit" in request.POST
            saved = self.save(request.user, form, submit)
            messages.success(
                request,
                _("Sent to the moderators for review.")
                if submit and saved.status == Status.SUBMITTED
                else _("Saved."),
            )
            return redirect(saved)
        return render(
            request,
            self.template,
            {"form": form, "item": item, "title": title, "prefill": prefill},
            status=400 if form.errors else 200,
        )


OUTPUTS = Submission(
    form_class=OutputForm,
    model=Output,
    template="portal/output_form.html",
    new_title=gettext_lazy("Submit a research output"),
    edit_title=gettext_lazy("Edit the output"),
    save=lambda user, form, submit: actions.save_output(
        user,
        form.instance,
        relations=form.relations(),
        authors=form.cleaned_data["authors_text"],
        submit=submit,
    ),
)
EVENTS = Submission(
    form_class=EventForm,
    model=Event,
    template="portal/event_form.html",
    new_title=gettext_lazy("Propose an event"),
    edit_title=gettext_lazy("Edit the event"),
    save=lambda user, form, submit: actions.save_event(
        user, form.instance, relations=form.relations(), submit=submit
    ),
)


@require_http_methods(["GET", "POST"])
def output_new(request):
    return OUTPUTS.new(request)


@require_http_methods(["GET", "POST"])
def output_edit(request, pk):
    return OUTPUTS.edit(request, pk)


@require_http_methods(["GET", "POST"])
def event_new(request):
    return EVENTS.new(request)


@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    return EVENTS.edit(request, pk)
