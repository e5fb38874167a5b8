"""Conversations: starting one (from a profile, from a post, from the old contact address),
writing, unread counts, leaving, blocking, deactivated members, reporting, and who sees what."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from conversations import actions
from conversations.models import Block, Conversation, Message, MessageReport, Participant
from directory.models import Profile
from forum.actions.threads import create_thread
from forum.models import Category
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def detail_url(conversation):
    return reverse("conversations:detail", args=[conversation.pk])


def send_url(conversation):
    return reverse("conversations:send", args=[conversation.pk])


def test_a_member_starts_a_conversation_from_a_profile(login, member, other_member, committed):
    client = login(member)
    profile = client.get(reverse("directory:profile", args=[other_member.profile.pk]))
    start = f"{reverse('conversations:start')}?to={other_member.pk}"
    assert start in profile.content.decode()
    page = client.get(start)
    assert page.status_code == 200
    [chosen] = re.findall(r"<input[^>]*checked[^>]*>", page.content.decode())
    assert f'value="{other_member.pk}"' in chosen
    response = committed(
        client.post,
        reverse("conversations:start"),
        {"recipients": [other_member.pk], "subject": "Data", "body": "Hi *Bob*"},
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response.url.startswith(detail_url(conversation))
    assert set(conversation.participants.values_list("user_id", flat=True)) == {
        member.pk,
        other_member.pk,
    }
    message = conversation.messages.get()
    assert message.body_html.strip() == "<p>Hi <em>Bob</em></p>"
    # Bob is told in the app and, by default, by email; the address of neither is shown.
    notification = Notification.objects.get(recipient=other_member, kind="message")
    assert notification.target == conversation
    [sent] = mail.outbox
    assert sent.to == [other_member.email]
    assert "Alice Moreau wrote to you" in sent.subject
    assert member.email not in sent.body


def test_the_old_contact_address_leads_to_a_conversation(login, member, other_member):
    url = reverse("directory:contact", args=[Profile.objects.get(user=other_member).pk])
    response = login(member).get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('conversations:start')}?to={other_member.pk}"
    own = reverse("directory:contact", args=[Profile.objects.get(user=member).pk])
    assert login(member).get(own).status_code == 403


def test_a_conversation_starts_from_a_forum_post(login, member, other_member):
    category = Category.objects.create(name="General", slug="general")
    thread = create_thread(other_member, category=category, title="Remittances", body="First")
    post = thread.posts.get()
    start = f"{reverse('conversations:start')}?post={post.pk}"
    assert start in login(member).get(thread.get_absolute_url()).content.decode()
    assert start not in login(other_member).get(thread.get_absolute_url()).content.decode()
    page = login(member).get(start)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Remittances" in text  # the subject and the link to the post are filled in
    assert post.get_absolute_url() in text


def test_a_post_the_member_may_not_see_is_a_404(login, member, other_member):
    assert login(member).get(f"{reverse('conversations:start')}?post=999999").status_code == 404


def test_a_group_conversation_and_unread_counts(
    login, member, other_member, carol, committed, assert_stable_queries
):
    conversation = committed(
        actions.start, member, [other_member, carol], subject="Group", body="one"
    )
    committed(actions.send, other_member, conversation, "two")
    committed(actions.send, carol, conversation, "three")
    client = login(member)
    inbox = client.get(reverse("conversations:inbox"))
    [seat] = inbox.context["seats"]
    assert seat.unread == 2
    assert seat.last_html.strip() == "<p>three</p>"
    assert {u.pk for u in seat.others} == {other_member.pk, carol.pk}
    # Reading the conversation reads it, and its notifications.
    assert client.get(detail_url(conversation)).status_code == 200
    assert client.get(reverse("conversations:inbox")).context["seats"][0].unread == 0
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_strangers_and_moderators_do_not_see_a_conversation(
    login, conversation, carol, moderator, client, applicant
):
    for persona in (carol, moderator):
        assert login(persona).get(detail_url(conversation)).status_code == 404
        assert login(persona).post(send_url(conversation), {"body": "x"}).status_code == 404
    anonymous = client.logout() or client.get(detail_url(conversation))
    assert anonymous.status_code == 302
    assert login(applicant).get(detail_url(conversation)).status_code == 302
    assert Message.objects.count() == 1


def test_a_participant_writes_and_the_others_are_told(
    login, conversation, member, other_member, committed
):
    response = committed(login(other_member).post, send_url(conversation), {"body": "Yes, *sure*"})
    assert response.status_code == 302
    message = conversation.messages.last()
    assert response.url == f"{detail_url(conversation)}#m{message.pk}"
    assert message.author == other_member
    assert Notification.objects.filter(recipient=member, kind="message").count() == 1


def test_a_blank_message_is_refused_with_the_page(login, conversation, other_member):
    response = login(other_member).post(send_url(conversation), {"body": "   "})
    assert response.status_code == 400
    assert conversation.messages.count() == 1


def test_writing_to_someone_who_blocked_you_is_refused_and_the_text_kept(
    login, conversation, member, other_member, committed
):
    committed(login(other_member).post, reverse("conversations:block", args=[member.pk]))
    assert Block.objects.filter(blocker=other_member, blocked=member).exists()
    response = login(member).post(send_url(conversation), {"body": "Kept words"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Bob Mensah does not accept messages from you." in text
    assert "Kept words" in text
    assert conversation.messages.count() == 1
    start = login(member).post(
        reverse("conversations:start"),
        {"recipients": [other_member.pk], "subject": "Again", "body": "New words"},
    )
    assert start.status_code == 403
    assert "does not accept messages from you" in start.content.decode()
    assert "New words" in start.content.decode()
    assert Conversation.objects.count() == 1
    # Unblocked, Alice may write again.
    login(other_member).post(reverse("conversations:block", args=[member.pk]), {"unblock": "1"})
    assert login(member).post(send_url(conversation), {"body": "Now"}).status_code == 302


def test_writing_to_a_deactivated_member_is_refused(login, conversation, member, other_member):
    other_member.status = other_member.Status.DEACTIVATED
    other_member.save()
    response = login(member).post(send_url(conversation), {"body": "Still there?"})
    assert response.status_code == 403
    assert "no longer an active member" in response.content.decode()
    assert "Still there?" in response.content.decode()
    start = login(member).post(
        f"{reverse('conversations:start')}?to={other_member.pk}",
        {"recipients": [other_member.pk], "body": "Hello"},
    )
    assert start.status_code == 403
    assert "no longer an active member" in start.content.decode()
    assert Conversation.objects.count() == 1


def test_a_member_who_left_reads_up_to_then_and_cannot_write(
    login, conversation, member, other_member, committed
):
    client = login(member)
    assert client.get(reverse("conversations:leave", args=[conversation.pk])).status_code == 200
    assert client.post(reverse("conversations:leave", args=[conversation.pk])).status_code == 302
    response = client.post(send_url(conversation), {"body": "Let me back"})
    assert response.status_code == 403
    assert "You left this conversation" in response.content.decode()
    assert "Let me back" in response.content.decode()
    # Bob cannot write either: nobody is left to read it.
    refused = login(other_member).post(send_url(conversation), {"body": "Anyone?"})
    assert refused.status_code == 403
    assert "Everyone else left this conversation" in refused.content.decode()
    assert conversation.messages.count() == 1


def test_after_leaving_later_messages_stay_unseen(login, member, other_member, carol, committed):
    conversation = committed(actions.start, member, [other_member, carol], subject="", body="a")
    committed(actions.leave, member, conversation)
    committed(actions.send, other_member, conversation, "said after Alice left")
    page = login(member).get(detail_url(conversation))
    assert page.status_code == 200
    assert "said after Alice left" not in page.content.decode()
    after = login(member).get(reverse("conversations:after", args=[conversation.pk, 0]))
    assert [item["id"] for item in after.json()["items"]] == [conversation.messages.first().pk]
    assert not Notification.objects.filter(recipient=member, kind="message").exists()


def test_the_catch_up_gives_only_newer_messages_rendered(
    login, conversation, member, other_member, committed
):
    first = conversation.messages.get()
    second = committed(actions.send, other_member, conversation, "<script>x</script> **new**")
    answer = login(member).get(
        reverse("conversations:after", args=[conversation.pk, first.pk]) + "?seen=1"
    )
    assert answer.status_code == 200
    [item] = answer.json()["items"]
    assert item["id"] == second.pk
    assert "<strong>new</strong>" in item["html"]
    assert "<script>" not in item["html"]
    assert answer.json()["announce"] == "New message from Bob Mensah"
    assert Participant.objects.get(conversation=conversation, user=member).last_read_id == second.pk


def test_reporting_shows_the_moderators_that_message_only(
    login, conversation, member, other_member, moderator, committed
):
    committed(actions.send, member, conversation, "the rest stays private")
    reported = conversation.messages.first()
    url = reverse("conversations:report", args=[reported.pk])
    client = login(other_member)
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "  "}).status_code == 400
    assert client.post(url, {"reason": "Spam"}).status_code == 302
    report = MessageReport.objects.get()
    assert (report.message, report.reporter, report.reason) == (reported, other_member, "Spam")
    # One's own message cannot be reported; a stranger cannot reach it.
    assert login(member).get(url).status_code == 403
    assert login(moderator).get(url).status_code == 404
    page = login(moderator).get(reverse("moderation:messages"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hello <strong>Bob</strong>" in text
    assert "the rest stays private" not in text
    assert login(moderator).get(detail_url(conversation)).status_code == 404
    assert login(member).get(reverse("moderation:messages")).status_code == 403
    resolve = reverse("conversations:resolve", args=[report.pk])
    assert login(member).post(resolve).status_code == 403
    assert login(moderator).post(resolve, {"resolution": "Warned"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "resolved" and report.resolved_by == moderator


def test_writes_are_rate_limited(settings, login, conversation, member, other_member):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "conversations.write": "1/h",
        "conversations.start": "1/h",
    }
    client = login(other_member)
    assert client.post(send_url(conversation), {"body": "one"}).status_code == 302
    assert client.post(send_url(conversation), {"body": "two"}).status_code == 429
    start = {"recipients": [member.pk], "body": "hi"}
    assert client.post(reverse("conversations:start"), start).status_code == 302
    assert client.post(reverse("conversations:start"), start).status_code == 429


def test_inbox_and_conversation_pages_make_as_many_queries_whatever_their_size(
    login, member, other_member, carol, committed, assert_stable_queries
):
    conversation = committed(actions.start, member, [other_member], subject="s", body="one")
    client = login(member)

    def grow_inbox():
        for n in range(3):
            c = committed(actions.start, other_member, [member, carol], subject=f"{n}", body="x")
            committed(actions.send, carol, c, "y")

    assert assert_stable_queries(client, reverse("conversations:inbox"), grow_inbox) <= 9

    def grow_conversation():
        for n in range(4):
            committed(actions.send, other_member, conversation, f"more {n}")

    # Each counted visit has a new message to mark read, and its notification.
    def new_message():
        committed(actions.send, other_member, conversation, "unread")

    queries = assert_stable_queries(
        client, detail_url(conversation), grow_conversation, before_each=new_message
    )
    assert queries <= 16  # with the messages' attached files, one query for the page


def test_every_page_is_for_members_and_a_strangers_conversation_is_a_404(
    client, login, conversation, carol, newcomer
):
    message = conversation.messages.get()
    own_pages = [
        reverse("conversations:inbox"),
        reverse("conversations:start"),
        reverse("conversations:blocked"),
    ]
    their_pages = [
        detail_url(conversation),
        reverse("conversations:leave", args=[conversation.pk]),
        reverse("conversations:after", args=[conversation.pk, 0]),
        reverse("conversations:report", args=[message.pk]),
    ]
    for url in own_pages + their_pages:
        anonymous = client.get(url)
        assert anonymous.status_code == 302
        assert anonymous.url.startswith(reverse("account_login"))
    for url in own_pages:
        assert login(carol).get(url).status_code == 200
        refused = login(newcomer).get(url)
        assert refused.status_code == 302 and refused.url == reverse("accounts:status")
    for url in their_pages:
        assert login(carol).get(url).status_code == 404
    assert (
        login(carol).post(reverse("conversations:leave", args=[conversation.pk])).status_code == 404
    )
    assert login(carol).get(reverse("moderation:messages")).status_code == 403


def test_the_reported_and_blocked_lists_make_as_many_queries_whatever_their_size(
    login, member, other_member, carol, moderator, committed, assert_stable_queries
):
    def grow_reports(count=3):
        for n in range(count):
            c = committed(actions.start, other_member, [member], subject=f"{n}", body=f"bad {n}")
            actions.report(member, c.messages.get(), "Spam")

    grow_reports(1)
    assert (
        assert_stable_queries(login(moderator), reverse("moderation:messages"), grow_reports) <= 8
    )

    actions.block(member, moderator)

    def grow_blocks():
        actions.block(member, other_member)
        actions.block(member, carol)

    assert assert_stable_queries(login(member), reverse("conversations:blocked"), grow_blocks) <= 7


def test_the_reported_messages_list_filters_open_and_resolved_reports(
    login, member, other_member, moderator, committed
):
    for body in ("still open", "dealt with"):
        c = committed(actions.start, other_member, [member], subject=body, body=body)
        actions.report(member, c.messages.get(), "Spam")
    resolved = MessageReport.objects.get(message__body__contains="dealt with")
    client = login(moderator)
    assert client.post(reverse("conversations:resolve", args=[resolved.pk])).status_code == 302
    url = reverse("moderation:messages")
    opened = client.get(url).content.decode()  # open by default
    assert "still open" in opened and "dealt with" not in opened
    assert 'class="stack"' in opened and "csrfmiddlewaretoken" in opened
    done = client.get(url, {"status": "resolved"}).content.decode()
    assert "dealt with" in done and "still open" not in done
    every = client.get(url, {"status": ""}).content.decode()
    assert "dealt with" in every and "still open" in every
    assert login(member).get(url, {"status": "resolved"}).status_code == 403
