import logging
import sys

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from accounts.models import Institute
from core import freshness, outage
from directory.actions import ensure_profile
from directory.completeness import HELD, completeness
from directory.models import Profile
from directory.models.profiles import facts_required
from directory.profile_terms import held_ids, tokens
from forum.models import Initiative, Thread
from insight.colleagues import bridging_colleagues
from notifications.models import Notification
from portal.views import home as public_home
from worker.models import Heartbeat

logger = logging.getLogger(__name__)
HOME_LIST_SIZE = 5


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_member:
        return redirect("home")
    if not request.user.is_authenticated:
        return public_home(request)
    institutes = Institute.objects.filter(is_member=True)
    return render(request, "landing.html", {"institutes": institutes})


def home(request: HttpRequest) -> HttpResponse:
    """A member's start page: what to do next, what moved, and who joined."""
    user = request.user
    profile = ensure_profile(user)
    held = held_ids(profile.pk)  # what completeness and the bridging colleagues read, one query
    visible = Thread.objects.visible_to(user)  # built once: the access rule is costly to build
    threads = (
        visible.filter(kind=Thread.Kind.DISCUSSION)
        .select_related("category")
        .order_by("-last_activity")[:HOME_LIST_SIZE]
    )
    initiatives = (
        Initiative.objects.filter(thread__in=visible)
        .filter(Q(thread__author=user) | Q(participations__user=user))
        .select_related("thread")
        .distinct()
        .order_by("-status_changed_at")[:HOME_LIST_SIZE]
    )
    versions = tokens()  # one round trip for the kept lists' keys below
    newcomers = _newcomers(user, versions)
    notifications = (
        Notification.objects.for_user(user).unread().select_related("actor")[:HOME_LIST_SIZE]
    )
    has = {name: bool(held[name]) for name in (*HELD, "publications")}
    return render(
        request,
        "home.html",
        {
            "title": _("Home"),
            "profile": profile,
            "completeness": completeness(profile, has),
            "threads": threads,
            "initiatives": initiatives,
            "newcomers": newcomers,
            "notifications": notifications,
            "bridging": bridging_colleagues(
                user, profile, theme_ids=held["themes"], versions=versions
            ),
        },
    )


NEWCOMERS_SECONDS = 600


def _newcomers(user, versions) -> list[Profile]:
    """The newest members' profiles the viewer may see, the viewer's own left out.

    Finding them sorts every member by ``member_since``; the order of the first few is kept
    (one more than shown, for the viewer's own) under the profiles' version token, which a
    new member's profile renews, and they are read by id through ``visible_to`` every time. If
    any kept one is gone (deactivated, the token not yet renewed) the sort is done again.
    """
    shown = (
        Profile.objects.visible_to(user)
        .filter(user__member_since__isnull=False)
        .select_related("user", "user__institute")
        .only("pk", "user__display_name", "user__institute__acronym")  # what the list shows
    )
    newest = shown.order_by("-user__member_since", "-pk")
    audience = ",".join(fact.name for fact in facts_required(user))
    ids = freshness.kept(
        lambda: f"home:newcomers:{':'.join(versions)}:{audience}",
        lambda: list(newest.values_list("pk", flat=True)[: HOME_LIST_SIZE + 1]),
        NEWCOMERS_SECONDS,
    )
    found = shown.in_bulk(ids)
    if len(found) < len(ids):
        return list(newest.exclude(user=user)[:HOME_LIST_SIZE])
    return [found[pk] for pk in ids if found[pk].user_id != user.pk][:HOME_LIST_SIZE]


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as error:
        if outage.is_outage(error):
            outage.noticed(error)  # once per outage, not a traceback per check
        else:
            logger.exception("Health check: database unreachable")
        return False


def _redis_ok() -> bool | None:
    if not settings.REDIS_URL:
        return None
    try:
        return bool(
            redis.Redis.from_url(
                settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
            ).ping()
        )
    except redis.RedisError:
        logger.exception("Health check: Redis unreachable")
        return False


def _worker_polling() -> bool | None:
    """Whether a task worker looked for tasks lately; ``None`` when tasks run in the request."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return None
    try:
        polling = Heartbeat.objects.polling(settings.TASK_WORKER_STALE_AFTER).exists()
    except DatabaseError:
        return False
    if not polling:
        logger.warning(
            "Health check: no task worker polled in the last %d s", settings.TASK_WORKER_STALE_AFTER
        )
    return polling


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 ``ok``; 503 ``unavailable`` when the database or Redis is down; 200 ``degraded`` when
    no task worker is polling (emails wait, pages work), or 503 with ``?require=worker``."""
    checks = {"database": _database_ok()}
    redis_state = _redis_ok()
    if redis_state is not None:
        checks["redis"] = redis_state
    serving = all(checks.values())
    worker_state = _worker_polling() if serving else None
    if worker_state is not None:
        checks["worker"] = worker_state
    if not serving:
        status, code = "unavailable", 503
    elif worker_state is False:
        status, code = "degraded", 503 if request.GET.get("require") == "worker" else 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


def permission_denied(request, exception=None):
    """The refusal page; it says why when the code that refused gave a reason."""
    reason = str(exception.args[0]) if exception and exception.args else ""
    return render(
        request, "errors/403.html", {"title": _("Not allowed"), "reason": reason}, status=403
    )


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", {"title": _("Page not found")}, status=404)


def too_many_requests(request):
    """allauth's refusal (sign-in, sign-up, password reset): it does not say for how long."""
    return render(request, "429.html", {"title": _("Too many requests")}, status=429)


def server_error(request):
    # A database out of reach answers 503 with Retry-After, logged once per outage.
    if (unavailable := outage.answer(request, sys.exc_info()[1])) is not None:
        return unavailable
    # No request context: the failure may come from a context processor or the database.
    return HttpResponse(render_to_string("errors/500.html"), status=500)
