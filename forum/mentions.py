"""@mentions: ``@[Display Name]`` (what the autocomplete inserts) becomes a link to the member.

Resolved once, at save, against current members; a name that matches nobody stays plain text.
"""

import re

from django.urls import NoReverseMatch, reverse

from accounts.models import User

from .markup import render_markdown

MENTION = re.compile(r"@\[([^\[\]\n]{1,120})\]")
# Fenced blocks and inline code: what is written there is shown, not resolved.
CODE = re.compile(r"(^(```|~~~).*?^\2[ \t]*$|`+[^`\n]*`+)", re.M | re.S)
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def _outside_code(body: str, replace):
    """Apply ``replace`` to the parts of ``body`` that are not code."""
    parts, last = [], 0
    for match in CODE.finditer(body):
        parts.append(replace(body[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(replace(body[last:]))
    return "".join(parts)


def mentioned_names(body: str) -> set[str]:
    names: set[str] = set()

    def collect(text: str) -> str:
        names.update(name.strip() for name in MENTION.findall(text) if name.strip())
        return text

    _outside_code(body, collect)
    return names


def find_mentioned(body: str) -> list[User]:
    names = mentioned_names(body)
    if not names:
        return []
    return list(User.objects.members().filter(display_name__in=names).order_by("pk"))


def member_url(user) -> str:
    try:
        return reverse("directory:profile", args=[user.pk])
    except NoReverseMatch:
        return reverse("forum:search") + f"?author={user.pk}"


def render_post(body: str, mentioned: list[User]) -> str:
    """Markdown with resolved mentions turned into links, sanitized by ``render_markdown``."""
    by_name = {}
    for user in mentioned:
        by_name.setdefault(user.display_name, user)

    def link(match):
        user = by_name.get(match.group(1).strip())
        if user is None:
            return match.group(0)
        label = MARKDOWN_SPECIALS.sub(r"\\\1", user.display_name)
        return f"[@{label}]({member_url(user)})"

    return render_markdown(_outside_code(body, lambda text: MENTION.sub(link, text)))
