"""Reading an inbound email: who sent it, what they wrote above the quoted text.

Everything here is linear in the message's size, which the SMTP receiver bounds
(``INBOUND_MAX_BYTES``); the text handed to the reply parser is bounded again
(``TEXT_LIMIT``), since its expressions are not all linear on hostile input.
"""

import email
import email.policy
import html
from email.message import EmailMessage
from email.utils import getaddresses

import nh3
from mailparser_reply import EmailReplyParser

TEXT_LIMIT = 60_000
LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt"]


def parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def sender(message: EmailMessage) -> str:
    """The From address, lowercased; "" when there is not exactly one."""
    try:
        found = getaddresses([str(message.get("From", ""))])
    except Exception:
        return ""
    addresses = [addr for _name, addr in found if "@" in addr]
    return addresses[0].strip().lower() if len(addresses) == 1 else ""


def is_automatic(message: EmailMessage, mail_from: str) -> bool:
    """An out-of-office, a bounce or a list: never answered, never bounced (no mail loops)."""
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        not mail_from
        or mail_from == "<>"
        or auto != "no"
        or precedence in {"bulk", "junk", "list", "auto_reply"}
        or bool(message.get("X-Autoreply") or message.get("X-Autorespond"))
    )


def text_of(message: EmailMessage) -> str:
    """The plain text part (or the HTML one, as text)."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None:
        return ""
    try:
        content = part.get_content()
    except Exception:
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    if not isinstance(content, str):
        return ""
    content = content[: TEXT_LIMIT * 4]
    if part.get_content_subtype() == "html":
        content = html_to_text(content)
    return content.replace("\r\n", "\n")[:TEXT_LIMIT]


def html_to_text(markup: str) -> str:
    """Block ends become line breaks, tags go (nh3 keeps none), entities are decoded."""
    for tag in ("</p>", "<br>", "<br/>", "<br />", "</div>", "</li>", "</blockquote>"):
        markup = markup.replace(tag, tag + "\n").replace(tag.upper(), tag.upper() + "\n")
    return html.unescape(nh3.clean(markup, tags=set()))


def reply_text(text: str) -> str:
    """What the member wrote: quoted text, "On ... wrote:" headers and signatures removed."""
    if not text.strip():
        return ""
    parsed = EmailReplyParser(languages=LANGUAGES).read(text)
    latest = parsed.replies[0].body if parsed.replies else text
    lines = [line for line in latest.split("\n") if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()
