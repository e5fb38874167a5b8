"""Institutional sign-in through SAML 2.0, the whole redirect flow against a real identity
provider (pysaml2's, tests/saml_idp/) running as a second server process: the product sends the
person to the IdP with an AuthnRequest, the person signs in there with a password, and the IdP
posts a signed assertion back to the product's ACS. The test client is the product's browser; a
requests session is the same person's browser at the IdP."""

import html
import json
import re

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.sites.models import Site
from django.test import Client

from accounts.models import Application, MembershipEvent, User
from config.settings import institute_saml_apps
from tests.conftest import make_user
from tests.saml_idp import server
from tests.saml_idp.server import key_and_certificate

pytestmark = pytest.mark.django_db

HOST = "localhost"  # python3-saml refuses single-label hosts such as the test client's own
ACS = f"http://{HOST}/accounts/saml/gcm/acs/"
IDP_PASSWORD = "institute-password-2026"


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    provider = server.start(tmp_path_factory.mktemp("saml-idp"))
    provider.add_person("carla.ruiz@staff.gcm.example", IDP_PASSWORD, "Carla", "Ruiz")
    # An address outside the domains the institute vouches for (a personal one on file there).
    provider.add_person("dan.ode@mail.example", IDP_PASSWORD, "Dan", "Ode")
    provider.add_person("nell@elsewhere.example", IDP_PASSWORD, "Nell", "Tan")
    provider.add_person("lea.berg@staff.gcm.example", IDP_PASSWORD, "Lea", "Berg", answer="error")
    provider.add_person(
        "omar.said@mail.example", IDP_PASSWORD, "Omar", "Said", emailVerified="true"
    )
    provider.add_person("ivy.chen@mail.example", IDP_PASSWORD, "Ivy", "Chen", emailVerified="false")
    yield provider
    provider.stop()


@pytest.fixture
def client(settings):
    settings.ALLOWED_HOSTS = [HOST]
    return Client(HTTP_HOST=HOST)


def saml_app(idp, client, *, slug="gcm", institute="UNU-GCM", **extra) -> SocialApp:
    """The institute's IdP added in the admin (Social applications), and the product's
    metadata registered with the IdP, as the institute's administrator does."""
    app = SocialApp.objects.create(
        provider="saml",
        provider_id=idp.entity_id,
        name=institute,
        client_id=slug,
        settings={"idp": idp.idp_settings(), "institute": institute, **extra},
    )
    app.sites.add(Site.objects.get_current())
    metadata = client.get(f"/accounts/saml/{slug}/metadata/")
    assert metadata.status_code == 200, metadata.content
    idp.register(slug, metadata.content)
    return app


@pytest.fixture
def gcm_saml(idp, client, institutes):
    return saml_app(idp, client, verified_email=["staff.gcm.example"])


def field(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))


def through_idp(client, idp, email, *, slug="gcm", process="login", password=IDP_PASSWORD):
    """Press the institute's button, sign in at the IdP, post its answer back to the ACS."""
    start = client.post(f"/accounts/saml/{slug}/login/?process={process}")
    assert start.status_code == 302, start.content
    assert start["Location"].startswith(idp.sso_url + "?SAMLRequest=")
    browser = requests.Session()
    form = browser.get(start["Location"], timeout=30)
    assert form.status_code == 200, form.text
    answer = browser.post(
        idp.url + "/sso/login",
        data={
            "SAMLRequest": field(form.text, "SAMLRequest"),
            "RelayState": field(form.text, "RelayState"),
            "username": email,
            "password": password,
        },
        timeout=30,
    )
    assert answer.status_code == 200, (answer.text, idp.log.read_text())
    action = html.unescape(re.search(r'<form action="([^"]+)"', answer.text).group(1))
    assert action == f"http://{HOST}/accounts/saml/{slug}/acs/"
    posted = {"SAMLResponse": field(answer.text, "SAMLResponse")}
    if 'name="RelayState"' in answer.text:
        posted["RelayState"] = field(answer.text, "RelayState")
    acs = client.post(action.removeprefix(f"http://{HOST}"), posted)
    assert acs.status_code == 302 and acs["Location"] == f"/accounts/saml/{slug}/acs/finish/"
    return client.get(acs["Location"])


