"""@mentions: ``@[Display Name]`` (what the autocomplete inserts) becomes a link to the member.

Resolved once, at save, against current members; a name that matches nobody stays plain text.
Mentions are looked for in the Markdown token stream, in plain text only: what is written in
code (inline, fenced or indented) or inside a link is shown as written, never resolved.
"""

import re
from collections.abc import Iterator

from markdown_it.token import Token

from accounts.models import User
from core.markup import parse, render_tokens

MENTION = re.compile(r"@\[([^\[\]\n]{1,120})\]")
LINK_DEPTH = {"link_open": 1, "link_close": -1}


def _inline_children(tokens: list[Token]) -> Iterator[list[Token]]:
    for block in tokens:
        if block.type == "inline" and block.children:
            yield block.children


def _is_plain_text(children: list[Token]) -> Iterator[tuple[Token, bool]]:
    """Each child with whether it is text outside a link (code is never a text token)."""
    depth = 0
    for child in children:
        depth += LINK_DEPTH.get(child.type, 0)
        yield child, child.type == "text" and not depth


def _mentioned_names(tokens: list[Token]) -> set[str]:
    return {
        match.group(1).strip()
        for children in _inline_children(tokens)
        for child, plain in _is_plain_text(children)
        if plain
        for match in MENTION.finditer(child.content)
        if match.group(1).strip()
    }


def member_url(user) -> str:
    """Where a mention of ``user`` links: their directory profile (every forum reader is a
    member, and members see every member's profile); empty when they have no profile."""
    profile = getattr(user, "profile", None)
    return profile.get_absolute_url() if profile is not None else ""


def _linked(text: str, by_name: dict[str, User]) -> list[Token]:
    """``text`` as text tokens, with each resolved mention as a link to the member
    (``member_url``), or their name alone when they have no profile."""
    pieces, last = [], 0
    for match in MENTION.finditer(text):
        user = by_name.get(match.group(1).strip())
        if user is None:
            continue
        pieces.append(Token("text", "", 0, content=text[last : match.start()]))
        name = Token("text", "", 0, content=f"@{user.display_name}")
        href = member_url(user)
        if not href:
            pieces.append(name)
        else:
            pieces += [
                Token("link_open", "a", 1, attrs={"href": href}),
                name,
                Token("link_close", "a", -1),
            ]
        last = match.end()
    return [*pieces, Token("text", "", 0, content=text[last:])]


def render_post(body: str) -> tuple[str, list[User]]:
    """The post's HTML, sanitized like ``render_markdown``, with each resolved mention a link to
    the member, and the members it mentions: the body is parsed once for both."""
    tokens = parse(body)
    names = _mentioned_names(tokens)
    if not names:
        return render_tokens(tokens), []
    mentioned = list(
        User.objects.members()
        .filter(display_name__in=names)
        .select_related("profile")
        .order_by("pk")
    )
    by_name: dict[str, User] = {}
    for user in mentioned:
        by_name.setdefault(user.display_name, user)
    if by_name:
        for children in _inline_children(tokens):
            children[:] = [
                piece
                for child, plain in _is_plain_text(list(children))
                for piece in (_linked(child.content, by_name) if plain else [child])
            ]
    return render_tokens(tokens), mentioned
