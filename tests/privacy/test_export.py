import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from privacy.models import DataExport

pytestmark = pytest.mark.django_db


def request_download(client, on_commit):
    with on_commit(execute=True):
        response = client.post(reverse("privacy:request_export"))
    assert response.status_code == 302
    return response


def emailed_link() -> str:
    (message,) = [m for m in mail.outbox if "Your data is ready" in m.subject]
    return re.search(r"http://\S+/accounts/data/download/\S+/", message.body).group(0)


def test_a_member_gets_a_zip_of_everything_of_theirs_by_email(
    client, busy_member, on_commit, settings
):
    client.force_login(busy_member)
    request_download(client, on_commit)
    link = emailed_link()
    assert link.startswith(settings.SITE_URL)
    response = client.get(link.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(__import__("io").BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"README.txt", "account.json", "directory.profile.json", "forum.post.json"} <= names
    account = json.loads(archive.read("account.json"))
    assert account[0]["fields"]["email"] == busy_member.email
    assert "password" not in account[0]["fields"]
    posts = json.loads(archive.read("forum.post.json"))
    assert {p["fields"]["body"] for p in posts} == {
        "Which sources?",
        "World Bank bilateral matrices.",
    }  # her posts, not Bob's in her thread
    assert "forum.reaction.json" in names and "forum.subscription.json" in names
    assert "notifications.notification.json" in names  # Bob's reply to her thread told her
    feed = json.loads(archive.read("forum.feedtoken.json"))
    assert "token" not in feed[0]["fields"]  # nothing that would let its holder act as her
    (photo,) = [n for n in names if n.startswith("files/directory.profile/")]
    assert archive.read(photo) == b"RIFF-photo-bytes"


def test_only_that_member_may_download_it(client, busy_member, other_member, on_commit):
    client.force_login(busy_member)
    request_download(client, on_commit)
    path = emailed_link().split("://", 1)[1].partition("/")[2]
    client.force_login(other_member)
    assert client.get("/" + path).status_code == 404
    client.logout()
    response = client.get("/" + path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_expired_link_says_so_and_its_file_is_deleted(client, busy_member, on_commit):
    from privacy import actions

    client.force_login(busy_member)
    request_download(client, on_commit)
    data_export = DataExport.objects.get()
    assert data_export.path.exists()
    DataExport.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("privacy:download", args=[data_export.token]))
    assert response.status_code == 410
    assert "This download has expired" in response.content.decode()
    assert actions.forget_expired()["downloads"] == 1
    assert not data_export.path.exists()
    assert client.get(reverse("privacy:download", args=[data_export.token])).status_code == 404


def test_the_file_is_not_in_the_public_media_folder(client, busy_member, on_commit, settings):
    client.force_login(busy_member)
    request_download(client, on_commit)
    path = DataExport.objects.get().path
    assert settings.MEDIA_ROOT not in path.parents
    assert settings.PRIVATE_ROOT in path.parents


def test_a_second_request_while_one_is_prepared_is_refused(client, member, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(member)
    assert client.post(reverse("privacy:request_export")).status_code == 302
    response = client.post(reverse("privacy:request_export"))
    assert response.status_code == 409
    assert "still being prepared" in response.content.decode()
    assert DataExport.objects.count() == 1


def test_requests_are_rate_limited(client, member, settings, on_commit):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "privacy.export": "1/d"}
    client.force_login(member)
    request_download(client, on_commit)
    assert client.post(reverse("privacy:request_export")).status_code == 429


def test_an_applicant_may_download_theirs_too(client, applicant, on_commit):
    client.force_login(applicant)
    assert client.get(reverse("privacy:data")).status_code == 200
    request_download(client, on_commit)
    assert emailed_link()


def test_the_data_page_is_for_signed_in_people(client):
    response = client.get(reverse("privacy:data"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_data_page_makes_a_fixed_number_of_queries(
    client, member, on_commit, assert_stable_queries
):
    client.force_login(member)

    def grow():
        with on_commit(execute=True):
            DataExport.objects.create(user=member)
            DataExport.objects.create(user=member, ready_at=timezone.now())

    assert assert_stable_queries(client, reverse("privacy:data"), grow) <= 8
