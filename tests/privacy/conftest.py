import pytest
from django.core.files.base import ContentFile

from forum import actions as forum
from forum.models import Category
from portal.models import StakeholderSubscription
from tests.conftest import PASSWORD


@pytest.fixture
def reauthenticated(client):
    """``reauthenticated(user)``: signed in, and the password just given again (allauth's
    re-authentication page, as the deletion asks for it)."""

    def _sign_in(user):
        client.force_login(user)
        response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        assert response.status_code == 302, response.content
        return client

    return _sign_in


@pytest.fixture
def busy_member(member, other_member, on_commit):
    """Alice, with something of hers in every app: a profile with a photo, a thread and posts,
    a reaction, a subscription, a report, notifications received and caused, a portal
    subscription by her address; Bob's reply mentions her."""
    profile = member.profile
    profile.biography = "I study remittances."
    profile.photo.save("alice.webp", ContentFile(b"RIFF-photo-bytes"), save=True)
    category = Category.objects.create(name="General", slug="general", order=1)
    with on_commit(execute=True):
        thread = forum.create_thread(
            member, category=category, title="Remittance data", body="Which sources?"
        )
        reply = forum.reply(other_member, thread, "Ask @[Alice Moreau], she knows the sources.")
        forum.reply(member, thread, "World Bank bilateral matrices.", reply_to=reply)
        forum.toggle_reaction(member, reply, "useful")
        forum.set_subscription(member, "watching", category=category)
        forum.report_post(member, reply, reason="Testing the report path.")
        forum.feed_token_for(member)
    StakeholderSubscription.objects.create(email=member.email, topic="briefs")
    return type(member).objects.get(pk=member.pk)
