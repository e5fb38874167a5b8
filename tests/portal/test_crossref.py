"""Prefilling a research output from its DOI, against a local stand-in for Crossref."""

from datetime import date

import pytest
from django.urls import reverse

from portal.crossref import CrossrefError, fetch
from portal.models import Output

from . import crossref_server

GOOD = "10.5555/jms.2024.17"
SPARSE = "10.5555/data.1"
UNKNOWN = "10.5555/unknown"
BROKEN = "10.5555/broken"
NOT_A_WORK = "10.5555/not-a-work"
FAILING = "10.5555/failing"
HANGING = "10.5555/hanging"
URL = reverse("portal:output_new")


@pytest.fixture
def crossref(settings):
    routes = {
        GOOD: crossref_server.ARTICLE,
        SPARSE: crossref_server.SPARSE,
        BROKEN: b"{not json",
        NOT_A_WORK: {"status": "ok", "message": ["a", "list"]},
        FAILING: "error",
        HANGING: "hang",
    }
    with crossref_server.running(routes) as (url, asked):
        settings.CROSSREF_API_URL = url
        settings.CROSSREF_API_TIMEOUT = 0.5
        yield asked


def test_a_work_is_read_into_the_output_s_fields(crossref):
    found = fetch(GOOD)
    assert found == {
        "kind": "article",
        "title": "Remittances and resilience after the floods",
        "authors": ["Amina Diallo", "Bob Mensah", "Sahel Research Consortium"],
        "venue": "Journal of Migration Studies",
        "date": date(2024, 2, 14),
        "abstract": (
            "Households that receive remittances recover faster & more fully.\n\n"
            "We follow 1,200 households."
        ),
    }
    ((path, agent),) = crossref
    assert path == "/works/10.5555/jms.2024.17"
    assert "mailto:" in agent  # Crossref's polite pool: the caller says who it is


@pytest.mark.parametrize(
    ("doi", "message"),
    [
        (UNKNOWN, "does not know this DOI"),
        (BROKEN, "could not understand"),
        (NOT_A_WORK, "could not understand"),
        (FAILING, r"error \(503\)"),
        (HANGING, "did not answer in time"),
    ],
)
def test_failures_have_a_clear_message(crossref, doi, message):
    with pytest.raises(CrossrefError, match=message):
        fetch(doi)


def test_an_unreachable_api_has_a_clear_message(settings):
    settings.CROSSREF_API_URL = "http://127.0.0.1:9"
    with pytest.raises(CrossrefError, match="could not be reached"):
        fetch(GOOD)


def typed(**fields):
    return {
        "doi": "",
        "kind": "",
        "title": "",
        "date": "",
        "venue": "",
        "abstract": "",
        "authors_text": "",
        "recommendations": "",
        "url": "",
        "prefill": "1",
        **fields,
    }


def test_a_member_types_a_doi_and_the_empty_fields_are_filled(crossref, login, member):
    response = login(member).post(URL, typed(doi=f"https://doi.org/{GOOD.upper()}"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == "Remittances and resilience after the floods"
    assert form.initial["authors_text"] == "Amina Diallo\nBob Mensah\nSahel Research Consortium"
    assert form.initial["date"] == "2024-02-14"
    assert form.initial["kind"] == "article"
    assert form.initial["venue"] == "Journal of Migration Studies"
    assert form.initial["doi"] == GOOD
    page = response.content.decode()
    assert "Filled in from Crossref: Type, Title, Date of publication" in page
    assert 'value="Remittances and resilience after the floods"' in page
    assert "recover faster &amp; more fully" in page
    assert not Output.objects.exists()  # filling in saves nothing


def test_what_the_member_typed_is_kept_over_crossref(crossref, login, member, institutes):
    gcm = institutes["gcm"]
    response = login(member).post(
        URL,
        typed(doi=GOOD, title="My own title", kind="report", institutes=[gcm.pk]),
    )
    form = response.context["form"]
    assert form.initial["title"] == "My own title"
    assert form.initial["kind"] == "report"
    assert form.initial["institutes"] == [str(gcm.pk)]
    assert form.initial["abstract"].startswith("Households that receive remittances")
    filled = "Filled in from Crossref: Date of publication, Published in, Abstract, Authors."
    assert filled in response.content.decode()


def test_the_prefilled_form_saves_as_an_output(crossref, login, member):
    client = login(member)
    form = client.post(URL, typed(doi=GOOD)).context["form"]
    data = {key: form.initial[key] or "" for key in typed() if key != "prefill"}
    response = client.post(URL, {**data, "submit": "1"})
    assert response.status_code == 302
    output = Output.objects.get()
    assert (output.title, output.venue, output.kind) == (
        "Remittances and resilience after the floods",
        "Journal of Migration Studies",
        "article",
    )
    assert [author.name for author in output.authors.all()][:2] == ["Amina Diallo", "Bob Mensah"]
    assert "Published in" in client.get(output.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("doi", "message"),
    [
        ("", "Type the DOI first"),
        ("not a doi", "A DOI looks like 10.1234/abc."),
        (UNKNOWN, "Crossref does not know this DOI"),
        (HANGING, "Crossref did not answer in time"),
        (BROKEN, "could not understand"),
    ],
)
def test_a_bad_doi_or_a_failure_says_why_and_loses_nothing(crossref, login, member, doi, message):
    typed_fields = typed(doi=doi, title="Half-written title", abstract="What I had so far.")
    response = login(member).post(URL, typed_fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="Half-written title"' in page and "What I had so far." in page
    assert not Output.objects.exists()


def test_a_sparse_record_fills_what_it_has(crossref, login, member):
    response = login(member).post(URL, typed(doi=SPARSE))
    form = response.context["form"]
    assert form.initial["title"] == "A dataset with little else"
    assert form.initial["kind"] == "dataset"
    assert not form.initial["authors_text"]


def test_look_ups_are_rate_limited(crossref, login, member, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "portal.doi_lookup": "2/h"}
    client = login(member)
    assert client.post(URL, typed(doi=GOOD)).status_code == 200
    assert client.post(URL, typed(doi=GOOD)).status_code == 200
    assert client.post(URL, typed(doi=GOOD)).status_code == 429
    assert len(crossref) == 2


def test_only_members_who_submit_may_look_up(crossref, login, newcomer, client):
    refused = login(newcomer).post(URL, typed(doi=GOOD))
    assert refused.status_code == 302
    assert refused.url == reverse("accounts:status")  # not yet a member: to the application
    client.logout()
    assert client.post(URL, typed(doi=GOOD)).status_code == 302  # to sign in
    assert crossref == []


def test_the_form_offers_the_look_up_beside_the_doi(login, member):
    page = login(member).get(URL).content.decode()
    assert 'name="prefill"' in page and "Fill in from Crossref" in page
    assert page.index('name="doi"') < page.index('name="prefill"') < page.index('name="title"')
