"""Practices: submitted by members, reviewed by moderators, curated into the library."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import Entry
from directory.models import SDG, Country, Region, Theme
from forum import actions
from forum.models import Practice


@pytest.fixture
def practices_category(db):
    from forum.models import Category

    return Category.objects.create(name="Good practices", slug="practices")


def submit(author, category, title, **extra):
    return actions.submit_practice(
        author,
        category=category,
        title=title,
        summary=extra.pop("summary", f"{title}: summary"),
        what_worked=extra.pop("what_worked", "Working with community leaders."),
        **extra,
    )


def test_a_member_submits_a_practice_through_the_page(member, practices_category, login):
    response = login(member).post(
        reverse("forum:new_practice"),
        {
            "category": practices_category.pk,
            "title": "Welcome desks",
            "summary": "One desk per district.",
            "what_worked": "Volunteers who arrived earlier.",
            "evidence": "https://example.org/report",
            "place": "Barcelona",
            "country": Country.objects.get(code="ES").pk,
            "sdgs": [SDG.objects.get(number=10).pk],
        },
    )
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert practice.status == Practice.Status.SUBMITTED
    assert practice.country.code == "ES" and [s.number for s in practice.sdgs.all()] == [10]
    assert "What worked" in practice.thread.posts.get().body


def test_a_moderator_curates_and_features_a_practice(
    member, moderator, practices_category, login, notified
):
    practice = submit(member, practices_category, "Welcome desks")
    client = login(moderator)
    url = reverse("forum:practice_review", args=[practice.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "curated", "featured": "on"})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == "curated" and practice.featured and practice.curated_at
    assert notified() == [("practice_curated", "alice@gcm.unu.example")]
    assert Entry.objects.get().action == "curate_practice"
    html = login(member).get(reverse("forum:practices")).content.decode()
    assert "Welcome desks" in html and "Featured" in html


def test_declining_needs_a_reason_that_the_author_sees(
    member, moderator, practices_category, login, notified
):
    practice = submit(member, practices_category, "Leaflets")
    client = login(moderator)
    url = reverse("forum:practice_review", args=[practice.pk])
    response = client.post(url, {"status": "declined", "reason": ""})
    assert response.status_code == 400
    assert "Say why the practice is declined." in response.content.decode()
    with pytest.raises(ValidationError):
        actions.review_practice(moderator, practice, "declined", reason=" ")
    client.post(url, {"status": "declined", "reason": "No evidence yet"})
    practice.refresh_from_db()
    assert practice.status == "declined" and practice.decline_reason == "No evidence yet"
    assert notified() == [("practice_declined", "alice@gcm.unu.example")]
    html = login(member).get(practice.thread.get_absolute_url()).content.decode()
    assert "No evidence yet" in html
    assert "Leaflets" not in login(member).get(reverse("forum:practices")).content.decode()


def test_members_cannot_review(member, other_member, practices_category, login):
    practice = submit(member, practices_category, "Leaflets")
    url = reverse("forum:practice_review", args=[practice.pk])
    assert login(other_member).get(url).status_code == 403
    assert login(member).post(url, {"status": "curated"}).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.review_practice(member, practice, "curated")
    practice.refresh_from_db()
    assert practice.status == "submitted"


def test_the_library_shows_only_curated_practices_and_filters_them(
    member, moderator, practices_category, institutes, login
):
    desks = submit(
        member,
        practices_category,
        "Welcome desks",
        institute=institutes["gcm"],
        country=Country.objects.get(code="ES"),
        thread_vocab={"themes": [Theme.objects.get(slug="integration-and-inclusion")]},
        sdgs=[SDG.objects.get(number=10)],
    )
    floods = submit(
        member,
        practices_category,
        "Flood text alerts",
        institute=institutes["ehs"],
        country=Country.objects.get(code="BD"),
        thread_vocab={"themes": [Theme.objects.get(slug="disaster-displacement")]},
    )
    submit(member, practices_category, "Not yet reviewed")
    for practice in (desks, floods):
        actions.review_practice(moderator, practice, "curated")
    client = login(member)
    url = reverse("forum:practices")

    def titles(**params):
        html = client.get(url, params).content.decode()
        return [t for t in ("Welcome desks", "Flood text alerts", "Not yet reviewed") if t in html]

    assert titles() == ["Welcome desks", "Flood text alerts"]
    assert titles(institute=institutes["ehs"].pk) == ["Flood text alerts"]
    europe = Region.objects.get(code="150")
    assert titles(region=europe.pk) == ["Welcome desks"]
    focus = Theme.objects.get(slug="forced-migration")  # a focus area matches its themes
    assert titles(theme=focus.pk) == ["Flood text alerts"]
    assert titles(sdg=SDG.objects.get(number=10).pk) == ["Welcome desks"]


def test_the_library_filters_take_several_values_that_combine(
    member, moderator, practices_category, institutes, login
):
    """Several values of one filter are alternatives (OR), filters together all apply (AND),
    and the form shows them as checkboxes, the chosen ones checked (like the directory's)."""
    desks = submit(
        member,
        practices_category,
        "Welcome desks",
        institute=institutes["gcm"],
        thread_vocab={"themes": [Theme.objects.get(slug="integration-and-inclusion")]},
        sdgs=[SDG.objects.get(number=10)],
    )
    floods = submit(
        member,
        practices_category,
        "Flood text alerts",
        institute=institutes["ehs"],
        thread_vocab={"themes": [Theme.objects.get(slug="disaster-displacement")]},
        sdgs=[SDG.objects.get(number=13)],
    )
    for practice in (desks, floods):
        actions.review_practice(moderator, practice, "curated")
    client = login(member)
    url = reverse("forum:practices")

    def titles(params):
        html = client.get(url, params).content.decode()
        return [t for t in ("Welcome desks", "Flood text alerts") if t in html]

    both_themes = [
        Theme.objects.get(slug="integration-and-inclusion").pk,
        Theme.objects.get(slug="disaster-displacement").pk,
    ]
    assert titles({"theme": both_themes}) == ["Welcome desks", "Flood text alerts"]
    assert titles({"theme": both_themes[:1]}) == ["Welcome desks"]
    both_institutes = [institutes["gcm"].pk, institutes["ehs"].pk]
    assert titles({"institute": both_institutes}) == ["Welcome desks", "Flood text alerts"]
    sdgs = [SDG.objects.get(number=10).pk, SDG.objects.get(number=13).pk]
    assert titles({"sdg": sdgs}) == ["Welcome desks", "Flood text alerts"]
    # Across filters the values narrow: both themes, but only the second institute.
    assert titles({"theme": both_themes, "institute": [institutes["ehs"].pk]}) == [
        "Flood text alerts"
    ]

    html = client.get(url, {"theme": both_themes}).content.decode()
    for pk in both_themes:
        assert f'type="checkbox" name="theme" value="{pk}"' in html
    assert html.count('name="theme" value') > 10, "every theme offered as a checkbox"
    assert html.count("checked") >= 2
    assert "Filters (2)" in html
    assert "<select" not in html.split('class="filters"')[1].split("</form>")[0]


def test_the_library_runs_a_fixed_number_of_queries(
    member, moderator, practices_category, login, assert_stable_queries
):
    count = iter(range(100))

    themes = list(Theme.objects.all()[:3])

    def grow():
        for i in range(4):
            practice = submit(
                member,
                practices_category,
                f"Practice {next(count)}",
                country=Country.objects.get(code="ES"),
                thread_vocab={"themes": themes},
                sdgs=[SDG.objects.get(number=10)],
            )
            actions.review_practice(moderator, practice, "curated", featured=i % 2 == 0)

    grow()
    assert assert_stable_queries(login(member), reverse("forum:practices"), grow) == 10
