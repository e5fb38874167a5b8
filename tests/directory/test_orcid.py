import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.models import OrcidImport, Publication
from directory.orcid import OrcidError, fetch_works, normalize_orcid

from . import orcid_server

pytestmark = pytest.mark.django_db

GOOD = "0000-0002-1825-0097"
UNKNOWN = "0000-0002-9079-593X"
BROKEN = "0000-0001-5109-3700"
SLOW = "0000-0003-1527-0030"
FAILING = "0000-0002-0000-0004"


@pytest.fixture
def orcid_api(settings):
    server = orcid_server.start(
        {
            GOOD: orcid_server.WORKS,
            BROKEN: b"{not json",
            SLOW: "slow",
            FAILING: "error",
            "0000-0001-0000-0009": {"group": "not a list"},
        }
    )
    settings.ORCID_API_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.ORCID_API_TIMEOUT = 1
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (GOOD, GOOD),
        ("https://orcid.org/0000-0002-9079-593x", "0000-0002-9079-593X"),
        (" 0000000218250097 ", GOOD),
    ],
)
def test_valid_orcid_ids_are_normalized(typed, expected):
    assert normalize_orcid(typed) == expected


@pytest.mark.parametrize("typed", ["0000-0002-1825-0098", "1234", "0000-0002-1825-009", "x" * 500])
def test_invalid_orcid_ids_are_refused(typed):
    with pytest.raises(ValidationError):
        normalize_orcid(typed)


def test_works_are_read_one_per_group(orcid_api):
    works = fetch_works(GOOD)
    assert [w["put_code"] for w in works] == [1001, 1003, 1004]
    first = works[0]
    assert first["doi"] == "10.1234/jms.2021.1"
    assert first["year"] == 2021
    assert first["venue"] == "Journal of Migration Studies"
    assert works[1]["year"] is None and works[1]["venue"] == ""


@pytest.mark.parametrize(
    ("orcid", "message"),
    [
        (UNKNOWN, "does not know"),
        (BROKEN, "could not understand"),
        ("0000-0001-0000-0009", "could not understand"),
        (SLOW, "in time"),
        (FAILING, "(503)"),
    ],
)
def test_failures_have_a_clear_message(orcid_api, orcid, message):
    with pytest.raises(OrcidError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fetch_works(orcid)


def test_an_unreachable_api_has_a_clear_message(settings):
    settings.ORCID_API_URL = "http://127.0.0.1:9"
    with pytest.raises(OrcidError, match="could not be reached"):
        fetch_works(GOOD)


def test_a_member_imports_reviews_and_adds_works(orcid_api, login, member, on_commit):
    client = login(member)
    with on_commit(execute=True):
        response = client.post(reverse("directory:start_orcid_import"), {"orcid": GOOD})
    run = OrcidImport.objects.get()
    assert response.url == reverse("directory:orcid_import", args=[run.pk])
    assert run.status == OrcidImport.Status.READY
    assert [w["put_code"] for w in run.candidates] == [1001, 1003]  # 1004 repeats the DOI
    assert not Publication.objects.exists()  # nothing is added before review

    page = client.get(response.url)
    assert b"Remittances and resilience in Kenya" in page.content
    client.post(response.url, {"works": ["1001"]})
    publication = Publication.objects.get()
    assert publication.doi == "10.1234/jms.2021.1"
    assert publication.source == Publication.Source.ORCID
    assert publication.profile.orcid == GOOD

    # A second import leaves out what is already there.
    with on_commit(execute=True):
        client.post(reverse("directory:start_orcid_import"), {"orcid": GOOD})
    latest = OrcidImport.objects.first()
    assert [w["put_code"] for w in latest.candidates] == [1003]


def test_a_failed_import_changes_nothing_and_says_why(orcid_api, login, member, on_commit):
    client = login(member)
    with on_commit(execute=True):
        response = client.post(reverse("directory:start_orcid_import"), {"orcid": BROKEN})
    page = client.get(response.url)
    assert b"could not understand" in page.content
    assert OrcidImport.objects.get().status == OrcidImport.Status.FAILED
    assert not Publication.objects.exists()


def test_an_invalid_orcid_is_refused_with_a_message(login, member):
    response = login(member).post(
        reverse("directory:start_orcid_import"), {"orcid": "0000-0002-1825-0098"}
    )
    assert response.status_code == 400
    assert b"checksum" in response.content
    assert not OrcidImport.objects.exists()


def test_someone_else_cannot_see_or_apply_an_import(
    orcid_api, login, member, other_member, on_commit
):
    with on_commit(execute=True):
        login(member).post(reverse("directory:start_orcid_import"), {"orcid": GOOD})
    run = OrcidImport.objects.get()
    client = login(other_member)
    url = reverse("directory:orcid_import", args=[run.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"works": ["1001"]}).status_code == 404
    assert not Publication.objects.exists()


def test_imports_are_rate_limited(orcid_api, login, member, settings, on_commit):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "directory.orcid_import": "1/h"}
    client = login(member)
    with on_commit(execute=True):
        client.post(reverse("directory:start_orcid_import"), {"orcid": GOOD})
    response = client.post(reverse("directory:start_orcid_import"), {"orcid": GOOD})
    assert response.status_code == 429
    assert OrcidImport.objects.count() == 1
