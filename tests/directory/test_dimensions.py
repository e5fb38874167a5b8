"""Each directory dimension is declared once (directory.dimensions) and everything follows it:
the filter, the counts, the PostgreSQL facets array, the profile form and the templates."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from directory import actions, dimensions, facets, filters, forms
from directory.filters import ProfileFilter, directory_profiles, filterset_for, option_counts
from directory.models import Profile
from directory.templatetags import directory_tags
from tests.conftest import make_user

from .conftest import fill_profile

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the facets array is PostgreSQL's"
)


@pytest.fixture
def people(institutes, member):
    """Four profiles with different terms and flags (and the member's own, empty)."""
    return [
        fill_profile(
            make_user(f"d{n}@x.example", f"Dimension {n}", institute=institute),
            themes=themes,
            countries=countries,
            regions=regions,
            methods=methods,
            languages=languages,
            **flags,
        )
        for n, (institute, themes, countries, regions, methods, languages, flags) in enumerate(
            [
                (institutes["gcm"], ["remittances"], ["KE"], [], ["econometrics"], ["fr"], {}),
                (
                    institutes["ehs"],
                    ["climate-mobility"],
                    ["BD"],
                    ["002"],
                    [],
                    ["en"],
                    {"open_to_collaborate": True, "show_email": True},
                ),
                (
                    institutes["ehs"],
                    ["remittances", "statelessness"],
                    [],
                    ["142"],
                    ["econometrics"],
                    ["en", "fr"],
                    {"available_for_advice": True, "supervising_students": True},
                ),
                (institutes["gcm"], [], ["UG"], [], [], [], {"open_to_collaborate": True}),
            ]
        )
    ]


def pks(filterset) -> set[int]:
    return set(filterset.qs.values_list("pk", flat=True))


@pytest.mark.parametrize("flag", dimensions.FLAGS, ids=lambda flag: flag.name)
def test_every_declared_flag_is_a_filter_a_count_a_form_field_and_a_label(
    flag, people, member, login
):
    holders = {p.pk for p in Profile.objects.filter(**{flag.field: True})}
    assert holders  # the fixture gives every flag to someone
    filterset = ProfileFilter(QueryDict(f"{flag.name}=true"), queryset=directory_profiles(member))
    assert pks(filterset) == holders
    everyone = ProfileFilter(None, queryset=directory_profiles(member))
    counted = {option.value: option.count for option in option_counts(everyone).flags}
    assert counted[flag.name] == len(holders)

    client = login(member)
    page = client.get(reverse("directory:index"), {flag.name: "true"}).content.decode()
    assert f'name="{flag.name}" value="true" checked' in page
    assert str(flag.short_label or flag.label) in page  # on the cards
    holder = Profile.objects.get(pk=min(holders))
    assert str(flag.label) in client.get(holder.get_absolute_url()).content.decode()
    assert flag.field in forms.ProfileForm.base_fields
    assert f'name="{flag.field}"' in client.get(reverse("directory:edit")).content.decode()


def test_a_flag_declared_once_is_filtered_counted_stored_edited_and_shown(
    people, member, monkeypatch
):
    """A test-only flag over an existing column (``show_email``): from its one declaration the
    FilterSet filters by it, the counts count it, the facets array stores it on PostgreSQL,
    and the profile form and the templates list it."""
    flag = dimensions.Flag("email", "show_email", 99, "Shows their address")
    declared = (*dimensions.DIMENSIONS, flag)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            sql = f"UPDATE directory_profile p SET facets = {facets.array_sql(declared)}"  # noqa: S608
            cursor.execute(sql)
    holders = {p.pk for p in Profile.objects.filter(show_email=True)}
    assert len(holders) == 1

    filterset_class = filterset_for(declared)
    narrowed = filterset_class(QueryDict("email=true"), queryset=directory_profiles(member))
    assert narrowed.is_valid() and pks(narrowed) == holders
    everyone = filterset_class(None, queryset=directory_profiles(member))
    counted = {option.value: option.count for option in option_counts(everyone).flags}
    assert counted == {"open": 2, "advice": 1, "supervising": 1, "email": 1}

    monkeypatch.setattr(forms, "FLAGS", (*dimensions.FLAGS, flag))
    monkeypatch.setattr(directory_tags, "FLAGS", (*dimensions.FLAGS, flag))
    holder = Profile.objects.get(pk=min(holders))
    form = forms.ProfileForm(instance=holder)
    assert "show_email" in [field.name for field in form.flag_fields()]
    assert "Shows their address" in directory_tags.flag_labels(holder)


@postgres_only
def test_the_facets_array_gives_the_answers_of_the_relation_tables(people, member, monkeypatch):
    """On PostgreSQL the directory filters and counts from the array; for every dimension the
    answer must be the one the relation tables give (the path other databases take)."""
    questions = [
        "theme=migration-and-development",  # a focus area
        "theme=remittances",
        "region=002",
        "region=142&theme=statelessness",
        "country=KE&country=UG",
        "method=econometrics",
        "language=fr",
        "institute=UNU-EHS",
        "open=true",
        "advice=true&supervising=true",
        "",
    ]

    def answer(query):
        filterset = ProfileFilter(QueryDict(query), queryset=directory_profiles(member))
        counts = option_counts(filterset)
        return (
            pks(filterset),
            {group.name: {(o.value, o.count) for o in group.options} for group in counts.terms},
            {(o.value, o.count) for o in counts.flags},
        )

    for query in questions:
        from_array = answer(query)
        monkeypatch.setattr(filters, "is_postgres", lambda: False)
        from_tables = answer(query)
        monkeypatch.undo()
        assert from_array[0], query
        assert from_array == from_tables, query


def test_a_flag_declared_once_is_saved_by_the_profile_edit(member, monkeypatch):
    """The profile edit takes its yes/no fields from the declarations, so a new flag is saved
    with no second list to update (a test-only flag over an existing column)."""
    flag = dimensions.Flag("verified", "orcid_verified", 98, "Test only")
    monkeypatch.setattr(dimensions, "FLAGS", (*dimensions.FLAGS, flag))
    profile = actions.ensure_profile(member)
    assert profile.orcid_verified is False
    actions.update_profile(member, profile, {flag.field: True})
    profile.refresh_from_db()
    assert profile.orcid_verified is True


@pytest.mark.parametrize("flag", dimensions.FLAGS, ids=lambda flag: flag.name)
def test_every_declared_flag_is_saved_by_the_profile_edit(flag, member):
    profile = actions.ensure_profile(member)
    for value in (True, False):
        actions.update_profile(member, profile, {flag.field: value})
        profile.refresh_from_db()
        assert getattr(profile, flag.field) is value
