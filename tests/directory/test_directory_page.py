import pytest
from django.db import connection
from django.urls import reverse

from directory.filters import data_changed
from directory.models import Country, Language, Theme
from directory.templatetags.directory_tags import flag_labels
from tests.conftest import make_user

from .conftest import fill_profile

pytestmark = pytest.mark.django_db

URL = reverse("directory:index")


def shown(response):
    return [card.display_name for card in response.context["page"].object_list]


def counted(response, name):
    return {option.value: option.count for option in response.context["counts"][name]}


def test_members_see_the_directory(login, member, alice_profile, bob_profile):
    response = login(member).get(URL)
    assert response.status_code == 200
    assert shown(response) == ["Alice Moreau", "Bob Mensah"]


def test_visitors_and_applicants_are_kept_out(client, login, applicant, alice_profile):
    assert client.get(URL).status_code == 302
    response = login(applicant).get(URL)
    assert response.status_code == 302
    assert response.url == reverse("accounts:status")


def test_a_focus_area_matches_its_themes(login, member, alice_profile, bob_profile):
    response = login(member).get(URL, {"theme": "forced-migration"})
    assert shown(response) == ["Bob Mensah"]  # climate mobility is a forced-migration theme


def test_a_region_matches_its_countries_and_subregions(login, member, alice_profile, bob_profile):
    client = login(member)
    assert shown(client.get(URL, {"region": "014"})) == ["Alice Moreau"]  # Kenya, Uganda
    assert shown(client.get(URL, {"region": "002"})) == ["Alice Moreau", "Bob Mensah"]
    assert shown(client.get(URL, {"region": "199"})) == ["Alice Moreau", "Bob Mensah"]  # UG, BD
    assert shown(client.get(URL, {"region": "142"})) == ["Bob Mensah"]  # Bangladesh


def test_filters_combine(login, member, alice_profile, bob_profile):
    client = login(member)
    response = client.get(URL, {"theme": "remittances", "method": "econometrics", "language": "fr"})
    assert shown(response) == ["Alice Moreau"]
    assert shown(client.get(URL, {"advice": "true"})) == ["Bob Mensah"]
    assert shown(client.get(URL, {"open": "true", "country": "BD"})) == []
    assert shown(client.get(URL, {"institute": "UNU-EHS"})) == ["Bob Mensah"]
    assert shown(client.get(URL, {"q": "climate"})) == ["Bob Mensah"]


def test_option_counts_describe_the_current_result(login, member, alice_profile, bob_profile):
    client = login(member)
    everyone = client.get(URL)
    assert counted(everyone, "theme")["remittances"] == 2
    assert counted(everyone, "theme")["migration-and-development"] == 2
    assert counted(everyone, "region")["002"] == 2
    assert counted(everyone, "language")["en"] == 2
    assert {flag.value: flag.count for flag in everyone.context["counts"].flags} == {
        "open": 1,
        "advice": 1,
        "supervising": 0,
    }
    narrowed = client.get(URL, {"method": "econometrics"})
    assert counted(narrowed, "theme")["remittances"] == 1
    assert "climate-mobility" not in counted(narrowed, "theme") or (
        counted(narrowed, "theme")["climate-mobility"] == 0
    )
    assert counted(narrowed, "language") == {"en": 1, "fr": 1}


def test_the_state_is_in_the_url_and_survives_pagination(login, member, institutes):
    for n in range(25):
        fill_profile(
            make_user(f"p{n:02}@x.example", f"Person {n:02}", institute=institutes["ehs"]),
            themes=["remittances"],
        )
    client = login(member)
    first = client.get(URL, {"theme": "remittances", "order": "name"})
    assert len(shown(first)) == 20
    assert b"theme=remittances&amp;order=name&amp;page=2" in first.content
    second = client.get(URL, {"theme": "remittances", "order": "name", "page": 2})
    assert shown(second) == [f"Person {n}" for n in range(20, 25)]


def test_orderings(login, member, alice_profile, bob_profile):
    client = login(member)
    alice_profile.save()  # most recently updated
    assert shown(client.get(URL, {"order": "updated"})) == ["Alice Moreau", "Bob Mensah"]
    assert shown(client.get(URL, {"order": "name"})) == ["Alice Moreau", "Bob Mensah"]
    assert shown(client.get(URL, {"q": "bob remittances", "order": "relevance"})) == ["Bob Mensah"]