def nothing_created(client, people: int) -> None:
    assert User.objects.count() == people
    assert not SocialAccount.objects.exists() and not MembershipEvent.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_verified_sign_in_makes_the_person_a_member_of_the_institute(
    client, idp, gcm_saml, institutes
):
    response = through_idp(client, idp, "carla.ruiz@staff.gcm.example")
    assert response.status_code == 302, response.content
    user = User.objects.get(email="carla.ruiz@staff.gcm.example")
    # Not the email domain (staff.gcm.example is none of the institute's): the IdP vouched.
    assert user.is_member and user.institute == institutes["gcm"]
    assert user.display_name == "Carla Ruiz"
    assert int(client.session["_auth_user_id"]) == user.pk
    account = SocialAccount.objects.get(user=user)
    assert account.provider == idp.entity_id  # the IdP's entity ID: unique per institute
    assert EmailAddress.objects.get(user=user).verified
    event = MembershipEvent.objects.get(user=user)
    assert event.kind == MembershipEvent.Kind.JOINED_BY_DOMAIN
    assert "UNU-GCM's identity provider" in event.reason
    assert client.get("/home/").status_code == 200


def test_the_next_sign_in_finds_the_same_account(client, idp, gcm_saml):
    through_idp(client, idp, "carla.ruiz@staff.gcm.example")
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
    response = through_idp(client, idp, "carla.ruiz@staff.gcm.example")
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert User.objects.filter(email="carla.ruiz@staff.gcm.example").count() == 1
    assert MembershipEvent.objects.count() == 1


def test_an_address_the_institute_does_not_vouch_for_is_refused(client, idp, gcm_saml):
    people = User.objects.count()
    response = through_idp(client, idp, "dan.ode@mail.example")
    assert response.status_code == 403
    assert "did not confirm your email address" in response.content.decode()
    nothing_created(client, people)


def test_a_failed_status_from_the_idp_is_refused_and_nothing_is_created(
    client, idp, gcm_saml, caplog
):
    people = User.objects.count()
    response = through_idp(client, idp, "lea.berg@staff.gcm.example")
    assert response.status_code == 401
    page = response.content.decode()
    assert "Sign-in refused" in page and "answered with an error" in page
    assert "was not Success" in caplog.text and "This account is locked." in caplog.text
    nothing_created(client, people)


def test_an_assertion_signed_by_another_key_is_refused(client, idp, gcm_saml, caplog):
    """The app trusts a certificate the IdP does not sign with: its assertions are refused."""
    _key, other = key_and_certificate("impostor.test")
    gcm_saml.settings["idp"]["x509cert"] = server.certificate_body(other)
    gcm_saml.save()
    people = User.objects.count()
    response = through_idp(client, idp, "carla.ruiz@staff.gcm.example")
    assert response.status_code == 401
    assert "answered with an error" in response.content.decode()
    assert "Signature validation failed" in caplog.text
    nothing_created(client, people)


def test_an_answer_posted_twice_is_refused_the_second_time(client, idp, gcm_saml):
    start = client.post("/accounts/saml/gcm/login/")
    browser = requests.Session()
    form = browser.get(start["Location"], timeout=30).text
    answer = browser.post(
        idp.url + "/sso/login",
        data={
            "SAMLRequest": field(form, "SAMLRequest"),
            "RelayState": field(form, "RelayState"),
            "username": "carla.ruiz@staff.gcm.example",
            "password": IDP_PASSWORD,
        },
        timeout=30,
    ).text
    posted = {"SAMLResponse": field(answer, "SAMLResponse")}
    first = client.get(client.post("/accounts/saml/gcm/acs/", posted)["Location"])
    assert first.status_code == 302
    client.post("/accounts/logout/")
    # Replayed from another browser: it answers a request that browser never made.
    other = Client(HTTP_HOST=HOST)
    again = other.get(other.post("/accounts/saml/gcm/acs/", posted)["Location"])
    assert again.status_code == 403
    assert "_auth_user_id" not in other.session


