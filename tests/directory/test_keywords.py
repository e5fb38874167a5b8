import pytest
from django.urls import reverse

from directory import actions
from directory.models import Keyword, Profile, Theme

pytestmark = pytest.mark.django_db

QUEUE = reverse("moderation:keywords")


@pytest.fixture
def proposed(member, alice_profile):
    actions.update_profile(member, alice_profile, {"keyword_names": ["Hawala networks"]})
    return Keyword.objects.get(normalized="hawala networks")


def decide(client, keyword, **data):
    return client.post(reverse("directory:decide_keyword", args=[keyword.pk]), data)


def test_moderators_see_the_queue_and_members_do_not(login, member, moderator, proposed):
    assert login(member).get(QUEUE).status_code == 403
    response = login(moderator).get(QUEUE)
    assert response.status_code == 200
    assert b"Hawala networks" in response.content


def test_a_member_cannot_decide(login, member, proposed):
    assert decide(login(member), proposed, decision="approve").status_code == 403
    proposed.refresh_from_db()
    assert proposed.status == Keyword.Status.PROPOSED


def test_approving_shows_the_keyword_in_search(login, moderator, proposed, alice_profile):
    assert not Profile.objects.search("hawala").exists()
    assert decide(login(moderator), proposed, decision="approve").status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == Keyword.Status.APPROVED
    assert proposed.decided_by == moderator
    assert Profile.objects.search("hawala").get() == alice_profile


def test_merging_into_a_theme_moves_the_holders(login, moderator, proposed, alice_profile):
    theme = Theme.objects.get(slug="remittances")
    alice_profile.themes.remove(theme)
    decide(login(moderator), proposed, decision="merge", theme=theme.pk)
    assert theme in alice_profile.themes.all()
    assert not alice_profile.keywords.exists()
    proposed.refresh_from_db()
    assert proposed.status == Keyword.Status.MERGED


def test_a_synonym_finds_the_terms_holders(login, moderator, proposed, alice_profile, bob_profile):
    theme = Theme.objects.get(slug="remittances")
    decide(login(moderator), proposed, decision="synonym", theme=theme.pk)
    found = set(Profile.objects.search("hawala"))
    assert found == {alice_profile, bob_profile}


def test_a_merge_needs_exactly_one_target(login, moderator, proposed):
    response = decide(login(moderator), proposed, decision="merge")
    assert response.status_code == 400
    assert b"Choose one approved keyword or one theme" in response.content
    proposed.refresh_from_db()
    assert proposed.status == Keyword.Status.PROPOSED


def test_a_keyword_is_decided_once(login, moderator, proposed):
    client = login(moderator)
    decide(client, proposed, decision="approve")
    response = decide(client, proposed, decision="approve")
    assert response.status_code == 400


def test_the_queue_query_count_is_stable(
    login, moderator, member, alice_profile, proposed, assert_stable_queries
):
    def grow():
        actions.update_profile(
            member, alice_profile, {"keyword_names": [f"topic {n}" for n in range(10)]}
        )
        Keyword.objects.filter(name__startswith="topic 1").update(status="approved")

    assert assert_stable_queries(login(moderator), QUEUE, grow) == 6


def row(name):
    return f'<th scope="row" data-label="Keyword">{name}</th>'


def test_the_queue_filters_by_words_and_status_and_opens_on_the_proposed(
    login, member, moderator, proposed, alice_profile
):
    actions.update_profile(
        member, alice_profile, {"keyword_names": ["Hawala networks", "Remittance corridors"]}
    )
    Keyword.objects.filter(normalized="remittance corridors").update(status="approved")
    client = login(moderator)
    opened = client.get(QUEUE).content.decode()
    assert row("Hawala networks") in opened and row("Remittance corridors") not in opened
    assert 'class="stack keyword-queue"' in opened and "csrfmiddlewaretoken" in opened
    approved = client.get(QUEUE, {"status": "approved"}).content.decode()
    assert row("Remittance corridors") in approved and row("Hawala networks") not in approved
    assert 'action="/directory' not in approved  # a decided keyword has no decision form
    found = client.get(QUEUE, {"status": "", "q": "corrid"}).content.decode()
    assert row("Remittance corridors") in found and row("Hawala networks") not in found
    assert "No keyword matches." in client.get(QUEUE, {"q": "nothing"}).content.decode()
    assert login(member).get(QUEUE, {"status": "approved"}).status_code == 403
