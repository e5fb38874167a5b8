"""Markdown to safe HTML, once, at save. Templates print only what this returns.

markdown-it-py parses CommonMark with tables, strikethrough and autolinks, raw HTML off; nh3 (the
maintained successor of bleach, an Ammonia binding) then keeps only an allow-list of tags,
attributes and URL schemes, and marks every link ``rel="nofollow ugc noopener"``. Images are not
allowed: a remote image would tell another server who reads the post.
"""

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from core.text import strip_invisible

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "code": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    .enable("table")
    .enable("strikethrough")
    .enable("linkify")
)


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


def parse(text: str) -> list[Token]:
    """The token stream of member-written Markdown, for callers that rewrite it (mentions)."""
    return _parser.parse(strip_invisible(text))


def render_tokens(tokens: list[Token]) -> str:
    """Sanitized HTML for a token stream from ``parse``."""
    return sanitize_html(_parser.renderer.render(tokens, _parser.options, {}))


def render_markdown(text: str) -> str:
    """Render member-written Markdown to sanitized HTML (safe to mark safe in templates)."""
    return render_tokens(parse(text))
