import pytest

from forum import actions as forum_actions
from forum.models import Category

DOMAIN = "reply.network.test"


@pytest.fixture(autouse=True)
def reply_domain(settings):
    settings.REPLY_EMAIL_DOMAIN = DOMAIN


@pytest.fixture
def thread(member):
    category = Category.objects.create(name="General discussion", slug="general")
    return forum_actions.create_thread(
        member, category=category, title="Climate mobility data", body="Which sources?"
    )


@pytest.fixture
def opening(thread):
    return thread.posts.get(position=1)


def email_bytes(*, sender: str, to: str, body: str, subject="Re: A reply", headers=None) -> bytes:
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        "Message-ID: <abc123@mail.example>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        *(f"{k}: {v}" for k, v in (headers or {}).items()),
        "",
        body,
    ]
    return "\r\n".join(lines).encode()
