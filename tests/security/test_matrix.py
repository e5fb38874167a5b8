# ruff: noqa: E501 - the EXPECTED table keeps one URL a line
"""The security matrix: every routed URL x every persona x GET and POST, with the answer expected
of each, and no protected text shown to anyone who may not see it.

The URLs come from the resolver (``tests/accounts/test_access.py``'s walk, with its sample
arguments: objects with primary key 1 exist, the sequences being reset). ``EXPECTED`` says, for
each URL name, what the nine personas get, GET then POST, in the order of ``PERSONAS``:
``200``, ``403``, ... a status; ``L`` a redirect to sign-in; ``S`` a redirect to the member's
status page; ``R`` another redirect. A URL added without its entry, or answering differently,
fails with the exact line to add or change (check that line before pasting it: it is what the
code does now, which is what must be judged).

Protected text: the world holds markers that only some may read: a members' discussion
(``MEMBERS``), a thread deleted by a moderator and the moderation log (``MODERATORS``), and one
member's notification (``ALICE``). No answer to a persona outside their audience contains them.
"""

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import resolve

from accounts import actions as accounts
from accounts.models import User
from attachments.actions import attach
from attachments.forms import prepare
from attachments.models import Attachment
from directory.models import Profile
from forum import actions as forum
from forum.models import Category
from notifications.actions import notify
from tests.accounts.test_access import URLS
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True, serialized_rollback=True)

MEMBERS = "mk-members-7f3a"
MODERATORS = "mk-moderators-19c2"
ALICE = "mk-alice-only-5d1e"

PERSONAS = (
    "anonymous",
    "unverified",
    "pending",
    "declined",
    "deactivated",
    "member",
    "other_member",
    "moderator",
    "admin",
)
# Who may read each marker (the admin reads everything through Django's admin).
AUDIENCE = {
    MEMBERS: {"member", "other_member", "moderator", "admin"},
    MODERATORS: {"moderator", "admin"},
    ALICE: {"member", "admin"},
}


@pytest.fixture
def world(institutes):
    """The personas, made in a fixed order (their keys do not change), and marked content."""
    people = {"anonymous": None}
    people["member"] = make_user("alice@gcm.unu.example", "Alice Moreau")
    people["other_member"] = make_user("bob@ehs.unu.example", "Bob Mensah")
    moderator = make_user("mona@gcm.unu.example", "Mona Castillo")
    accounts.make_moderator(moderator)
    people["moderator"] = User.objects.get(pk=moderator.pk)
    people["admin"] = make_user(
        "ada@gcm.unu.example", "Ada Virtanen", is_staff=True, is_superuser=True
    )
    unverified = User.objects.create_user("una@elsewhere.example", "pw", display_name="Una")
    EmailAddress.objects.create(user=unverified, email=unverified.email, primary=True)
    people["unverified"] = unverified
    pending = make_user("paul@university.example", "Paul Osei", member=False)
    accounts.apply_for_membership(pending, affiliation="A university", statement="Remittances.")
    people["pending"] = pending
    declined = make_user("dora@university.example", "Dora Lind", member=False)
    application = accounts.apply_for_membership(
        declined, affiliation="A firm", statement="Marketing."
    )
    accounts.decline_application(people["moderator"], application, reason="Not research")
    people["declined"] = declined
    gone = make_user("gus@gcm.unu.example", "Gus Ferrer")
    people["deactivated"] = accounts.deactivate_member(people["moderator"], gone, reason="Left")

    category = Category.objects.create(name="General discussion", slug="general", order=1)
    thread = forum.create_thread(
        people["member"], category=category, title=f"Sources {MEMBERS}", body=f"Body {MEMBERS}"
    )
    forum.reply(people["other_member"], thread, f"A reply {MEMBERS}")
    with transaction.atomic():  # a file on the members' thread, at the sample key
        table = SimpleUploadedFile("sources.csv", f"source\n{MEMBERS}\n".encode())
        attach(people["member"], thread.posts.get(position=1), [prepare(table)])
    Attachment.objects.update(key="sample")
    doomed = forum.create_thread(
        people["other_member"], category=category, title=f"Gone {MODERATORS}", body="Spam"
    )
    forum.moderate_thread(people["moderator"], doomed, "delete_thread", reason=MODERATORS)
    notify([people["member"]], "reply", actor=people["other_member"], summary=f"Hi {ALICE}")
    Profile.objects.filter(user=people["member"]).update(biography_html=f"<p>{MEMBERS}</p>")
    return {name: User.objects.get(pk=u.pk) if u else None for name, u in people.items()}