def test_pages_follow_relevance_without_gaps_or_repeats(login, member, institutes):
    for n in range(5):
        fill_profile(make_user(f"r{n}@x.example", f"Remittances Expert {n}"))
    for n in range(20):
        fill_profile(make_user(f"b{n}@x.example", f"Colleague {n:02}"), biography="remittances")
    client = login(member)
    first = shown(client.get(URL, {"q": "remittances"}))
    second = shown(client.get(URL, {"q": "remittances", "page": 2}))
    assert first[:5] == [f"Remittances Expert {n}" for n in range(5)]  # name hits first
    assert len(first) == 20 and len(second) == 5
    assert sorted(first + second) == sorted(
        [f"Remittances Expert {n}" for n in range(5)] + [f"Colleague {n:02}" for n in range(20)]
    )


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "no-such-theme"},
        {"region": "999"},
        {"order": "salary"},
        {"country": ["KE"] * 31},
    ],
)
def test_unknown_filter_values_say_so(login, member, alice_profile, params):
    response = login(member).get(URL, params)
    assert response.status_code == 400
    assert b"not understood" in response.content or b"Select a valid choice" in response.content


def test_five_hundred_parameters_are_refused_cleanly(login, member, alice_profile):
    query = "&".join(f"x{n}=1" for n in range(500))
    response = login(member).get(f"{URL}?{query}")
    assert response.status_code == 400
    assert b"Too many filters" in response.content


@pytest.mark.parametrize("q", ['"""', "%", "_", "\\", "-", "OR OR", "'\"; --", "a" * 500])
def test_odd_search_strings_give_a_page(login, member, alice_profile, q):
    assert login(member).get(URL, {"q": q}).status_code == 200


def test_a_ten_thousand_character_search_is_refused_with_a_message(login, member):
    response = login(member).get(URL, {"q": "a" * 10_000})
    assert response.status_code == 400
    assert b"at most 500 characters" in response.content


def test_the_query_count_does_not_grow_with_the_data(
    login, member, institutes, assert_stable_queries, alice_profile
):
    grown = []

    def grow():
        for _ in range(15):
            n = len(grown)
            grown.append(n)
            fill_profile(
                make_user(f"g{n}@x.example", f"Grown {n}", institute=institutes["ehs"]),
                themes=["remittances", "climate-mobility"],
                countries=["KE", "BD"],
                regions=["002"],
                languages=["en"],
                methods=["econometrics"],
            )

    params = "?theme=migration-and-development&region=002&q=remittances"
    client = login(member)
    cold = assert_stable_queries(client, URL + params, grow, before_each=data_changed)
    warm = assert_stable_queries(
        client, URL + params, grow, before_each=lambda: client.get(URL + params)
    )
    # Warm, the counts come from the cache. PostgreSQL counts the result with the options and
    # first asks whether the text matches few enough profiles to try similar names as well;
    # SQLite reads the names once, with whether each matches, for the same choice (rapidfuzz).
    assert (cold, warm) == {"sqlite": (10, 8), "postgresql": (9, 8)}[connection.vendor]


def test_cached_counts_follow_changes(login, member, alice_profile, bob_profile):
    client = login(member)
    assert counted(client.get(URL), "language")["fr"] == 1
    bob_profile.languages.add(Language.objects.get(code="fr"))
    assert counted(client.get(URL), "language")["fr"] == 2
    bob_profile.user.is_active = False
    bob_profile.user.save()
    response = client.get(URL)
    assert counted(response, "language")["fr"] == 1
    assert response.context["page"].paginator.count == 1


def test_a_card_shows_what_the_profile_holds(login, member, institutes):
    """The cards are read in one narrow query as plain values (``directory.filters.Card``):
    they show what the profile's model objects say, in the vocabularies' order."""
    user = make_user("many@x.example", "Zoë Many-Terms", institute=institutes["ehs"])
    themes = list(Theme.objects.filter(parent__isnull=False).values_list("slug", flat=True)[:7])
    countries = list(Country.objects.values_list("code", flat=True)[:8])
    profile = fill_profile(
        user,
        position="Fellow",
        themes=themes,
        countries=countries,
        regions=["002", "142"],
        available_for_advice=True,
        supervising_students=True,
    )
    response = login(member).get(URL)
    (card,) = [card for card in response.context["page"].object_list if card.pk == profile.pk]
    assert card.display_name == "Zoë Many-Terms"
    assert card.initials == user.initials and card.position == "Fellow"
    assert card.institute == institutes["ehs"].acronym and not card.photo
    assert card.themes == [theme.label for theme in profile.themes.all()][:5]
    assert (
        card.places
        == [r.label for r in profile.regions.all()] + [c.label for c in profile.countries.all()][:6]
    )
    assert card.flags == flag_labels(profile, "short")
    page = response.content.decode()
    assert f'<a href="{profile.get_absolute_url()}"><bdi>Zoë Many-Terms</bdi></a>' in page
    assert "Focus: " + ", ".join(card.places) in page
    assert all(f"<li>{label}</li>" in page for label in card.themes)


