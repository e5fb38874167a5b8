"""The contract of ``notify()``: stored in the transaction, pushed after commit, exact people."""

import pytest
from django.db import transaction

from notifications import kinds
from notifications.actions import notify
from notifications.kinds import Delivery
from notifications.models import Notification, Preference
from tests.conftest import make_user


def recipients_of(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_it_notifies_each_recipient_once_and_never_the_actor(member, other_member, moderator):
    notify([other_member, moderator, other_member, member], "reply", actor=member, summary="Hi")
    assert recipients_of("reply") == ["bob@ehs.unu.example", "mona@gcm.unu.example"]


def test_it_skips_people_who_are_not_active_members(member, applicant, newcomer, institutes):
    gone = make_user("gone@gcm.unu.example", "Gone Away")
    gone.is_active = False
    gone.save()
    notify([member, applicant, newcomer, gone, None], "mention", summary="x")
    assert recipients_of("mention") == ["alice@gcm.unu.example"]


def test_it_honours_off_and_snapshots_the_delivery(member, other_member):
    Preference.objects.create(user=member, kind="reply", delivery=Delivery.OFF)
    Preference.objects.create(user=other_member, kind="reply", delivery=Delivery.DIGEST)
    created = notify([member, other_member], "reply", summary="x")
    assert [(n.recipient_id, n.delivery) for n in created] == [(other_member.pk, "digest")]


def test_it_uses_the_kinds_default_delivery(member):
    (created,) = notify([member], "thread_post", summary="x")
    assert created.delivery == kinds.KINDS["thread_post"].default == Delivery.DIGEST


def test_an_unknown_kind_is_an_error(member):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        notify([member], "reply_typo")


def test_it_takes_the_targets_url_and_a_default_summary(member, other_member):
    (created,) = notify([other_member], "membership_approved", target=member)
    assert created.summary == str(kinds.KINDS["membership_approved"].label)
    assert created.target == member
    (linked,) = notify([other_member], "reply", url="/forum/p/1/", summary="s" * 400)
    assert linked.url == "/forum/p/1/" and len(linked.summary) == 300


def test_it_bulk_inserts_in_one_query(member, other_member, moderator, django_assert_num_queries):
    people = [member, other_member, moderator]
    with django_assert_num_queries(2):  # preferences, then one insert
        notify(people, "mention", summary="x")


@pytest.mark.django_db(transaction=True)
def test_it_pushes_only_after_commit(member, other_member, pushed):
    with transaction.atomic():
        (created,) = notify([other_member], "mention", actor=member, summary="Look")
        assert pushed == []
    assert pushed == [
        (
            f"user.{other_member.pk}",
            {"type": "notification.new", "item": created.as_message()},
        )
    ]


@pytest.mark.django_db(transaction=True)
def test_a_rollback_stores_and_pushes_nothing(member, other_member, pushed):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([other_member], "mention", actor=member, summary="Look")
        raise RuntimeError
    assert pushed == [] and not Notification.objects.exists()


def test_the_push_is_a_hint_a_dead_layer_only_logs(member, on_commit, monkeypatch, caplog):
    from channels.layers import get_channel_layer

    async def broken(group, message):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(get_channel_layer(), "group_send", broken)
    with on_commit(execute=True):
        notify([member], "mention", summary="Still stored")
    assert Notification.objects.filter(recipient=member, summary="Still stored").exists()
    (warning,) = [r for r in caplog.records if r.name == "notifications.delivery"]
    assert warning.levelname == "WARNING"
    assert warning.getMessage() == "Live push of 1 message(s) failed"


def test_every_kind_has_a_label_and_a_valid_default():
    for name, kind in kinds.KINDS.items():
        assert kind.name == name and str(kind.label)
        assert kind.default in dict(kind.choices())
    assert dict(kinds.KINDS["membership_approved"].choices()) == {
        "in_app": Delivery.IN_APP.label,
        "off": Delivery.OFF.label,
    }


def test_many_recipients_get_one_shared_message(member, institutes, on_commit, pushed):
    from notifications.delivery import BROADCAST_FROM

    people = [make_user(f"p{i}@gcm.unu.example", f"Person {i}") for i in range(BROADCAST_FROM)]
    with on_commit(execute=True):
        created = notify([*people, member], "initiative_status", actor=member, summary="Moved")
    ((group, message),) = pushed
    assert group == "members" and message["type"] == "notification.many"
    assert message["ids"] == {str(n.recipient_id): n.pk for n in created}
    assert str(member.pk) not in message["ids"]
    assert message["item"]["summary"] == "Moved" and "id" not in message["item"]


def test_an_approved_applicant_is_told_in_the_app(applicant, moderator):
    from accounts import actions

    actions.approve_application(moderator, applicant.applications.get())
    (notification,) = Notification.objects.filter(recipient=applicant)
    assert notification.kind == "membership_approved" and notification.actor == moderator
