"""Notification centre, marking read, preferences, unsubscribing."""

import pytest
from django.urls import reverse

from notifications.actions import notify
from notifications.emails import unsubscribe_token
from notifications.kinds import Delivery
from notifications.models import Notification, Preference

INDEX = reverse("notifications:index")
PREFERENCES = reverse("notifications:preferences")


def several(user, count, kind="reply"):
    return [notify([user], kind, summary=f"Item {i}", url="/forum/")[0] for i in range(count)]


# --- centre -----------------------------------------------------------------------------------
def test_it_lists_my_notifications_only(login, member, other_member):
    notify([member], "reply", summary="For Alice")
    notify([other_member], "reply", summary="For Bob")
    page = login(member).get(INDEX)
    assert page.status_code == 200
    assert "For Alice" in page.text and "For Bob" not in page.text


def test_it_filters_unread(login, member):
    read, _unread = several(member, 2)
    Notification.objects.filter(pk=read.pk).mark_read()
    page = login(member).get(INDEX + "?show=unread")
    assert "Item 1" in page.text and "Item 0" not in page.text


def test_an_unknown_filter_shows_all(login, member):
    several(member, 1)
    assert "Item 0" in login(member).get(INDEX + "?show=<script>").text


def test_it_is_for_members_only(client, login, applicant, db):
    assert client.get(INDEX).status_code == 302
    response = login(applicant).get(INDEX)
    assert (response.status_code, response["Location"]) == (302, "/accounts/status/")


def test_it_paginates_with_a_stable_number_of_queries(login, member, assert_stable_queries):
    several(member, 3)
    client = login(member)
    assert assert_stable_queries(client, INDEX, lambda: several(member, 45)) == 4
    assert 'rel="next"' in client.get(INDEX).text
    assert "Item 4" in client.get(INDEX + "?page=3").text


# --- marking read ------------------------------------------------------------------------------
def test_i_mark_one_read_and_my_other_tabs_hear_which(login, member, on_commit, pushed):
    first, _second = several(member, 2)
    pushed.clear()
    with on_commit(execute=True):
        response = login(member).post(reverse("notifications:mark_read", args=[first.pk]))
    assert pushed == [
        (f"user.{member.pk}", {"type": "notification.unread", "unread": 1, "read": [first.pk]})
    ]
    assert response.status_code == 302
    assert Notification.objects.unread_count(member) == 1
    first.refresh_from_db()
    assert first.read_at is not None


def test_marking_someone_elses_read_is_a_404(login, member, other_member):
    (theirs,) = several(other_member, 1)
    client = login(member)
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post(login, member):
    (mine,) = several(member, 1)
    assert login(member).get(reverse("notifications:mark_read", args=[mine.pk])).status_code == 405


def test_i_mark_all_read_and_my_other_tabs_hear_it(login, member, other_member, on_commit, pushed):
    several(member, 3)
    several(other_member, 1)
    pushed.clear()
    with on_commit(execute=True):
        response = login(member).post(
            reverse("notifications:mark_all_read"), {"next": INDEX + "?show=unread"}
        )
    assert response.url == INDEX + "?show=unread"
    assert Notification.objects.unread_count(member) == 0
    assert Notification.objects.unread_count(other_member) == 1
    assert pushed == [
        (f"user.{member.pk}", {"type": "notification.unread", "unread": 0, "read": "all"})
    ]


def test_the_next_url_must_be_local(login, member):
    response = login(member).post(
        reverse("notifications:mark_all_read"), {"next": "https://evil.example/"}
    )
    assert response.url == INDEX


def test_opening_marks_read_and_follows_the_link(login, member):
    (mine,) = several(member, 1)
    response = login(member).get(reverse("notifications:open", args=[mine.pk]))
    assert response.status_code == 302 and response.url == "/forum/"
    assert Notification.objects.unread_count(member) == 0