def outcome(response) -> str:
    if 300 <= response.status_code < 400:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return "L"
        return "S" if location == "/accounts/status/" else "R"
    return str(response.status_code)


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def group(name: str) -> str:
    """The namespace of a URL name (allauth's names have none): one test each."""
    return name.partition(":")[0] if ":" in name else "allauth and the site"


GROUPS = sorted({group(name) for name, _ in URLS})


class Personas:
    """A signed-in client per persona, signed in again whenever an answer signed it out."""

    def __init__(self, world):
        self.world, self.clients = world, {}

    def client(self, persona: str) -> Client:
        client = self.clients.get(persona)
        user = self.world[persona]
        if client is None or (user is not None and "_auth_user_id" not in client.session):
            client = Client(raise_request_exception=False)
            if user is not None:
                client.force_login(user)
            self.clients[persona] = client
        return client


@pytest.mark.parametrize("namespace", GROUPS)
def test_every_url_answers_every_persona_as_expected_and_leaks_nothing(world, namespace):
    personas = Personas(world)
    missing, wrong, leaks = [], [], []
    for name, path in URLS:
        if group(name) != namespace:
            continue
        answers = {"GET": [], "POST": []}
        for method in ("GET", "POST"):
            for persona in PERSONAS:
                client = personas.client(persona)
                response = client.get(path) if method == "GET" else client.post(path, {})
                answers[method].append(outcome(response))
                text = body_of(response)
                for marker, audience in AUDIENCE.items():
                    if persona not in audience and marker in text:
                        leaks.append(f"{method} {path} ({name}) shows {marker} to {persona}")
        found = f"GET {' '.join(answers['GET'])} | POST {' '.join(answers['POST'])}"
        line = f'    "{name}": "{found}",'
        if name not in EXPECTED:
            missing.append(line)
        elif EXPECTED[name] != found:
            wrong.append(f"{line}  # expected {EXPECTED[name]}")
    assert not leaks, "Protected text shown:\n" + "\n".join(leaks)
    assert not missing, (
        "URLs without an entry in EXPECTED (tests/security/test_matrix.py); add, once checked "
        f"(personas in the order {', '.join(PERSONAS)}):\n" + "\n".join(missing)
    )
    assert not wrong, "URLs answering otherwise than EXPECTED says:\n" + "\n".join(wrong)


def test_the_matrix_knows_no_url_that_is_gone():
    routed = {name for name, _ in URLS}
    assert set(EXPECTED) - routed == set(), "entries of EXPECTED for URLs no longer routed"
    assert all(resolve(path).view_name == name for name, path in URLS)


