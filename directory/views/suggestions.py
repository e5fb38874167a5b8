"""Expertise suggested by a member's works (``directory.suggestions``): the list, with the
evidence of each, and accepting or dismissing one."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import suggestions
from .editing import _own_profile

KIND_LABELS = {
    "theme": gettext_lazy("Theme"),
    "method": gettext_lazy("Method"),
    "region": gettext_lazy("Region"),
    "country": gettext_lazy("Country"),
}


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in suggestions.KINDS])
    term = forms.IntegerField(min_value=1)
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("dismiss", "dismiss")])


@require_http_methods(["GET", "POST"])
def suggestions_page(request: HttpRequest) -> HttpResponse:
    profile = _own_profile(request)
    error = ""
    if request.method == "POST":
        form = DecisionForm(request.POST)
        found = {s.key: s for s in suggestions.for_profile(profile)}
        if form.is_valid() and f"{form.cleaned_data['kind']}:{form.cleaned_data['term']}" in found:
            data = form.cleaned_data
            act = suggestions.accept if data["decision"] == "accept" else suggestions.dismiss
            term = act(request.user, profile, data["kind"], data["term"])
            messages.success(
                request,
                (
                    _("%(term)s is on your profile now.")
                    if data["decision"] == "accept"
                    else _("%(term)s will not be suggested again.")
                )
                % {"term": term.label},
            )
            return redirect("directory:suggestions")
        error = _("That suggestion is no longer open. The list below is up to date.")
    found = suggestions.for_profile(profile)
    return render(
        request,
        "directory/suggestions.html",
        {
            "title": _("Suggested from your works"),
            "suggestions": [(s, KIND_LABELS[s.kind]) for s in found],
            "has_works": profile.publications.exists(),
            "error": error,
        },
        status=400 if error else 200,
    )
