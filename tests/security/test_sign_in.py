"""Sign-in under load: cheap memory-hard hashes, a bound on how many run at once, failed-attempt
limits that only failures count against, and allauth's own limits answered with the 429 page."""

import sys
import threading

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher, identify_hasher, make_password
from django.test import Client

from accounts.models import User
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
ARGON2 = "accounts.hashers.BoundedArgon2PasswordHasher"
PBKDF2 = "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def sign_in(email, password=PASSWORD):
    return Client().post("/accounts/login/", {"login": email, "password": password})


def signed_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def refused_as_too_many(response) -> bool:
    return response.status_code == 200 and b"Too many failed login attempts" in response.content


@pytest.fixture
def colleagues(institutes):
    return [make_user(f"colleague{i}@gcm.unu.example", f"Colleague {i}") for i in range(15)]


def test_fifteen_colleagues_signing_in_at_once_from_one_address_all_get_in(colleagues, monkeypatch):
    """Each password check starts the next colleague's sign-in before it ends, so all fifteen are
    being checked at once, from one address (the institute's): none is refused."""
    waiting = [colleague.email for colleague in colleagues[1:]]
    responses = []
    verify = MD5PasswordHasher.verify

    def verify_while_the_next_signs_in(self, password, encoded):
        if waiting:
            responses.append(sign_in(waiting.pop(0)))
        return verify(self, password, encoded)

    monkeypatch.setattr(MD5PasswordHasher, "verify", verify_while_the_next_signs_in)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit * 4)  # fifteen requests nested in one another
    try:
        responses.append(sign_in(colleagues[0].email))
    finally:
        sys.setrecursionlimit(limit)
    assert len(responses) == 15
    assert all(signed_in(response) for response in responses)


def test_failed_sign_ins_from_one_address_are_still_limited(colleagues):
    """allauth's login_failed: 10 a minute from an address, 5 in 5 minutes for an account."""
    for colleague in colleagues[:10]:
        assert not signed_in(sign_in(colleague.email, "wrong"))
    assert refused_as_too_many(sign_in(colleagues[10].email, "wrong"))
    assert refused_as_too_many(sign_in(colleagues[10].email))  # even right, until it passes


def test_failed_sign_ins_for_one_account_are_limited_from_any_address(colleagues):
    target = colleagues[0].email
    for i in range(5):
        response = Client(REMOTE_ADDR=f"192.0.2.{i}").post(
            "/accounts/login/", {"login": target, "password": "wrong"}
        )
        assert not signed_in(response) and not refused_as_too_many(response)
    response = Client(REMOTE_ADDR="192.0.2.99").post(
        "/accounts/login/", {"login": target, "password": PASSWORD}
    )
    assert refused_as_too_many(response)
    assert signed_in(sign_in(colleagues[1].email))  # the others are not locked out


def test_passwords_are_hashed_with_argon2id_and_old_hashes_upgrade_at_sign_in(member, settings):
    from accounts import hashers

    settings.PASSWORD_HASHERS = [ARGON2, PBKDF2]
    User.objects.filter(pk=member.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    assert signed_in(sign_in(member.email))
    stored = User.objects.get(pk=member.pk).password
    assert isinstance(identify_hasher(stored), hashers.BoundedArgon2PasswordHasher)
    assert "$argon2id$v=19$m=19456,t=2,p=1$" in stored
    assert signed_in(sign_in(member.email))  # and the new hash is checked as such
    assert User.objects.get(pk=member.pk).password == stored  # nothing more to upgrade


def test_the_configured_hasher_is_argon2id():
    from config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0] == ARGON2
    assert PBKDF2 in project_settings.PASSWORD_HASHERS  # stored hashes still verify, then upgrade


def test_only_so_many_hashes_run_at_once(monkeypatch):
    """With one slot, a second hash waits while the first runs (the slot is taken)."""
    from accounts import hashers

    monkeypatch.setattr(hashers, "_slots", threading.BoundedSemaphore(1))
    inside, release = threading.Event(), threading.Event()
    encode = hashers.hashers.Argon2PasswordHasher.encode

    def slow_encode(self, password, salt):
        inside.set()
        assert release.wait(30)
        return encode(self, password, salt)

    monkeypatch.setattr(hashers.hashers.Argon2PasswordHasher, "encode", slow_encode)
    hasher = hashers.BoundedArgon2PasswordHasher()
    first = threading.Thread(target=hasher.encode, args=(PASSWORD, hasher.salt()))
    first.start()
    try:
        assert inside.wait(30)
        assert not hashers._slots.acquire(blocking=False)
    finally:
        release.set()
        first.join(30)
    assert hashers._slots.acquire(blocking=False)  # free again once the first is done
    hashers._slots.release()


def test_a_sixth_password_reset_for_one_address_answers_the_429_page(client, member):
    for _ in range(5):
        assert client.post("/accounts/password/reset/", {"email": member.email}).status_code == 302
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 429
    assert b"Too many requests" in response.content and b"Skip to main content" in response.content
    assert b"Please wait a few minutes" in response.content


def test_a_twenty_first_sign_up_from_one_address_answers_the_429_page(client, db):
    for _ in range(20):
        assert client.post("/accounts/signup/", {"email": "not an address"}).status_code == 200
    response = client.post("/accounts/signup/", {"email": "not an address"})
    assert response.status_code == 429
    assert b"Too many requests" in response.content
