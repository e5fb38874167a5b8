"""The SMTP receiver as its own process (bin/smtp, as docker-compose runs it), spoken to with
real SMTP: a reply to a post notification lands in the thread; a forged address is answered by a
bounce; addresses that are not ours and oversized messages are refused at once."""

import json
import smtplib
import textwrap
from email.message import EmailMessage

import pytest

from tests.ops.processes import embedded_env, free_port, manage, start, stop, wait_for

DOMAIN = "reply.network.test"

SETUP = textwrap.dedent(
    """
    import json
    from django.test import TestCase
    from accounts.models import User
    from forum import actions
    from forum.models import Category
    from notifications import replies
    alice = User.objects.create_user("alice@gcm.example", "pw-alice-1234", display_name="Alice",
                                     status="member")
    bob = User.objects.create_user("bob@ehs.example", "pw-bob-12345", display_name="Bob",
                                   status="member")
    category = Category.objects.create(name="General", slug="general")
    thread = actions.create_thread(alice, category=category, title="Census data", body="Sources?")
    opening = thread.posts.get()
    print(json.dumps({"thread": thread.pk, "to": replies.address(bob.pk, "p", opening.pk)}))
    """
)

POSTS = textwrap.dedent(
    """
    import json, sys
    from forum.models import Post
    rows = Post.objects.filter(thread_id=int(sys.argv[-1])).order_by("position")
    print(json.dumps([[p.author.email, p.body, p.reply_to_id is not None] for p in rows]))
    """
)


def reply(sender: str, to: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "Re: Census data"
    message.set_content(body)
    return message


@pytest.fixture
def receiver(tmp_path):
    port = free_port()
    env = embedded_env(
        tmp_path,
        REPLY_EMAIL_DOMAIN=DOMAIN,
        SMTP_LISTEN_HOST="127.0.0.1",
        SMTP_LISTEN_PORT=str(port),
        INBOUND_MAX_BYTES="20000",
    )
    manage(env, "migrate", "--noinput")
    facts = json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])
    log = tmp_path / "smtp.log"
    process = start("smtp", env, log)
    wait_for(lambda: "Receiving replies" in log.read_text(), 60, "the receiver to listen", log)
    yield {"port": port, "env": env, "log": log, **facts}
    stop(process)


def posts(receiver) -> list:
    script = POSTS.replace("int(sys.argv[-1])", str(receiver["thread"]))
    return json.loads(manage(receiver["env"], "shell", "-c", script).strip().splitlines()[-1])


def test_replies_arrive_over_smtp(receiver):
    with smtplib.SMTP("127.0.0.1", receiver["port"], timeout=30) as smtp:
        body = "We use the 2020 round.\n\n-- \nBob\n\nOn Monday, Network wrote:\n> Sources?\n"
        refused = smtp.send_message(reply("bob@ehs.example", receiver["to"], body))
        assert refused == {}

        # Not one of ours: refused at RCPT, so nothing is relayed.
        with pytest.raises(smtplib.SMTPRecipientsRefused) as stranger:
            smtp.send_message(reply("bob@ehs.example", "postmaster@elsewhere.example", "hi"))
        assert stranger.value.recipients["postmaster@elsewhere.example"][0] == 550

        # A forged address: accepted, then bounced with the reason and the text.
        forged = receiver["to"].replace("reply+", "reply+9")
        assert smtp.send_message(reply("bob@ehs.example", forged, "Forged words")) == {}

        # Larger than INBOUND_MAX_BYTES: refused while it arrives.
        with pytest.raises((smtplib.SMTPDataError, smtplib.SMTPSenderRefused)) as big:
            smtp.send_message(reply("bob@ehs.example", receiver["to"], "x" * 30_000))
        assert big.value.smtp_code == 552

    assert posts(receiver) == [
        ["alice@gcm.example", "Sources?", False],
        ["bob@ehs.example", "We use the 2020 round.", True],
    ]
    log = receiver["log"]
    wait_for(lambda: "Forged words" in log.read_text(), 30, "the bounce", log)
    text = log.read_text()
    assert "To: bob@ehs.example" in text
    assert "This reply address is not one we made" in text