def test_a_kept_card_follows_the_profile(login, member, alice_profile, bob_profile):
    """Cards' HTML is kept under a hash of what they show: an edit shows at once, and the
    same card in another language is that language's."""
    client = login(member)
    assert "Senior researcher" in client.get(URL).content.decode()
    alice_profile.position = "Director of studies"
    alice_profile.save()
    data_changed()
    page = client.get(URL).content.decode()
    assert "Director of studies" in page and "Senior researcher" not in page
    member.language = "fr"
    member.save()
    french = login(member).get(URL).content.decode()
    assert "Director of studies" in french and "Focus:" not in french


def test_cards_read_with_the_built_statement_are_the_orms_rows(member, institutes):
    """``card_values`` runs the SQL the ORM built once per number of ids: the same rows."""
    from directory.result_cards import card_rows, card_values

    users = [make_user(f"c{n}@x.example", f"Card {n}", institute=institutes["ehs"]) for n in "12"]
    ids = [fill_profile(u, themes=["remittances"], countries=["KE"]).pk for u in users]
    for wanted in (ids, ids[:1], list(reversed(ids))):
        by_pk = sorted(card_values(wanted), key=lambda row: row["pk"])
        assert by_pk == sorted(card_rows(wanted), key=lambda row: row["pk"])
        assert {row["pk"] for row in by_pk} == set(wanted)


def test_a_cards_fingerprint_holds_every_value_it_shows():
    from dataclasses import astuple, fields

    from directory.result_cards import Card, fingerprint

    card = Card(1, "A", "A", "p", "I", False, ["t"], ["r"], ["f"])
    assert len(fingerprint(card)) == len(fields(Card))
    assert fingerprint(card) == tuple(
        tuple(value) if isinstance(value, list) else value for value in astuple(card)
    )


def test_a_renamed_term_shows_on_the_cards_at_once(login, member, alice_profile):
    client = login(member)
    theme = alice_profile.themes.order_by("pk").first()
    assert theme.name in client.get(URL).content.decode()
    theme.name = "A renamed theme"
    theme.save()
    assert "A renamed theme" in client.get(URL).content.decode()


def test_the_kept_filters_panel_follows_the_counts(login, member, alice_profile, bob_profile):
    """The filters' panel is rendered once per process for the counts it shows, under their key
    (the state, the language, the version tokens): a change shows in it at once."""
    client = login(member)

    def french_count():
        page = client.get(URL + "?theme=remittances").content.decode()
        mark = 'type="checkbox" name="language" value="fr"'
        assert page.count(mark) == 1
        return page.split(mark, 1)[1].split('<span class="count">(', 1)[1].split("<", 1)[0]

    assert french_count() == french_count() == "1"
    bob_profile.languages.add(Language.objects.get(code="fr"))
    bob_profile.themes.add(Theme.objects.get(slug="remittances"))
    assert french_count() == "2"


def test_filtersets_are_copies_each_with_its_own_filters():
    from directory.filters import ProfileFilter

    first, second = ProfileFilter({"q": "a"}), ProfileFilter({"q": "b"})
    for name, filter_ in first.filters.items():
        assert (
            filter_ is not second.filters[name] and filter_ is not ProfileFilter.base_filters[name]
        )
        assert filter_.parent is first and second.filters[name].parent is second
    also = first.filters["also"]
    assert also.filter.f is also  # the method is the copy's parent's
    assert (
        first.form is not second.form
        and first.form.fields["theme"] is not second.form.fields["theme"]
    )


def test_remembered_cards_are_not_read_from_the_cache_again(
    login, member, alice_profile, monkeypatch
):
    """A card's fragment is kept under a hash of what it shows, so this process remembers it:
    the next page reads no card from the cache, and a change is a new key, rendered at once."""
    from django.core.cache import cache

    client = login(member)
    client.get(URL)
    asked = []
    real_get_many = cache.get_many
    monkeypatch.setattr(
        cache, "get_many", lambda keys, *a, **k: asked.extend(keys) or real_get_many(keys, *a, **k)
    )
    assert "Senior researcher" in client.get(URL).content.decode()
    assert not [key for key in asked if key.startswith("fragment:card:")]
    alice_profile.position = "Director of studies"
    alice_profile.save()
    data_changed()
    assert "Director of studies" in client.get(URL).content.decode()