def test_an_app_without_the_idps_entity_id_is_refused(client, idp, gcm_saml, caplog):
    """Its accounts would share the provider "saml" with every other SAML app's."""
    gcm_saml.provider_id = ""
    gcm_saml.save()
    people = User.objects.count()
    response = through_idp(client, idp, "carla.ruiz@staff.gcm.example")
    assert response.status_code == 403
    assert "not completely set up" in response.content.decode()
    assert "has no provider id" in caplog.text
    nothing_created(client, people)


def test_an_answer_to_no_request_of_ours_is_refused(client, idp, gcm_saml, caplog):
    """IdP-initiated sign-in (an assertion the product never asked for, which anyone holding
    one could forward) is refused: allauth's default, kept."""
    sp = re.search(rb'entityID="([^"]+)"', client.get("/accounts/saml/gcm/metadata/").content)
    answer = requests.post(
        idp.url + "/sso/login",
        data={
            "sp": sp.group(1).decode(),
            "username": "carla.ruiz@staff.gcm.example",
            "password": IDP_PASSWORD,
        },
        timeout=30,
    )
    assert answer.status_code == 200, (answer.text, idp.log.read_text())
    people = User.objects.count()
    acs = client.post(
        "/accounts/saml/gcm/acs/", {"SAMLResponse": field(answer.text, "SAMLResponse")}
    )
    response = client.get(acs["Location"])
    assert response.status_code == 401
    assert "answered with an error" in response.content.decode()
    assert "IdP initiated SSO rejected" in caplog.text
    nothing_created(client, people)


@pytest.mark.parametrize(
    ("email", "verified"), [("omar.said@mail.example", True), ("ivy.chen@mail.example", False)]
)
def test_without_vouched_domains_an_email_verified_attribute_decides(
    client, idp, institutes, email, verified
):
    saml_app(
        idp,
        client,
        attribute_mapping={
            "email": "urn:oid:0.9.2342.19200300.100.1.3",
            "first_name": "urn:oid:2.5.4.42",
            "last_name": "urn:oid:2.5.4.4",
            "email_verified": "emailVerified",
        },
    )
    people = User.objects.count()
    response = through_idp(client, idp, email)
    if verified:
        assert response.status_code == 302
        assert User.objects.get(email=email).institute == institutes["gcm"]
    else:
        assert response.status_code == 403
        nothing_created(client, people)


def test_a_sign_in_through_a_non_member_institute_makes_no_member(client, idp, institutes):
    institutes["ehs"].is_member = False
    institutes["ehs"].save()
    saml_app(idp, client, slug="ehs", institute="UNU-EHS", verified_email=True)
    through_idp(client, idp, "nell@elsewhere.example", slug="ehs")
    user = User.objects.get(email="nell@elsewhere.example")
    assert not user.is_member and user.institute is None
    assert not MembershipEvent.objects.exists()


def test_a_signed_in_newcomer_connects_their_institute_and_becomes_a_member(
    client, idp, gcm_saml, newcomer, institutes
):
    client.force_login(newcomer)
    response = through_idp(client, idp, "carla.ruiz@staff.gcm.example", process="connect")
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.is_member and newcomer.institute == institutes["gcm"]


def test_a_pending_application_is_approved_by_the_institutes_sign_in(
    client, idp, gcm_saml, applicant, institutes
):
    client.force_login(applicant)
    through_idp(client, idp, "carla.ruiz@staff.gcm.example", process="connect")
    application = Application.objects.get(user=applicant)
    assert application.status == Application.Status.APPROVED
    assert application.reason == "institutional sign-in"
    applicant.refresh_from_db()
    assert applicant.is_member and applicant.institute == institutes["gcm"]
    assert MembershipEvent.objects.filter(
        user=applicant, kind=MembershipEvent.Kind.JOINED_BY_DOMAIN
    ).exists()


def test_a_deactivated_person_stays_deactivated(client, idp, gcm_saml):
    user = make_user("nell@elsewhere.example", "Nell Tan", member=False)
    User.objects.filter(pk=user.pk).update(status=User.Status.DEACTIVATED)
    client.force_login(user)
    through_idp(client, idp, "carla.ruiz@staff.gcm.example", process="connect")
    user.refresh_from_db()
    assert not user.is_member