# Read line by line when written: members-only pages send the signed-out to sign-in (L) and
# non-members to their status page (S); moderators' pages refuse members (403); Django's admin
# sends everyone but the admin to its sign-in (R). Answers depend on what earlier POSTs of the
# same namespace did to the world (the order is the URL names'), so an entry added in the middle
# may change those after it: the failure lists them all.
EXPECTED = {
    "attachments:download": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "moderation:revoke": "GET L S S S L 405 405 405 405 | POST L S S S L 403 403 404 404",
    "moderation:retire_domain": "GET L S S S L 405 405 405 405 | POST L S S S L 403 403 403 R",
    "moderation:restore_domain": "GET L S S S L 405 405 405 405 | POST L S S S L 403 403 403 R",
    "moderation:resend": "GET L S S S L 405 405 405 405 | POST L S S S L 403 403 404 404",
    "moderation:reports": "GET L S S S L 403 403 200 200 | POST L S S S L 405 405 405 405",
    "moderation:practices": "GET L S S S L 403 403 200 200 | POST L S S S L 405 405 405 405",
    "moderation:portal": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "moderation:person": "GET L S S S L 403 403 200 200 | POST L S S S L 405 405 405 405",
    "moderation:people": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "moderation:messages": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "moderation:log_csv": "GET L S S S L 403 403 200 200 | POST L S S S L 405 405 405 405",
    "moderation:log": "GET L S S S L 403 403 200 200 | POST L S S S L 405 405 405 405",
    "moderation:keywords": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "moderation:invitations": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 400 400",
    "moderation:institutes": "GET L S S S L 403 403 403 200 | POST L S S S L 405 405 405 405",
    "moderation:institute_new": "GET L S S S L 403 403 403 200 | POST L S S S L 403 403 403 400",
    "moderation:institute": "GET L S S S L 403 403 403 200 | POST L S S S L 403 403 403 400",
    "moderation:index": "GET L S S S L 403 403 200 200 | POST L S S S L 405 405 405 405",
    "moderation:import": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 400 400",
    "moderation:decide": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "moderation:deactivate": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "moderation:change_role": "GET L S S S L 403 403 403 404 | POST L S S S L 403 403 403 404",
    "moderation:applications": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "moderation:add_domain": "GET L S S S L 405 405 405 405 | POST L S S S L 403 403 403 400",
    "invitations:accept": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "admin:invitations_invitation_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:invitations_invitation_delete": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:invitations_invitation_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:invitations_invitation_change": "GET L S S S L R R R R | POST L S S S L R R R 403",
    "admin:invitations_invitation_add": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:auth_user_password_change": "GET L S S S L R R R 404 | POST L S S S L R R R 404",
    "admin:audit_entry_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:audit_entry_delete": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:audit_entry_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:audit_entry_change": "GET L S S S L R R R R | POST L S S S L R R R 403",
    "admin:audit_entry_add": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:accounts_user_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_user_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_user_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:accounts_user_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_user_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:accounts_membershipevent_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_membershipevent_delete": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:accounts_membershipevent_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:accounts_membershipevent_change": "GET L S S S L R R R R | POST L S S S L R R R 403",
    "admin:accounts_membershipevent_add": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:accounts_institute_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_institute_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_institute_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:accounts_institute_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_institute_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:accounts_application_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_application_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_application_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:accounts_application_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:accounts_application_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "account_change_password": "GET L 200 200 200 L 200 200 200 200 | POST L 200 200 200 L 200 200 200 200",
    "account_confirm_email": "GET 200 200 200 200 200 200 200 200 200 | POST 404 404 404 404 404 404 404 404 404",
    "account_confirm_login_code": "GET L S S S L R R R R | POST L S S S L R R R R",
    "account_confirm_reauthentication_code": "GET L S S S L R R R R | POST L S S S L R R R R",
    "account_email": "GET L 200 200 200 L 200 200 200 200 | POST L R R R L R R R R",
    "account_email_verification_sent": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "account_inactive": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "account_login": "GET 200 S S S 200 R R R R | POST 200 S S S 200 R R R R",
    "openid_connect_callback": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "openid_connect_login": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "orcid_callback": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "orcid_login": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "saml_acs": "GET R R R R R R R R R | POST R R R R R R R R R",  # kept for acs/finish/
    "saml_finish_acs": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "saml_login": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "saml_metadata": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "saml_sls": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "account_logout": "GET R 200 200 200 R 200 200 200 200 | POST R R R R R R R R R",
    "account_reauthenticate": "GET L 200 200 200 L 200 200 200 200 | POST L 200 200 200 L 200 200 200 200",
    "account_request_reauthentication_code": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "account_reset_password": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "account_reset_password_done": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "account_reset_password_from_key": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "account_reset_password_from_key_done": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "account_set_password": "GET L R R R L R R R R | POST L R R R L R R R R",
    "account_signup": "GET 200 S S S 200 R R R R | POST 200 S S S 200 R R R R",
    "accounts:deactivate": "GET L S S S L R R R R | POST L S S S L R R R R",  # moved to /moderation/
    "accounts:decide": "GET L S S S L R R R R | POST L S S S L R R R R",  # moved to /moderation/
    "accounts:people": "GET L S S S L R R R R | POST L S S S L R R R R",  # moved to /moderation/
    "accounts:queue": "GET L S S S L R R R R | POST L S S S L R R R R",  # moved to /moderation/
    "accounts:settings": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "accounts:status": "GET L 200 200 200 L R R R R | POST L 200 409 200 L R R R R",
    "admin:account_emailaddress_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:account_emailaddress_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:account_emailaddress_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:account_emailaddress_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:account_emailaddress_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:auth_group_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:auth_group_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:auth_group_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:auth_group_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:auth_group_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:autocomplete": "GET L S S S L R R R 403 | POST L S S S L R R R 405",
    "admin:conversations_block_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:conversations_block_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:conversations_block_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:conversations_block_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:conversations_block_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:conversations_messagereport_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:conversations_messagereport_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:conversations_messagereport_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:conversations_messagereport_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:conversations_messagereport_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_country_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_country_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_country_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_country_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_country_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_keyword_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_keyword_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_keyword_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_keyword_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_keyword_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_language_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_language_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_language_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_language_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_language_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_method_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_method_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_method_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_method_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_method_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_orcidimport_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_orcidimport_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_orcidimport_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_orcidimport_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_orcidimport_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_profile_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_profile_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_profile_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_profile_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_profile_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_region_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_region_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_region_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_region_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_region_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_sdg_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_sdg_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_sdg_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_sdg_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_sdg_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_theme_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_theme_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_theme_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:directory_theme_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:directory_theme_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:django.contrib.admin.sites.catch_all_view": "GET L S S S L R R R 404 | POST L S S S L R R R 404",
    "admin:django.views.generic.base.RedirectView": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:django_tasks_database_dbtaskresult_add": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:django_tasks_database_dbtaskresult_change": "GET L S S S L R R R R | POST L S S S L R R R 403",
    "admin:django_tasks_database_dbtaskresult_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:django_tasks_database_dbtaskresult_delete": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:django_tasks_database_dbtaskresult_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:forum_category_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:forum_category_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:forum_category_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:forum_category_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:forum_category_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:forum_practice_add": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:forum_practice_change": "GET L S S S L R R R R | POST L S S S L R R R 403",
    "admin:forum_practice_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:forum_practice_delete": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:forum_practice_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:forum_report_add": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:forum_report_change": "GET L S S S L R R R R | POST L S S S L R R R 403",
    "admin:forum_report_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:forum_report_delete": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:forum_report_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:forum_thread_add": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:forum_thread_change": "GET L S S S L R R R R | POST L S S S L R R R 403",
    "admin:forum_thread_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:forum_thread_delete": "GET L S S S L R R R 403 | POST L S S S L R R R 403",
    "admin:forum_thread_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:index": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:jsi18n": "GET L S S S L R R R 200 | POST L S S S L R R R 405",
    "admin:login": "GET L S S S L 200 200 200 R | POST L S S S L 200 200 200 200",
    "admin:logout": "GET L S S S L R R R 405 | POST L S S S L R R R 200",
    "admin:mfa_authenticator_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:mfa_authenticator_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:mfa_authenticator_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:mfa_authenticator_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:mfa_authenticator_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:notifications_notification_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:notifications_notification_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:notifications_notification_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:notifications_notification_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:notifications_notification_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:notifications_preference_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:notifications_preference_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:notifications_preference_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:notifications_preference_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:notifications_preference_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:password_change": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:password_change_done": "GET L S S S L R R R 200 | POST L S S S L R R R 405",
    "admin:portal_event_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:portal_event_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:portal_event_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:portal_event_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:portal_event_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:portal_output_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:portal_output_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:portal_output_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:portal_output_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:portal_output_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:portal_registration_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:portal_registration_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:portal_registration_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:portal_registration_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:portal_registration_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:sites_site_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:sites_site_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:sites_site_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:sites_site_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:sites_site_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:socialaccount_socialaccount_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:socialaccount_socialaccount_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:socialaccount_socialaccount_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:socialaccount_socialaccount_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:socialaccount_socialaccount_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:socialaccount_socialapp_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:socialaccount_socialapp_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:socialaccount_socialapp_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:socialaccount_socialapp_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:socialaccount_socialapp_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:socialaccount_socialtoken_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:socialaccount_socialtoken_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:socialaccount_socialtoken_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:socialaccount_socialtoken_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:socialaccount_socialtoken_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:usersessions_usersession_add": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:usersessions_usersession_change": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:usersessions_usersession_changelist": "GET L S S S L R R R 200 | POST L S S S L R R R 200",
    "admin:usersessions_usersession_delete": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:usersessions_usersession_history": "GET L S S S L R R R R | POST L S S S L R R R R",
    "admin:view_on_site": "GET L S S S L R R R 404 | POST L S S S L R R R 404",
    "api:api-root": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "api:event": "GET 422 422 422 422 422 422 422 422 422 | POST 405 405 405 405 405 405 405 405 405",
    "api:events": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "api:experts": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "api:institutes": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "api:openapi-json": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "api:output": "GET 422 422 422 422 422 422 422 422 422 | POST 405 405 405 405 405 405 405 405 405",
    "api:outputs": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "api:practices": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "conversations:after": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "conversations:block": "GET L S S S L 405 405 405 405 | POST L S S S L 403 R R R",
    "conversations:blocked": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "conversations:detail": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "conversations:inbox": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "conversations:leave": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "conversations:report": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "conversations:reports": "GET L S S S L R R R R | POST L S S S L R R R R",
    "conversations:resolve": "GET L S S S L 405 405 405 405 | POST L S S S L 403 403 404 404",
    "conversations:send": "GET L S S S L 405 405 405 405 | POST L S S S L 404 404 404 404",
    "conversations:start": "GET L S S S L 200 200 200 200 | POST L S S S L 400 400 400 400",
    "insight:bridges": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "insight:collaboration": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "insight:sdgs": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "insight:regions": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "insight:region": "GET L S S S L 404 404 404 404 | POST L S S S L 405 405 405 405",
    "insight:compare_regions": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "network:bridges": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "network:collaboration": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "network:sdgs": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "network:regions": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "network:region": "GET 404 404 404 404 404 404 404 404 404 | POST 405 405 405 405 405 405 405 405 405",
    "network:compare_regions": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "directory:add_publication": "GET L S S S L 405 405 405 405 | POST L S S S L 400 400 400 400",
    "directory:card": "GET 404 404 404 404 404 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "directory:collaborators": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "directory:contact": "GET L S S S L 403 R R R | POST L S S S L 403 R R R",
    "directory:decide_keyword": "GET L S S S L 405 405 405 405 | POST L S S S L 403 403 404 404",
    "directory:delete_publication": "GET L S S S L 405 405 405 405 | POST L S S S L 404 404 404 404",
    "directory:edit": "GET L S S S L 200 200 200 200 | POST L S S S L 400 400 400 400",
    "directory:suggestions": "GET L S S S L 200 200 200 200 | POST L S S S L 400 400 400 400",
    "directory:export_csv": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "directory:index": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "directory:keyword_queue": "GET L S S S L R R R R | POST L S S S L R R R R",
    "directory:orcid_import": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "directory:overview": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "directory:photo": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "directory:profile": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "directory:public_photo": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "directory:public_profile": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "directory:remove_photo": "GET L S S S L 405 405 405 405 | POST L S S S L R R R R",
    "directory:start_orcid_import": "GET L S S S L 405 405 405 405 | POST L S S S L 400 400 400 400",
    "directory:upload_photo": "GET L S S S L 405 405 405 405 | POST L S S S L 400 400 400 400",
    "directory:vcard": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "django.views.generic.base.RedirectView": "GET L S S S L R R R R | POST L S S S L R R R R",
    "forum:audit_log": "GET L S S S L R R R R | POST L S S S L R R R R",
    "forum:category": "GET L S S S L 404 404 404 404 | POST L S S S L 405 405 405 405",
    "forum:category_edit": "GET L S S S L 403 403 404 404 | POST L S S S L 403 403 404 404",
    "forum:category_new": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "forum:delete_post": "GET L S S S L 200 403 403 403 | POST L S S S L R 403 403 403",
    "forum:edit_post": "GET L S S S L 403 403 403 403 | POST L S S S L 403 403 403 403",
    "forum:feed_category": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "forum:feed_practices": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "forum:feeds": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "forum:hide_post": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "forum:index": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "forum:initiative_edit": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "forum:initiative_join": "GET L S S S L 405 405 405 405 | POST L S S S L 404 404 404 404",
    "forum:initiative_leave": "GET L S S S L 405 405 405 405 | POST L S S S L 404 404 404 404",
    "forum:initiative_status": "GET L S S S L 405 405 405 405 | POST L S S S L 404 404 404 404",
    "forum:member_names": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "forum:moderate_thread": "GET L S S S L 403 403 404 404 | POST L S S S L 403 403 404 404",
    "forum:moderation": "GET L S S S L R R R R | POST L S S S L R R R R",
    "forum:move_thread": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "forum:new_initiative": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "forum:new_practice": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "forum:new_thread": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "forum:post": "GET L S S S L R R R R | POST L S S S L 405 405 405 405",
    "forum:post_history": "GET L S S S L 403 403 200 200 | POST L S S S L 405 405 405 405",
    "forum:practice_review": "GET L S S S L 403 403 404 404 | POST L S S S L 403 403 404 404",
    "forum:practices": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "forum:preview": "GET L S S S L 405 405 405 405 | POST L S S S L 400 400 400 400",
    "forum:react": "GET L S S S L 405 405 405 405 | POST L S S S L 403 403 403 403",
    "forum:reply": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "forum:report": "GET L S S S L 403 403 403 403 | POST L S S S L 403 403 403 403",
    "forum:reset_feed_token": "GET L S S S L 405 405 405 405 | POST L S S S L R R R R",
    "forum:resolve_report": "GET L S S S L 403 403 404 404 | POST L S S S L 403 403 404 404",
    "forum:restore_post": "GET L S S S L 403 403 200 200 | POST L S S S L 403 403 200 200",
    "forum:search": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "forum:subscribe_category": "GET L S S S L 405 405 405 405 | POST L S S S L 404 404 404 404",
    "forum:subscribe_thread": "GET L S S S L 405 405 405 405 | POST L S S S L R R R R",
    "forum:suspend_member": "GET L S S S L R R R R | POST L S S S L R R R R",
    "forum:thread": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "forum:thread_unread": "GET L S S S L R R R R | POST L S S S L 405 405 405 405",
    "forum:workspace": "GET L S S S L 404 404 404 404 | POST L S S S L 405 405 405 405",
    "forum:workspace_invitation": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "forum:workspace_invite": "GET L S S S L 405 405 405 405 | POST L S S S L 404 404 404 404",
    "forum:workspace_new_thread": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "forum:workspace_open": "GET L S S S L 405 405 405 405 | POST L S S S L 404 404 404 404",
    "forum:workspace_public": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "healthz": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "home": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "javascript-catalog": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "landing": "GET 200 200 200 200 200 R R R R | POST 200 200 200 200 200 R R R R",
    "mfa_activate_totp": "GET L S S S L R R R R | POST L S S S L R R R R",
    "mfa_add_webauthn": "GET L S S S L R R R R | POST L S S S L R R R R",
    "mfa_authenticate": "GET L S S S L R R R R | POST L S S S L R R R R",
    "mfa_deactivate_totp": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "mfa_download_recovery_codes": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "mfa_edit_webauthn": "GET L S S S L R R R R | POST L S S S L R R R R",
    "mfa_generate_recovery_codes": "GET L S S S L R R R R | POST L S S S L R R R R",
    "mfa_index": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "mfa_list_webauthn": "GET L S S S L 200 200 200 200 | POST L S S S L 405 405 405 405",
    "mfa_login_webauthn": "GET L S S S L R R R R | POST L S S S L R R R R",
    "mfa_reauthenticate": "GET L R R R L R R R R | POST L R R R L R R R R",
    "mfa_reauthenticate_webauthn": "GET L R R R L R R R R | POST L R R R L R R R R",
    "mfa_remove_webauthn": "GET L S S S L R R R R | POST L S S S L R R R R",
    "mfa_view_recovery_codes": "GET L S S S L 404 404 404 404 | POST L S S S L 405 405 405 405",
    "notifications:index": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "notifications:mark_all_read": "GET L S S S L 405 405 405 405 | POST L S S S L R R R R",
    "notifications:mark_read": "GET L S S S L 405 405 405 405 | POST L S S S L R 404 404 404",
    "notifications:open": "GET L S S S L R 404 404 404 | POST L S S S L R 404 404 404",
    "notifications:preferences": "GET L S S S L 200 200 200 200 | POST L S S S L 400 400 400 400",
    "notifications:unsubscribe": "GET 400 400 400 400 400 400 400 400 400 | POST 400 400 400 400 400 400 400 400 400",
    "portal:about": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:calendar": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:cancel_registration": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "portal:confirm_subscription": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "portal:contact": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:event": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "portal:event_edit": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "portal:event_ics": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "portal:event_new": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "portal:events": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:events_feed": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:experts": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:institute": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:institutes": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:mine": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "portal:moderation": "GET L S S S L R R R R | POST L S S S L R R R R",
    "portal:output": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "portal:output_edit": "GET L S S S L 404 404 404 404 | POST L S S S L 404 404 404 404",
    "portal:output_new": "GET L S S S L 200 200 200 200 | POST L S S S L 200 200 200 200",
    "portal:output_pdf": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "portal:outputs": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:outputs_feed": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:practice": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "portal:practice_public": "GET L S S S L 405 405 405 405 | POST L S S S L 403 403 404 404",
    "portal:practices": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:register": "GET 405 405 405 405 405 405 405 405 405 | POST 404 404 404 404 404 404 404 404 404",
    "portal:review_event": "GET L S S S L 403 403 404 404 | POST L S S S L 403 403 404 404",
    "portal:review_output": "GET L S S S L 403 403 404 404 | POST L S S S L 403 403 404 404",
    "portal:robots": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:search": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:sitemap": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:subscribe": "GET 200 200 200 200 200 200 200 200 200 | POST 200 200 200 200 200 200 200 200 200",
    "portal:unsubscribe": "GET 404 404 404 404 404 404 404 404 404 | POST 404 404 404 404 404 404 404 404 404",
    "privacy:cancel_deletion": "GET L 405 405 405 L 405 405 405 405 | POST L R R R L R R R R",
    "privacy:data": "GET L 200 200 200 L 200 200 200 200 | POST L 405 405 405 L 405 405 405 405",
    "privacy:delete": "GET L R R R L R R R R | POST L R R R L R R R R",
    "privacy:download": "GET L 404 404 404 L 404 404 404 404 | POST L 405 405 405 L 405 405 405 405",
    "privacy:notice": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "privacy:request_export": "GET L 405 405 405 L 405 405 405 405 | POST L R R R L R R R R",
    "set_language": "GET 405 405 405 405 405 405 405 405 405 | POST R R R R R R R R R",
    "socialaccount_connections": "GET L 200 200 200 L 200 200 200 200 | POST L 200 200 200 L 200 200 200 200",
    "socialaccount_login_cancelled": "GET 200 200 200 200 200 200 200 200 200 | POST 405 405 405 405 405 405 405 405 405",
    "socialaccount_login_error": "GET 401 401 401 401 401 401 401 401 401 | POST 405 405 405 405 405 405 405 405 405",
    "socialaccount_signup": "GET L L L L L L L L L | POST L L L L L L L L L",
    "usersessions_list": "GET L S S S L 200 200 200 200 | POST L S S S L R R R R",
}
