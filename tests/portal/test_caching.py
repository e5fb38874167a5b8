"""Visitors' public pages are kept in the cache and retired as soon as what they show changes."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Profile
from forum.models import Practice
from portal import actions, caching
from portal.models import Output, Status

from .conftest import make_output


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_a_kept_page_is_served_without_queries(client, member):
    make_output(member, title="Kept brief", kind=Output.Kind.POLICY_BRIEF)
    first, body = queries(client, "/")
    again, kept = queries(client, "/")
    assert first > 0 and again == 0
    # The same page, but for the CSRF token of its forms, which is each visitor's own.
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", kept) == token.sub("", body) and token.findall(kept) != token.findall(body)


def test_publishing_retires_the_kept_pages(client, member, moderator):
    output = make_output(member, title="Waiting brief", status=Status.SUBMITTED)
    assert "Waiting brief" not in client.get(reverse("portal:outputs")).content.decode()
    actions.review(moderator, output, Status.PUBLISHED)
    assert "Waiting brief" in client.get(reverse("portal:outputs")).content.decode()
    actions.review(moderator, output, Status.DRAFT)
    assert "Waiting brief" not in client.get(reverse("portal:outputs")).content.decode()


def test_a_profile_made_private_leaves_the_kept_experts_page(client, other_member):
    profile = other_member.profile
    profile.visibility = Profile.Visibility.PUBLIC
    profile.save()
    assert "Bob Mensah" in client.get(reverse("portal:experts")).content.decode()
    from directory.filters import data_changed

    profile.visibility = Profile.Visibility.MEMBERS
    profile.save()
    data_changed()  # what the directory's profile actions call on every change
    assert "Bob Mensah" not in client.get(reverse("portal:experts")).content.decode()


def test_a_practice_taken_off_leaves_the_kept_pages(client, member, moderator):
    from forum import actions as forum_actions
    from forum.models import Category

    category = Category.objects.create(name="Practices", slug="practices")
    practice = forum_actions.submit_practice(
        member, category=category, title="Shown practice", summary="S.", what_worked="W."
    )
    forum_actions.review_practice(moderator, practice, Practice.Status.CURATED)
    actions.set_practice_public(moderator, practice, True)
    assert "Shown practice" in client.get(reverse("portal:practices")).content.decode()
    practice.thread.is_deleted = True
    practice.thread.save(update_fields=["is_deleted"])
    assert "Shown practice" not in client.get(reverse("portal:practices")).content.decode()


def test_signed_in_people_are_never_served_a_kept_page(client, member, login):
    make_output(member, title="Some report")
    queries(client, reverse("portal:outputs"))  # kept for visitors
    login(member)
    count, body = queries(client, reverse("portal:outputs"))
    assert count > 0 and "Sign out" in body


def test_pages_with_forms_are_not_kept(client, member):
    from .conftest import make_event

    event = make_event(member, capacity=5)
    first, _ = queries(client, event.get_absolute_url())
    again, _ = queries(client, event.get_absolute_url())
    assert again == first > 0


def test_the_key_names_the_language(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    request = rf.get("/outputs/?kind=report")
    request.user = AnonymousUser()
    with translation.override("en"):
        assert ":en:" in caching._key(request)
    with translation.override("fr"):
        assert ":fr:" in caching._key(request)
