from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts import administration, permissions
from accounts.models import MembershipEvent, User
from audit.models import Entry
from core.views import form_page

from ..forms import ReasonForm
from .common import require_admin, require_moderator

ROLE_CHANGES = {
    ("moderator", "appoint"): (True, gettext_lazy("Appoint %(name)s as a moderator")),
    ("moderator", "remove"): (False, gettext_lazy("Remove %(name)s as a moderator")),
    ("admin", "appoint"): (True, gettext_lazy("Appoint %(name)s as an administrator")),
    ("admin", "remove"): (False, gettext_lazy("Remove %(name)s as an administrator")),
}


@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """A person as moderators see them: membership, roles, history and the acts about them."""
    require_moderator(request)
    person = get_object_or_404(User.objects.select_related("institute"), pk=pk)
    is_moderator = administration.has_role(person, "moderator")
    return render(
        request,
        "moderation/person.html",
        {
            "person": person,
            "is_moderator_role": is_moderator,
            "can_change_role": permissions.can_change_role(request.user, person),
            "can_deactivate": permissions.can_deactivate(request.user, person),
            "history": list(
                MembershipEvent.objects.filter(user=person).select_related("actor__profile")[:50]
            ),
            "acts": list(Entry.objects.for_display().filter(member=person)[:50]),
            "title": person.display_name,
        },
    )


@require_http_methods(["GET", "POST"])
def change_role(request: HttpRequest, pk: int, role: str, change: str) -> HttpResponse:
    """Appoint or remove a moderator or an administrator, after a confirmation."""
    require_admin(request)
    if (role, change) not in ROLE_CHANGES:
        raise Http404
    person = get_object_or_404(User, pk=pk)
    if not permissions.can_change_role(request.user, person):
        raise PermissionDenied(_("You may not change this person's roles."))
    granted, heading = ROLE_CHANGES[role, change]
    return form_page(
        request,
        ReasonForm(request.POST if request.method == "POST" else None),
        "moderation/change_role.html",
        {"person": person, "granted": granted, "title": heading % {"name": person.display_name}},
        act=lambda data: administration.set_role(
            request.user, person, role, granted=granted, reason=data["reason"]
        ),
        then=reverse("moderation:person", args=[person.pk]),
        done=_("%(name)s's roles are changed.") % {"name": person.display_name},
    )
