"""Sockets only from the site's own origins, personal pages kept by no cache, CSV cells inert."""

import csv
import io

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.urls import reverse

from directory.models import Profile, Theme
from tests.conftest import make_user
from tests.notifications.conftest import session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


def opens(member, origin: str) -> bool:
    from config.asgi import application

    key = session_cookie(member)

    async def scenario():
        socket = WebsocketCommunicator(
            application,
            "/ws/notifications/",
            headers=[
                (b"origin", origin.encode()),
                (b"cookie", f"{settings.SESSION_COOKIE_NAME}={key}".encode()),
            ],
        )
        connected, _ = await socket.connect()
        await socket.disconnect()
        return connected

    return async_to_sync(scenario)()


def test_a_socket_opens_only_from_the_sites_own_origins(member, settings):
    settings.SITE_URL = "http://testserver"
    settings.CSRF_TRUSTED_ORIGINS = ["https://network.example", "https://*.institute.example"]
    assert opens(member, "http://testserver")
    assert opens(member, "http://testserver:80")
    assert opens(member, "https://network.example")
    assert opens(member, "https://lab.institute.example")
    assert not opens(member, "http://testserver:8081")  # another service on the same host
    assert not opens(member, "https://testserver")
    assert not opens(member, "http://network.example")
    assert not opens(member, "https://network.example:8443")
    assert not opens(member, "https://evil.example")
    assert not opens(member, "null")


@pytest.mark.django_db
def test_pages_for_a_signed_in_person_are_kept_by_no_cache(member, newcomer, client, login):
    for url in (
        "/home/",
        reverse("forum:index"),
        reverse("directory:index"),
        reverse("notifications:index"),
    ):
        cache_control = login(member).get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url
    status = login(newcomer).get(reverse("accounts:status"))
    assert "no-store" in status["Cache-Control"]


@pytest.mark.django_db
def test_public_pages_for_visitors_stay_cacheable(client, db):
    response = client.get(reverse("portal:about"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


FORMULAS = ["=1+2", "+SUM(A1)", "-2+3", "@SUM(A1)", " =1", "\t=1", "\uff1d1"]


@pytest.mark.django_db
def test_no_cell_of_the_csv_export_can_start_a_formula(moderator, institutes, login):
    from accounts.models import Institute

    Institute.objects.filter(pk=institutes["gcm"].pk).update(acronym="=GCM()")
    Theme.objects.filter(slug="remittances").update(name="+Remittances")
    for i, formula in enumerate(FORMULAS):
        user = make_user(f"{formula.strip()}{i}@gcm.unu.example".replace("\uff1d", "x"), "Name")
        user.display_name = formula
        user.save()
        profile = Profile.objects.get(user=user)
        profile.position = formula
        profile.save()
        profile.themes.set(Theme.objects.filter(slug="remittances"))
    response = login(moderator).get(reverse("directory:export_csv"))
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body)))
    cells = [cell for row in rows for cell in row]
    assert "'=1+2" in cells and "'+Remittances" in cells and "'=GCM()" in cells
    for cell in cells:
        assert cell.lstrip(" ")[:1] not in set("=+-@\t\r\uff1d"), cell
