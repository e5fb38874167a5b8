"""What every app's views share."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def form_page(
    request: HttpRequest,
    form,
    template: str,
    context: dict,
    *,
    act: Callable[[dict], object],
    then: Callable[[object], str] | str,
    done: str | Callable[[object], str] = "",
    error_field: str | None = None,
) -> HttpResponse:
    """Build-try-tell-redirect: on a valid POST, ``act(form.cleaned_data)``; if the action
    refuses (``ValidationError``) its messages join the form's errors. On success, ``done`` (a
    text, or a function of what ``act`` returned) is shown as a message and the member is sent
    to ``then`` (a URL or a URL name, or a function of what ``act`` returned). Otherwise the page
    is shown again with what was typed, with status 400 when the form has errors. An ``act`` may
    also answer itself (return an ``HttpResponse``). ``error_field`` puts the action's refusal
    on that field rather than on the whole form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = act(form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(error_field, message)
        else:
            if isinstance(result, HttpResponse):
                return result
            if done:
                messages.success(request, done(result) if callable(done) else done)
            return redirect(then(result) if callable(then) else then)
    status = 400 if form.errors else 200
    return render(request, template, {**context, "form": form}, status=status)


def filtered_page(request: HttpRequest, filterset_class, queryset, per_page: int, **defaults):
    """A moderation list's filter and page (``templates/moderation/_list.html`` shows both):
    the filter set bound to the query string, where ``defaults`` fill what it leaves out (the
    status a queue opens on), and the page of its results the query string asks for."""
    data = request.GET.copy()
    for name, value in defaults.items():
        data.setdefault(name, value)
    found = filterset_class(data, queryset=queryset)
    page: Page = Paginator(found.qs, per_page).get_page(request.GET.get("page"))
    return found, page
