"""In a conversation, the author of each message is a link to their directory profile (where
the profile card opens on hover or focus), a plain name when they have no profile."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conversations import actions
from directory.models import Profile
from tests.directory.conftest import fill_profile

pytestmark = pytest.mark.django_db


def test_a_messages_author_links_to_their_profile_in_a_fixed_number_of_queries(
    login, member, other_member
):
    fill_profile(other_member)
    conversation = actions.start(member, [other_member], subject="Data", body="Hello")
    client = login(member)
    url = conversation.get_absolute_url()
    actions.send(other_member, conversation, "First answer")
    client.get(url)  # the session's first request records it
    with CaptureQueriesContext(connection) as one:
        html = client.get(url).content.decode()
    profile_url = other_member.profile.get_absolute_url()
    assert f'<a href="{profile_url}" class="person"><bdi>Bob Mensah</bdi></a>' in html
    for n in range(4):
        actions.send(other_member, conversation, f"Answer {n}")
    with CaptureQueriesContext(connection) as five:
        client.get(url)

    def profile_reads(queries):
        return [q for q in queries.captured_queries if '"directory_profile"' in q["sql"]]

    assert len(profile_reads(five)) == len(profile_reads(one)) <= 2


def test_an_author_without_a_profile_is_a_plain_name(login, member, other_member):
    conversation = actions.start(member, [other_member], subject="Data", body="Hello")
    actions.send(other_member, conversation, "An answer")
    Profile.objects.filter(user=other_member).delete()
    html = login(member).get(conversation.get_absolute_url()).content.decode()
    assert "Bob Mensah" in html
    assert 'class="person"><bdi>Bob Mensah' not in html
