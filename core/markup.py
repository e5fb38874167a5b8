"""Markdown to safe HTML, once, at save. Templates print only what this returns.

markdown-it-py parses CommonMark with tables, strikethrough and autolinks, raw HTML off; nh3 (the
maintained successor of bleach, an Ammonia binding) then keeps only an allow-list of tags,
attributes and URL schemes, and marks every link ``rel="nofollow ugc noopener"``. Images are not
allowed: a remote image would tell another server who reads the post.

Anything a member writes costs linear time to render. markdown-it-py's own linkify (and
linkify-it-py under it) rescans the text at every ``://``, which made a 100,000-character post
of ``http://a.`` take minutes; plain-text links are found here instead, in one pass over each
text token, as GitHub's extended autolinks are: ``http://``, ``https://`` and ``www.`` URLs and
email addresses, where a word starts, without trailing punctuation or an unbalanced ``)``.
"""

import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
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

# A lookbehind, not a scan, decides where a word starts: each alternative then fails or succeeds
# within one run of characters, so the search is linear (an email's local part is one run).
PLAIN_LINK = re.compile(
    r"(?<![\w.+@-])(?:(?P<url>(?:https?://|www\.)[^\s<>]+)|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+))",
    re.IGNORECASE | re.ASCII,
)
TRAILING_PUNCTUATION = frozenset("?!.,:;*_~'\"")
LINK_DEPTH = {"link_open": 1, "link_close": -1}


def _trimmed(url: str) -> str:
    """``url`` without what ends the sentence around it: punctuation, an unbalanced ``)``."""
    unbalanced = url.count(")") - url.count("(")
    end = len(url)
    while end:
        if url[end - 1] in TRAILING_PUNCTUATION:
            end -= 1
        elif url[end - 1] == ")" and unbalanced > 0:
            unbalanced -= 1
            end -= 1
        else:
            break
    return url[:end]


def _link_tokens(md: MarkdownIt, text: str) -> list[Token] | None:
    """``text`` as text and link tokens, or None when it holds no plain-text link."""
    pieces: list[Token] = []
    last = 0
    for match in PLAIN_LINK.finditer(text):
        if match["email"]:
            shown, href = match["email"], "mailto:" + match["email"]
        else:
            shown = _trimmed(match["url"])
            www = shown[:4].lower() == "www."
            if len(shown) <= (4 if www else shown.index("//") + 2):
                continue
            href = "http://" + shown if www else shown
        href = md.normalizeLink(href)
        if not md.validateLink(href):
            continue
        start = match.start()
        pieces += [
            Token("text", "", 0, content=text[last:start]),
            Token("link_open", "a", 1, attrs={"href": href}, markup="linkify", info="auto"),
            Token("text", "", 0, content=shown),
            Token("link_close", "a", -1, markup="linkify", info="auto"),
        ]
        last = start + len(shown)
    if not pieces:
        return None
    return [*pieces, Token("text", "", 0, content=text[last:])]


def linkify_text(state: StateCore) -> None:
    """Core rule: plain-text links in text outside links become links (linear time)."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, depth = [], 0
        for child in block.children:
            depth += LINK_DEPTH.get(child.type, 0)
            linked = None
            if child.type == "text" and not depth:
                linked = _link_tokens(state.md, child.content)
            children += linked or [child]
        block.children = children


_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .enable("strikethrough")
)
_parser.core.ruler.after("inline", "linkify_text", linkify_text)


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


# Markdown as words, for snippets (search results): each pattern is bounded and anchored on a
# literal character, so the whole costs one linear pass each; no HTML parser runs over member
# text here (a post of ``<a `` repeated is too deeply nested for one).
_PLAIN = [
    (re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)"), r"\1"),  # links and images: text
    (re.compile(r"@\[([^\]\n]{1,200})\]"), r"@\1"),  # @[Display Name]: @Display Name
    (re.compile(r"@\["), "@"),  # one cut short (a search headline ends inside it)
    (re.compile(r"<((?:https?://|mailto:)[^>\s]{1,2000})>"), r"\1"),  # <https://...>
    (re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)", re.M), ""),
    (re.compile(r"\*{1,3}|~~|`{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)"), ""),  # emphasis and code marks
]


def plain_text(markdown: str) -> str:
    """The words of ``markdown`` without its marks ("See **census** data from @[Tomás]" ->
    "See census data from @Tomás"), for a snippet shown as text (escaped)."""
    for pattern, replacement in _PLAIN:
        markdown = pattern.sub(replacement, markdown)
    return markdown
