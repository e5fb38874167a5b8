"""The public pages: open to visitors, showing published content only, in fixed query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Profile
from forum import actions as forum_actions
from forum.models import Category, Practice
from portal import caching
from portal.models import Event, Output, Status

from .conftest import make_event, make_output

SECRET = "ZZSECRET"
SEARCHES = [
    "output",
    "event",
    "draft",
    "declined",
    "submitted",
    "practice",
    "summary",
    "curated private",
    "deleted",
    "members-only position",
    "Published",
]


def make_practice(author, moderator, title, *, status, public):
    category, _ = Category.objects.get_or_create(slug="practices", defaults={"name": "Practices"})
    practice = forum_actions.submit_practice(
        author, category=category, title=title, summary=f"{title} summary", what_worked="It did."
    )
    if status != Practice.Status.SUBMITTED:
        forum_actions.review_practice(
            moderator, practice, status, reason="Not for us." if status == "declined" else ""
        )
    Practice.objects.filter(pk=practice.pk).update(is_public=public)
    return practice


@pytest.fixture
def public_world(member, other_member, moderator, institutes):
    """Public content beside everything that must never show to a visitor."""
    gcm = institutes["gcm"]
    Profile.objects.filter(user=other_member).update(visibility=Profile.Visibility.PUBLIC)
    Profile.objects.filter(user=member).update(
        visibility=Profile.Visibility.MEMBERS, position=f"{SECRET} members-only position"
    )
    make_output(member, title="Published brief", kind=Output.Kind.POLICY_BRIEF)
    for status in (Status.DRAFT, Status.SUBMITTED, Status.DECLINED):
        output = make_output(member, title=f"{SECRET} {status} output", status=status)
        output.institutes.add(gcm)
        event = make_event(member, title=f"{SECRET} {status} event", status=status)
        event.institutes.add(gcm)
    make_event(member, title="Published upcoming event").institutes.add(gcm)
    past = timezone.now() - timedelta(days=30)
    make_event(member, title="Published past event", start=past).institutes.add(gcm)
    make_practice(member, moderator, "Public practice", status="curated", public=True)
    make_practice(member, moderator, f"{SECRET} curated private", status="curated", public=False)
    make_practice(member, moderator, f"{SECRET} declined", status="declined", public=True)
    make_practice(member, moderator, f"{SECRET} submitted", status="submitted", public=True)
    hidden = make_practice(member, moderator, f"{SECRET} deleted", status="curated", public=True)
    hidden.thread.is_deleted = True
    hidden.thread.save()
    return {"institute": gcm}


def public_urls(world) -> list[str]:
    output = Output.objects.public().get()
    practice = Practice.objects.public().get()
    urls = [
        "/",
        reverse("portal:about"),
        reverse("portal:contact"),
        reverse("portal:institutes"),
        reverse("portal:institute", args=[world["institute"].pk]),
        reverse("portal:outputs"),
        reverse("portal:outputs") + "?kind=policy_brief",
        reverse("portal:output", args=[output.pk]),
        reverse("portal:events"),
        reverse("portal:events") + "?when=past",
        reverse("portal:calendar"),
        reverse("portal:practices"),
        reverse("portal:practice", args=[practice.pk]),
        reverse("portal:experts"),
        reverse("portal:outputs_feed"),
        reverse("portal:outputs_feed") + "?kind=report",
        reverse("portal:events_feed"),
        reverse("portal:sitemap"),
        reverse("portal:subscribe"),
        reverse("portal:contact"),
    ]
    # The search, for words the hidden items hold too (the marker itself would be echoed back).
    urls += [reverse("portal:search") + "?q=" + q for q in SEARCHES]
    for found in Event.objects.public():
        urls += [
            reverse("portal:event", args=[found.pk]),
            reverse("portal:event_ics", args=[found.pk]),
        ]
    return urls


def test_no_public_page_or_feed_shows_anything_unpublished(client, public_world):
    urls = public_urls(public_world)
    assert len(urls) == 24 + len(SEARCHES)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET not in body, url
    home = client.get("/").content.decode()
    for shown in ["Published brief", "Published upcoming event", "Public practice"]:
        assert shown in home
    assert "Bob Mensah" in client.get(reverse("portal:experts")).content.decode()
    assert "Alice Moreau" not in client.get(reverse("portal:experts")).content.decode()


def test_unpublished_items_by_url_are_404_for_visitors(client, public_world):
    for output in Output.objects.exclude(status=Status.PUBLISHED):
        assert client.get(reverse("portal:output", args=[output.pk])).status_code == 404
    for event in Event.objects.exclude(status=Status.PUBLISHED):
        assert client.get(reverse("portal:event", args=[event.pk])).status_code == 404
        assert client.get(reverse("portal:event_ics", args=[event.pk])).status_code == 404
    for practice in Practice.objects.exclude(pk__in=Practice.objects.public()):
        assert client.get(reverse("portal:practice", args=[practice.pk])).status_code == 404


def test_the_submitter_and_moderators_preview_a_draft(login, member, moderator, other_member):
    draft = make_output(member, title="My draft", status=Status.DRAFT)
    url = reverse("portal:output", args=[draft.pk])
    assert "Not public: Draft" in login(member).get(url).content.decode()
    assert login(moderator).get(url).status_code == 200
    assert login(other_member).get(url).status_code == 404


def test_the_visitors_home_is_the_portal_and_members_go_to_theirs(client, member, newcomer):
    assert b"Research on migration, shared across institutes" in client.get("/").content
    client.force_login(member)
    assert client.get("/")["Location"] == reverse("home")
    client.force_login(newcomer)
    assert b"See your membership" in client.get("/").content


def test_the_home_links_the_calendar_feed(client, published_event):
    body = client.get("/").content.decode()
    assert f'href="{reverse("portal:calendar")}"' in body
    feed = client.get(reverse("portal:calendar"))
    assert feed["Content-Type"].startswith("text/calendar")
    text = feed.content.decode()
    assert "BEGIN:VCALENDAR" in text and published_event.title in text
    assert "TZID=Europe/Berlin" in text and "BEGIN:VTIMEZONE" in text


def test_an_event_page_shows_the_events_zone_and_a_hook_for_the_visitors(client, published_event):
    body = client.get(published_event.get_absolute_url()).content.decode()
    local = published_event.local_start
    assert f"{local:%H:%M}" in body and "(Europe/Berlin)" in body
    assert "data-visitor-time" in body


def test_the_outputs_list_filters(client, member):
    from directory.models import Theme

    theme = Theme.objects.leaves().first()
    brief = make_output(member, title="On theme", kind=Output.Kind.POLICY_BRIEF)
    brief.themes.add(theme)
    make_output(member, title="Off theme")
    page = client.get(reverse("portal:outputs"), {"theme": theme.parent.slug}).content.decode()
    assert "On theme" in page and "Off theme" not in page
    page = client.get(reverse("portal:outputs"), {"kind": "report"}).content.decode()
    assert "Off theme" in page and "On theme" not in page
    assert client.get(reverse("portal:outputs"), {"kind": "nonsense"}).status_code == 400


def test_related_outputs_share_a_theme(client, member):
    from directory.models import Theme

    theme = Theme.objects.leaves().first()
    first, second = make_output(member, title="First"), make_output(member, title="Second")
    make_output(member, title="Unrelated")
    first.themes.add(theme)
    second.themes.add(theme)
    body = client.get(first.get_absolute_url()).content.decode()
    assert "Second" in body and "Unrelated" not in body


def test_authors_link_to_public_profiles_only(client, member, other_member):
    output = make_output(member)
    body = client.get(output.get_absolute_url()).content.decode()
    assert reverse("directory:public_profile", args=[member.profile.pk]) not in body
    Profile.objects.filter(user=member).update(visibility=Profile.Visibility.PUBLIC)
    caching.changed()  # a direct write; the directory's actions renew their version instead
    body = client.get(output.get_absolute_url()).content.decode()
    assert reverse("directory:public_profile", args=[member.profile.pk]) in body


# --- Query budgets: the same number of queries whatever the amount of data -------------------


def seed(member, institute):
    """One of everything a public page lists, so that no list starts empty."""
    make_output(member, kind=Output.Kind.POLICY_BRIEF).institutes.add(institute)
    make_output(member, title="A report").institutes.add(institute)
    make_event(member).institutes.add(institute)
    past = timezone.now() - timedelta(days=30)
    make_event(member, title="Past", start=past).institutes.add(institute)
    Profile.objects.filter(user=member).update(visibility=Profile.Visibility.PUBLIC)


def grow_content(member, other_member, institute):
    def grow():
        for number in range(3):
            output = make_output(member, title=f"More {number}", kind=Output.Kind.POLICY_BRIEF)
            output.institutes.add(institute)
            make_output(member, title=f"Report {number}").institutes.add(institute)
            make_event(member, title=f"Event {number}").institutes.add(institute)
        Profile.objects.filter(user=other_member).update(visibility=Profile.Visibility.PUBLIC)

    return grow


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/", 10),
        ("/outputs/", 7),
        ("/outputs/?kind=policy_brief&year=2026", 7),
        ("/events/", 3),
        ("/events/?when=past", 3),
        ("/experts/", 2),
        ("/institutes/", 1),
        ("/practices/", 1),
    ],
)
def test_list_pages_have_a_fixed_query_budget(
    client, member, other_member, institutes, assert_stable_queries, url, budget
):
    seed(member, institutes["gcm"])
    grow = grow_content(member, other_member, institutes["gcm"])
    assert assert_stable_queries(client, url, grow, before_each=caching.changed) == budget


def test_the_institute_page_has_a_fixed_query_budget(
    client, member, other_member, institutes, assert_stable_queries
):
    institute = institutes["gcm"]
    seed(member, institute)
    url = reverse("portal:institute", args=[institute.pk])
    grow = grow_content(member, other_member, institute)
    assert assert_stable_queries(client, url, grow, before_each=caching.changed) == 9


def test_detail_pages_have_a_fixed_query_budget(client, member, assert_stable_queries):
    from directory.models import Theme

    output = make_output(member)
    event = make_event(member)
    themes = list(Theme.objects.leaves()[:2])
    output.themes.add(themes[0])
    make_output(member, title="Related").themes.add(themes[0])

    def grow():
        output.themes.add(themes[1])
        for number in range(3):
            make_output(member, title=f"Related {number}").themes.add(themes[0])

    url = output.get_absolute_url()
    # 11: the other versions of the work ("Also in") are one query
    assert assert_stable_queries(client, url, grow, before_each=caching.changed) == 11
    assert assert_stable_queries(client, event.get_absolute_url(), lambda: None) == 3


def test_the_search_finds_each_kind_of_public_content(client, public_world):
    page = client.get(reverse("portal:search"), {"q": "published"}).content.decode()
    for shown in ["Published brief", "Published upcoming event", "Published past event"]:
        assert shown in page
    assert "4 results" not in page  # brief, two events, and no practice nor expert
    assert "3 results" in page
    practices = client.get(reverse("portal:search"), {"q": "public practice"}).content.decode()
    assert "Public practice" in practices and 'class="status-pill">Good practice<' in practices
    experts = client.get(reverse("portal:search"), {"q": "Mensah"}).content.decode()
    assert "Bob Mensah" in experts and 'class="status-pill">Person<' in experts


def test_the_search_of_a_hidden_title_finds_nothing(client, public_world):
    response = client.get(reverse("portal:search"), {"q": SECRET})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing public matches" in page
    assert 'class="search-results"' not in page


def test_an_empty_or_odd_query_is_a_calm_page(client, public_world):
    for q in ["", "   ", "\x00\x01", '"unclosed', "-", "a" * 5000, "<script>alert(1)</script>"]:
        response = client.get(reverse("portal:search"), {"q": q})
        assert response.status_code == 200, q
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_search_costs_the_same_queries_whatever_it_finds(
    client, public_world, member, django_assert_max_num_queries
):
    url = reverse("portal:search")
    client.get(url, {"q": "published"})
    with django_assert_max_num_queries(12) as few:
        client.get(url, {"q": "published"})
    for number in range(15):
        make_output(member, title=f"Published study {number}")
        make_event(member, title=f"Published meeting {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url, {"q": "published"}).content.decode()
    assert "showing the best 10 of each kind" in page


@pytest.mark.services
def test_postgres_searches_full_text_with_stemming_and_websearch_syntax(
    postgres_url, client, member
):
    from portal import search

    make_output(member, title="Remittances after the pandemic")
    make_output(member, title="Seasonal work", abstract="Workers **remitted** less in drought.")
    make_output(member, title=f"{SECRET} remittance draft", status=Status.DRAFT)
    found = search.outputs(Output.objects.public(), "remittance")
    assert [output.title for output in found] == ["Remittances after the pandemic"]
    both = search.outputs(Output.objects.public(), "remittance or drought")
    assert {output.title for output in both} == {"Remittances after the pandemic", "Seasonal work"}
    assert [o.title for o in search.outputs(Output.objects.public(), "remittance -pandemic")] == []
    page = client.get(reverse("portal:search"), {"q": "remittances"}).content.decode()
    assert "Remittances after the pandemic" in page and SECRET not in page
