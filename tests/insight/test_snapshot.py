"""Precomputed: pages read kept results; a change renews the token and queues the task, which
computes the results before any page asks."""

from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Publication
from insight import receivers, snapshot, tasks


def computing(captured) -> bool:
    return any("directory_profile_themes" in q["sql"] and "GROUP BY" in q["sql"] for q in captured)


def test_a_warm_page_computes_nothing(login, network):
    client = login(network["alice"])
    tasks.refresh.call()
    with CaptureQueriesContext(connection) as page:
        assert client.get(reverse("insight:bridges")).status_code == 200
        assert client.get(reverse("network:collaboration")).status_code == 200
    assert not computing(page.captured_queries)


def test_a_change_renews_the_results(login, network):
    client = login(network["eve"])
    url = reverse("insight:collaboration")
    assert "UNU-EHS and UNU-WIDER" in client.get(url).content.decode()
    Publication.objects.create(profile=network["eve"].profile, title="Together", doi="10.7/t")
    Publication.objects.create(profile=network["carla"].profile, title="Together", doi="10.7/t")
    html = client.get(url).content.decode()
    assert "UNU-EHS and UNU-WIDER" not in html.split('id="could-title"')[1]


def test_a_change_queues_one_refresh_when_a_worker_runs_tasks(
    network, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(snapshot, "runs_elsewhere", lambda: True)
    queue = SimpleNamespace(refresh=SimpleNamespace(enqueue=lambda: queued.append(1)))
    monkeypatch.setattr(receivers, "tasks", queue)
    with django_capture_on_commit_callbacks(execute=True):
        Publication.objects.create(profile=network["dan"].profile, title="A", doi="10.8/a")
        Publication.objects.create(profile=network["dan"].profile, title="B", doi="10.8/b")
    assert queued == [1]  # a burst of changes is one refresh
    tasks.refresh.call()  # the task frees the queue for the next change
    with django_capture_on_commit_callbacks(execute=True):
        Publication.objects.create(profile=network["dan"].profile, title="C", doi="10.8/c")
    assert queued == [1, 1]


def test_signing_in_does_not_retire_the_results(network):
    before = snapshot._key("bridges", "members")
    network["alice"].save(update_fields=["last_login"])
    assert snapshot._key("bridges", "members") == before
    receivers.user_changed(update_fields=["institute"])
    assert snapshot._key("bridges", "members") != before
