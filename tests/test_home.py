import pytest

from accounts import actions
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_member_home_shows_next_steps_and_news(login, member, other_member):
    page = login(member).get("/home/").content.decode()
    assert "Welcome, <bdi>Alice Moreau</bdi>" in page
    assert "Complete your profile" in page
    assert "Bob Mensah" in page  # a new member


def test_non_member_home_is_refused(login, newcomer):
    assert login(newcomer).get("/home/")["Location"] == "/accounts/status/"


def test_home_query_count_does_not_grow(login, member, assert_stable_queries):
    def more_members():
        for i in range(8):
            make_user(f"n{i}@ehs.unu.example", f"New Person {i}")

    assert assert_stable_queries(login(member), "/home/", more_members) <= 9


def test_deactivated_members_are_not_listed_as_new(login, member, other_member, moderator):
    actions.deactivate_member(moderator, other_member, reason="Left")
    assert "Bob Mensah" not in login(member).get("/home/").content.decode()


def test_the_kept_new_members_follow_changes_at_once(login, member, other_member):
    from accounts.models import User

    client = login(member)

    def section():
        html = client.get("/home/").content.decode()
        return html.split('id="people-title"')[1].split("</section>")[0]

    assert "Bob Mensah" in section() and "Alice Moreau" not in section()  # not the viewer
    for i in range(6):
        make_user(f"k{i}@ehs.unu.example", f"Kept Person {i}")  # the profiles' token moves
    shown = section()
    assert all(f"Kept Person {i}" in shown for i in range(1, 6)) and "Bob Mensah" not in shown
    # Deactivated without a signal (as between a change and its commit): the next one shows.
    User.objects.filter(email="k5@ehs.unu.example").update(is_active=False)
    shown = section()
    assert "Kept Person 5" not in shown and "Kept Person 0" in shown
