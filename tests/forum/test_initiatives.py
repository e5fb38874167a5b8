"""Initiatives: structured proposal, status workflow, joining, suggested experts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import Entry
from directory.models import SDG, Method, Region, Theme
from forum import actions
from forum.models import Initiative, Participation
from tests.conftest import make_user


@pytest.fixture
def initiative(member, category, institutes):
    initiative = actions.propose_initiative(
        member,
        category=category,
        title="Remittances and adaptation survey",
        summary="A joint household survey.",
        objectives="- A questionnaire\n- Fieldwork",
        institutes=[institutes["gcm"], institutes["ehs"]],
        thread_vocab={"themes": [Theme.objects.get(slug="remittances")]},
        sdgs=[SDG.objects.get(number=13)],
        sought_themes=[Theme.objects.get(slug="climate-mobility")],
        sought_methods=[Method.objects.get(slug="census-and-household-surveys")],
    )
    return Initiative.objects.get(pk=initiative.pk)


def test_proposing_creates_an_initiative_thread(initiative, member):
    thread = initiative.thread
    assert thread.kind == "initiative" and thread.author == member
    assert initiative.status == Initiative.Status.PROPOSED
    assert "## Objectives" in thread.posts.get().body
    assert [t.slug for t in thread.themes.all()] == ["remittances"]
    assert [s.number for s in initiative.sdgs.all()] == [13]
    assert initiative.institutes.count() == 2


def test_proposing_through_the_page(member, category, login):
    theme = Theme.objects.get(slug="climate-mobility")
    response = login(member).post(
        reverse("forum:new_initiative"),
        {
            "category": category.pk,
            "title": "Shared data lab",
            "summary": "Pool survey data.",
            "objectives": "Agree on a format.",
            "sought_themes": [theme.pk],
        },
    )
    initiative = Initiative.objects.get(thread__title="Shared data lab")
    assert response.status_code == 302
    assert list(initiative.sought_themes.all()) == [theme]


def test_the_status_moves_only_along_the_workflow(initiative, member):
    actions.change_initiative_status(member, initiative, Initiative.Status.DISCUSSION)
    actions.change_initiative_status(member, initiative, Initiative.Status.ACTIVE)
    with pytest.raises(ValidationError):
        actions.change_initiative_status(member, initiative, Initiative.Status.PROPOSED)
    actions.change_initiative_status(member, initiative, Initiative.Status.COMPLETED)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.COMPLETED


def test_only_the_proposer_or_a_moderator_changes_the_status(
    initiative, other_member, moderator, login
):
    url = reverse("forum:initiative_status", args=[initiative.pk])
    assert login(other_member).post(url, {"status": "discussion"}).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.change_initiative_status(other_member, initiative, "discussion")
    assert login(moderator).post(url, {"status": "discussion"}).status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "discussion"
    assert Entry.objects.get().action == "initiative_status"


def test_members_join_or_express_interest_and_the_right_people_are_told(
    initiative, member, other_member, institutes, login, notified
):
    carol = make_user("carol@gcm.unu.example", "Carol Diaz")
    client = login(other_member)
    url = reverse("forum:initiative_join", args=[initiative.pk])
    assert client.post(url, {"kind": "interested"}).status_code == 302
    assert notified() == [("initiative_interest", "alice@gcm.unu.example")]
    assert client.post(url, {"kind": "participant"}).status_code == 302
    actions.join_initiative(carol, initiative)
    assert notified("initiative_joined") == [
        ("initiative_joined", "alice@gcm.unu.example"),
        ("initiative_joined", "alice@gcm.unu.example"),
        ("initiative_joined", "bob@ehs.unu.example"),
    ]
    assert set(
        Participation.objects.filter(initiative=initiative).values_list("user__email", "kind")
    ) == {("bob@ehs.unu.example", "participant"), ("carol@gcm.unu.example", "participant")}
    html = client.get(initiative.thread.get_absolute_url()).content.decode()
    assert "Carol Diaz" in html and "Leave" in html


def test_a_status_change_tells_participants_and_interested_members(
    initiative, member, other_member, institutes, notified
):
    carol = make_user("carol@gcm.unu.example", "Carol Diaz")
    actions.join_initiative(other_member, initiative, "participant")
    actions.join_initiative(carol, initiative, "interested")
    actions.change_initiative_status(member, initiative, "discussion")
    assert notified("initiative_status") == [
        ("initiative_status", "bob@ehs.unu.example"),
        ("initiative_status", "carol@gcm.unu.example"),
    ]


def test_a_closed_initiative_cannot_be_joined(initiative, member, other_member):
    actions.change_initiative_status(member, initiative, "archived")
    with pytest.raises(PermissionDenied):
        actions.join_initiative(other_member, initiative)


def test_suggested_experts_match_the_sought_expertise_and_exclude_participants(
    initiative, member, other_member, institutes, login
):
    from directory.models import Profile

    carol = make_user("carol@gcm.unu.example", "Carol Diaz")
    dan = make_user("dan@ehs.unu.example", "Dan Iwu")
    for person in (carol, dan, other_member):
        Profile.objects.get_or_create(user=person)
    carol.profile.themes.add(Theme.objects.get(slug="climate-mobility"))
    carol.profile.methods.add(Method.objects.get(slug="census-and-household-surveys"))
    other_member.profile.themes.add(Theme.objects.get(slug="climate-mobility"))
    dan.profile.themes.add(Theme.objects.get(slug="statelessness"))
    actions.join_initiative(other_member, initiative)
    html = login(member).get(initiative.thread.get_absolute_url()).content.decode()
    suggestions = html.split("Suggested experts", 1)[1]
    assert "Carol Diaz" in suggestions
    assert "climate mobility" in suggestions.lower()
    assert "Dan Iwu" not in suggestions
    assert "Bob Mensah" not in suggestions  # already a participant


def test_regions_sought_are_kept(member, category):
    europe = Region.objects.get(code="150")
    initiative = actions.propose_initiative(
        member,
        category=category,
        title="European cities",
        summary="Cities compare notes.",
        objectives="Meet twice a year.",
        sought_regions=[europe],
    )
    assert list(initiative.sought_regions.all()) == [europe]


def test_the_proposer_edits_the_initiative_and_the_opening_post_keeps_a_revision(
    initiative, member, login
):
    client = login(member)
    url = reverse("forum:initiative_edit", args=[initiative.pk])
    assert client.get(url).status_code == 200
    method = Method.objects.get(slug="impact-evaluation")
    response = client.post(
        url,
        {
            "title": "Remittances and adaptation panel",
            "summary": "A joint panel survey.",
            "objectives": "- Three waves",
            "sought_methods": [method.pk],
        },
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    thread = initiative.thread
    assert thread.title == "Remittances and adaptation panel"
    assert list(initiative.sought_methods.all()) == [method]
    assert not initiative.sought_themes.exists() and not initiative.institutes.exists()
    opening = thread.posts.get(position=1)
    assert opening.version == 2 and "Three waves" in opening.body_html
    assert opening.revisions.count() == 2


def test_others_cannot_edit_an_initiative(initiative, other_member, moderator, login):
    url = reverse("forum:initiative_edit", args=[initiative.pk])
    assert login(other_member).get(url).status_code == 403
    data = {"title": "Taken over", "summary": "S", "objectives": "O"}
    assert login(other_member).post(url, data).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.edit_initiative(other_member, initiative, **data)
    assert login(moderator).post(url, data).status_code == 302
    assert Entry.objects.get().action == "initiative_edit"


def test_the_proposer_cannot_change_an_initiative_in_a_deleted_thread(
    initiative, member, moderator
):
    actions.moderate_thread(moderator, initiative.thread, "delete_thread", reason="Duplicate")
    initiative = Initiative.objects.select_related("thread").get(pk=initiative.pk)
    with pytest.raises(PermissionDenied):
        actions.change_initiative_status(member, initiative, "discussion")
    with pytest.raises(PermissionDenied):
        actions.edit_initiative(member, initiative, title="Revived", summary="S", objectives="O")
    actions.change_initiative_status(moderator, initiative, "discussion")


def test_a_locked_initiative_is_not_edited_by_its_proposer(initiative, member, moderator, login):
    actions.moderate_thread(moderator, initiative.thread, "lock", reason="Settled")
    url = reverse("forum:initiative_edit", args=[initiative.pk])
    client = login(member)
    assert url not in client.get(initiative.thread.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 403
    assert "This thread is locked: its posts can no longer be edited." in response.content.decode()
    data = {"title": "Rewritten", "summary": "A new summary.", "objectives": "New objectives"}
    response = client.post(url, data)
    assert response.status_code == 403 and "A new summary." in response.content.decode()
    with pytest.raises(PermissionDenied):
        actions.edit_initiative(member, initiative, **data)
    initiative.refresh_from_db()
    assert initiative.summary == "A joint household survey."
    assert initiative.thread.posts.get(position=1).version == 1
    # Moderators still may; the status workflow stays open to the proposer.
    assert url in login(moderator).get(initiative.thread.get_absolute_url()).content.decode()
    assert login(moderator).post(url, data).status_code == 302
    actions.change_initiative_status(member, initiative, "discussion")