def test_an_admin_adds_the_institutes_idp_in_the_admin_and_its_people_sign_in(
    client, idp, institutes, admin_user
):
    admin = Client(HTTP_HOST=HOST)
    admin.force_login(admin_user)
    added = admin.post(
        "/admin/socialaccount/socialapp/add/",
        {
            "provider": "saml",
            "provider_id": idp.entity_id,
            "name": "UNU-EHS",
            "client_id": "ehs",
            "secret": "",
            "key": "",
            "settings": json.dumps(
                {
                    "idp": idp.idp_settings(),
                    "institute": "UNU-EHS",
                    "verified_email": ["elsewhere.example"],
                }
            ),
            "sites": [Site.objects.get_current().pk],
        },
    )
    assert added.status_code == 302, added.content.decode()
    idp.register("ehs", client.get("/accounts/saml/ehs/metadata/").content)
    response = through_idp(client, idp, "nell@elsewhere.example", slug="ehs")
    assert response.status_code == 302, response.content
    assert User.objects.get(email="nell@elsewhere.example").institute == institutes["ehs"]


def test_an_institute_configured_from_the_environment_signs_in_too(
    client, idp, institutes, settings
):
    """SAML_INSTITUTES, with the IdP read from its metadata address."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "saml": {
            "APPS": institute_saml_apps(
                json.dumps(
                    [
                        {
                            "institute": "UNU-EHS",
                            "id": "ehs",
                            "entity_id": idp.entity_id,
                            "metadata_url": idp.metadata_url,
                            "verified_email": ["elsewhere.example"],
                        }
                    ]
                )
            )
        },
    }
    idp.register("ehs", client.get("/accounts/saml/ehs/metadata/").content)
    page = client.get("/accounts/login/").content.decode()
    assert "/accounts/saml/ehs/login/" in page
    response = through_idp(client, idp, "nell@elsewhere.example", slug="ehs")
    assert response.status_code == 302, response.content
    assert User.objects.get(email="nell@elsewhere.example").institute == institutes["ehs"]


def test_the_sign_in_page_offers_the_institutes_button(client, gcm_saml):
    page = client.get("/accounts/login/").content.decode()
    assert "/accounts/saml/gcm/login/" in page and "UNU-GCM" in page


def test_the_confirmation_page_may_post_on_to_the_idp(client, idp, gcm_saml):
    policy = client.get("/accounts/saml/gcm/login/")["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if d.strip().startswith("form-action"))
    assert form_action.split()[1:] == ["'self'", idp.url]


def test_saml_institutes_are_configured_from_the_environment():
    apps = institute_saml_apps(
        json.dumps(
            [
                {
                    "institute": "UNU-EHS",
                    "id": "ehs",
                    "entity_id": "https://idp.ehs.example/saml",
                    "sso_url": "https://idp.ehs.example/saml/sso",
                    "x509cert": "MIIC...",
                    "verified_email": ["ehs.example"],
                },
                {
                    "institute": "UNU-GCM",
                    "id": "gcm",
                    "name": "GCM staff",
                    "entity_id": "https://login.gcm.example/idp",
                    "metadata_url": "https://login.gcm.example/idp/metadata",
                },
            ]
        )
    )
    assert apps == [
        {
            "provider_id": "https://idp.ehs.example/saml",
            "client_id": "ehs",
            "name": "UNU-EHS",
            "settings": {
                "idp": {
                    "entity_id": "https://idp.ehs.example/saml",
                    "sso_url": "https://idp.ehs.example/saml/sso",
                    "x509cert": "MIIC...",
                },
                "institute": "UNU-EHS",
                "verified_email": ["ehs.example"],
            },
        },
        {
            "provider_id": "https://login.gcm.example/idp",
            "client_id": "gcm",
            "name": "GCM staff",
            "settings": {
                "idp": {
                    "entity_id": "https://login.gcm.example/idp",
                    "metadata_url": "https://login.gcm.example/idp/metadata",
                },
                "institute": "UNU-GCM",
            },
        },
    ]
    assert institute_saml_apps("") == []
