"""Good practices: the library, submitting one, and moderators' review."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.views import form_page

from .. import actions
from ..filters import PracticeFilter
from ..forms import PRACTICE_VOCABULARY, PracticeForm, PracticeReviewForm
from ..models import Practice
from .common import RESULTS_PER_PAGE, require_moderator
from .threads import start_thread_page


@require_GET
def practices(request: HttpRequest) -> HttpResponse:
    """The Good practices library: curated practices, featured first."""
    queryset = (
        Practice.objects.curated()
        .select_related("thread__author__profile", "institute", "country")
        .prefetch_related("thread__themes", "sdgs")
    )
    filterset = PracticeFilter(request.GET or None, queryset=queryset)
    page = Paginator(filterset.qs, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/practices.html",
        {
            "filter": filterset,
            "page": page,
            "title": _("Good practices"),
            "chosen": _chosen(filterset),
        },
    )


def _chosen(filterset) -> int:
    """How many filter values are chosen, for "Filters (3)"."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return 0
    values = filterset.form.cleaned_data.values()
    return sum(len(value) if hasattr(value, "__len__") else 1 for value in values if value)


@require_http_methods(["GET", "POST"])
def new_practice(request: HttpRequest) -> HttpResponse:
    def create(user, data, thread_vocab, vocab):
        if "country" in vocab:
            data["country"] = vocab.pop("country")
        return actions.submit_practice(user, **data, thread_vocab=thread_vocab, **vocab)

    return start_thread_page(
        request,
        PracticeForm,
        "forum/practice_form.html",
        _("Submit a practice"),
        create,
        PRACTICE_VOCABULARY,
        home="practices",
    )


@require_http_methods(["GET", "POST"])
def practice_review(request: HttpRequest, pk: int) -> HttpResponse:
    require_moderator(request)
    practice = get_object_or_404(
        Practice.objects.select_related("thread__author__profile", "institute"), pk=pk
    )
    return form_page(
        request,
        PracticeReviewForm(
            request.POST or None, initial={"featured": practice.featured, "status": "curated"}
        ),
        "forum/practice_review.html",
        {"practice": practice, "title": _("Review a practice")},
        act=lambda data: actions.review_practice(
            request.user,
            practice,
            data["status"],
            reason=data["reason"],
            featured=data["featured"],
        ),
        then="moderation:practices",
        done=_("The review is saved."),
    )