def test_marking_read_is_rate_limited(login, member, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "notifications.write": "2/h"}
    items = several(member, 3)
    client = login(member)
    codes = [
        client.post(reverse("notifications:mark_read", args=[n.pk])).status_code for n in items
    ]
    assert codes == [302, 302, 429]
    assert Notification.objects.unread_count(member) == 1


# --- preferences -------------------------------------------------------------------------------
def test_preferences_show_the_defaults(login, member):
    page = login(member).get(PREFERENCES)
    assert page.status_code == 200
    assert '<option value="email" selected>' in page.text  # replies default to email


def test_i_change_a_preference(login, member):
    from notifications import kinds

    data = {name: kind.default for name, kind in kinds.KINDS.items()} | {
        "thread_post": "off",
        "reply": "digest",
    }
    response = login(member).post(PREFERENCES, data)
    assert response.status_code == 302
    assert Preference.objects.deliveries(member)["thread_post"] == "off"
    assert set(Preference.objects.filter(user=member).values_list("kind", flat=True)) == {
        "thread_post",
        "reply",
    }


def test_an_impossible_preference_is_a_400_keeping_the_input(login, member):
    from notifications import kinds

    data = {name: kind.default for name, kind in kinds.KINDS.items()}
    data |= {"membership_approved": "email", "reply": "digest"}
    response = login(member).post(PREFERENCES, data)
    assert response.status_code == 400
    assert '<option value="digest" selected>' in response.text
    assert not Preference.objects.filter(user=member).exists()


def test_preferences_are_for_members_only(client, db):
    assert client.get(PREFERENCES).status_code == 302


# --- unsubscribe -------------------------------------------------------------------------------
def test_the_unsubscribe_page_asks_before_changing_anything(client, member):
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(member, "reply")])
    page = client.get(url)
    assert page.status_code == 200 and "Replies to your posts" in page.text
    assert not Preference.objects.exists()


def test_one_click_unsubscribe_stops_that_kinds_email(client, member):
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(member, "reply")])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})  # RFC 8058, no CSRF token
    assert response.status_code == 200
    assert Preference.objects.deliveries(member)["reply"] == Delivery.IN_APP
    assert Preference.objects.deliveries(member)["mention"] == Delivery.EMAIL


def test_the_digest_link_stops_every_email(client, member):
    client.post(reverse("notifications:unsubscribe", args=[unsubscribe_token(member)]))
    deliveries = Preference.objects.deliveries(member)
    assert Delivery.EMAIL not in deliveries.values()
    assert Delivery.DIGEST not in deliveries.values()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_unsubscribe_link_is_a_clear_400(client, member, method):
    token = unsubscribe_token(member, "reply")
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = getattr(client, method)(reverse("notifications:unsubscribe", args=[forged]))
    assert response.status_code == 400
    assert "not valid" in response.text and "Nothing was changed" in response.text
    assert not Preference.objects.exists()


def test_the_badge_on_every_page_counts_my_unread(login, member):
    several(member, 2)
    page = login(member).get(reverse("home"))
    assert "data-unread-count>2</span>" in page.text


def test_the_demo_welcomes_each_member_once(member, other_member, applicant):
    from notifications import demo

    demo.load([member, other_member, applicant])
    demo.load([member, other_member, applicant])
    assert sorted(Notification.objects.values_list("recipient__email", flat=True)) == [
        "alice@gcm.unu.example",
        "bob@ehs.unu.example",
    ]


@pytest.mark.parametrize("url", [INDEX, PREFERENCES])
def test_its_pages_load_the_stylesheet_once(login, member, url):
    page = login(member).get(url).content.decode()
    assert page.count("css/notifications.css") == 1


def test_opening_past_the_rate_limit_still_follows_the_link(login, member, other_member, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "notifications.write": "1/h"}
    first, second = several(member, 2)
    client = login(member)
    client.get(reverse("notifications:open", args=[first.pk]))
    response = client.get(reverse("notifications:open", args=[second.pk]))
    assert response.status_code == 302 and response.url == "/forum/"
    (theirs,) = several(other_member, 1)
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
