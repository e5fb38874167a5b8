import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts import administration
from conversations import actions as conversations
from forum import actions as forum
from forum.models import Category
from invitations import actions as invitations
from invitations.actions import Invitee
from invitations.models import Invitation
from portal.models import StakeholderSubscription
from tests.conftest import PASSWORD

OTHER_ADDRESS = "ama@university.example"


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
def busy_member(member, other_member, admin_user, moderator, on_commit):
    """Alice, with something of hers in every app: a profile with a photo, a thread and posts,
    a reaction, a subscription, a report, notifications received and caused, a portal
    subscription by her address; Bob's reply mentions her. Others' records name her: audit
    entries (made a moderator, invited at another address), invitations to her addresses (one
    she accepted), a conversation with Bob, a Django admin log entry about her account."""
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
    with on_commit(execute=True):
        administration.set_role(admin_user, member, "moderator", granted=True, reason="Trusted.")
        invitations.invite(moderator, [Invitee(email=OTHER_ADDRESS, name="Alice Moreau")])
        conversation = conversations.start(
            member, [other_member], subject="Remittance sources", body="Hello Bob."
        )
        conversations.send(other_member, conversation, "Thanks, see you in Bonn.")
    EmailAddress.objects.create(user=member, email=OTHER_ADDRESS, verified=False)
    Invitation.objects.create(
        email="alice.old@university.example",
        name="Alice Moreau",
        invited_by=moderator,
        status=Invitation.Status.ACCEPTED,
        accepted_by=member,
        accepted_at=timezone.now(),
        expires_at=timezone.now(),
    )
    LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(member),
        object_id=str(member.pk),
        object_repr=str(member),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Display name"]}}]',
    )
    return type(member).objects.get(pk=member.pk)
