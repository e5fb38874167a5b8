"""A corpus of hostile payloads through every renderer of member-written text, checked by parsing.

The renderers: ``core.markup.render_markdown`` (profile biographies, portal abstracts and event
descriptions), ``forum.mentions.render_post`` (posts, initiatives' opening posts, with mentions),
each through the action that saves it, and the forum search's highlighted excerpts. Each output
is parsed as a browser would (``html.parser``): only allowed elements and attributes, no event
handlers, links only to http, https, mailto or the site's own paths, no comments or declarations.
"""

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from core.markup import render_markdown

# Handwritten: raw HTML (off, so it must come out as text), SVG and MathML, entity tricks,
# nested and unclosed tags, HTML blocks, code, Markdown constructs around markup, mentions.
HANDWRITTEN = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=`x` onerror=`alert(1)`>",
    '<img """><script>alert(1)</script>">',
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href='javascript:alert(1)'><text x='0' y='20'>x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><set attributeName=href to='javascript:alert(1)'/></svg>",
    "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
    "<svg><use href='data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+'/></svg>",
    "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    "<math href='javascript:alert(1)'>click</math>",
    "<math><maction actiontype='statusline#x' xlink:href='javascript:alert(1)'>x</maction></math>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src='javascript:alert(1)'></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data='javascript:alert(1)'></object>",
    "<embed src='javascript:alert(1)'>",
    "<form action='javascript:alert(1)'><button>go</button></form>",
    "<button formaction='javascript:alert(1)'>go</button>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<link rel=stylesheet href='javascript:alert(1)'>",
    "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
    "<base href='javascript:alert(1)//'>",
    "<a href='javascript:alert(1)'>x</a>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" &#14; javascript:alert(1)">x</a>',
    "<a href='https://ok.example' onclick='alert(1)'>ok</a>",
    "<div style='width: expression(alert(1))'>x</div>",
    "<table background='javascript:alert(1)'><tr><td>x</td></tr></table>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><script>alert(1)</script></title>",
    "<xmp><script>alert(1)</script></xmp>",
    "<plaintext><script>alert(1)</script>",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?xml version='1.0'?><script>alert(1)</script>",
    "<!DOCTYPE html><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    "<a href='x' <script>alert(1)</script>",
    "<b><i><u>never closed",
    "</p></li></ul></table><script>alert(1)</script>",
    "<div>" * 200 + "deep",
    "<a " * 500,
    "<div>\n\n*md* <script>alert(1)</script>\n\n</div>",
    "<details>\n<summary>x</summary>\n<script>alert(1)</script>\n</details>",
    "<pre><script>alert(1)</script></pre>",
    "```\n<script>alert(1)</script>\n```",
    '```js" onmouseover="alert(1)\nx\n```',
    "```\" class='x' onclick='alert(1)\nx\n```",
    "`<img src=x onerror=alert(1)>`",
    "    <script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "&#0;&#xD800;&#1114112;&unknown;&NotAnEntity",
    "\\<script>alert(1)\\</script>",
    "[<img src=x onerror=alert(1)>](https://ok.example)",
    '[x](https://ok.example "<script>alert(1)</script>")',
    "[x](https://ok.example 'a\" onmouseover=\"alert(1)')",
    '[x](https://ok.example/" onmouseover="alert(1))',
    "**<script>**alert(1)**</script>**",
    "~~<script>~~alert(1)",
    "| <script> | x |\n|---|---|\n| <img src=x onerror=alert(1)> | y |",
    "| a |\n|:-:|\n| [x](javascript:alert(1)) |",
    "> <script>alert(1)</script>\n> > [x](javascript:alert(1))",
    "- [ ] <script>alert(1)</script>\n- [x](javascript:alert(1))",
    "# <script>alert(1)</script>",
    "Setext\n===\n<script>alert(1)</script>",
    "1. <img src=x onerror=alert(1)>\n   1. [x](javascript:alert(1))",
    "[^1]\n\n[^1]: <script>alert(1)</script>",
    "\u202e<script>alert(1)</script>",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "[x](java\u0000script:alert(1))",
    "[x](java\u200bscript:alert(1))",
    "www.example.org/<script>alert(1)</script>",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/'><script>alert(1)</script>",
    "http://example.org/?q=<svg/onload=alert(1)>",
    "a@b.example<script>alert(1)</script>",
    "javascript:alert(1)@example.org",
    "@[<script>alert(1)</script>]",
    "@[Alice Moreau](javascript:alert(1))",
    "@[Alice Moreau]<img src=x onerror=alert(1)>",
]

# Each dangerous address in every Markdown form that makes a link or an image.
BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;vascript:alert(1)",
    "java%0ascript:alert(1)",
    "jav&#9;ascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "javascript://example.org/%0aalert(1)",
    "feed:javascript:alert(1)",
]
LINK_FORMS = [
    "[x](URL)",
    "[x](<URL>)",
    '[x](URL "title")',
    "![x](URL)",
    "[x][r]\n\n[r]: URL",
    "![x][r]\n\n[r]: <URL>",
    "<URL>",
    "see URL now",
    "[![i](URL)](URL)",
]
PAYLOADS = list(
    dict.fromkeys(
        HANDWRITTEN + [form.replace("URL", url) for form in LINK_FORMS for url in BAD_URLS]
    )
)
# What reaches the portal's and the directory's actions: their forms refuse NUL characters
# (Django's ProhibitNullCharactersValidator); the forum's clean_body strips them.
FORM_PAYLOADS = [payload for payload in PAYLOADS if "\x00" not in payload]
# Where a payload may sit in a document: its own paragraph, a quote, a list, a heading, a table
# cell, emphasis, a link text.
CONTEXTS = [
    "PAYLOAD",
    "> PAYLOAD",
    "- PAYLOAD",
    "# PAYLOAD",
    "| a |\n|---|\n| PAYLOAD |",
    "*PAYLOAD*",
    "[PAYLOAD](https://ok.example)",
]

ALLOWED = {
    "p": set(),
    "br": set(),
    "hr": set(),
    "strong": set(),
    "em": set(),
    "del": set(),
    "s": set(),
    "code": {"class"},
    "pre": set(),
    "blockquote": set(),
    "ul": set(),
    "ol": {"start"},
    "li": set(),
    **{f"h{level}": set() for level in range(1, 7)},
    "a": {"href", "title", "rel"},
    "table": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"align"},
    "td": {"align"},
}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


class Inspector(HTMLParser):
    """What a browser would build from ``html``: each element, attribute and oddity."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag, attrs):
        allowed = self.allowed.get(tag)
        if allowed is None:
            self.problems.append(f"element <{tag}>")
            return
        for name, value in attrs:
            if name not in allowed or name.startswith("on"):
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "href" and not _safe_href(value or ""):
                self.problems.append(f"href {value!r}")
            elif name == "class" and not (value or "").startswith("language-"):
                self.problems.append(f"class {value!r}")
            elif name == "rel" and "nofollow" not in (value or ""):
                self.problems.append(f"rel {value!r}")
        if tag == "a" and "rel" not in dict(attrs):
            self.problems.append("a link without rel")

    def handle_comment(self, data):
        self.problems.append(f"comment {data!r}")

    def handle_decl(self, decl):
        self.problems.append(f"declaration {decl!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data!r}")

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data!r}")


def _safe_href(href: str) -> bool:
    """As a browser reads it: tabs and line breaks removed, control characters and spaces
    trimmed; then the scheme, if any, must be http, https or mailto."""
    url = re.sub(r"[\t\n\r]", "", href).strip("".join(map(chr, range(0x21))))
    scheme = SCHEME.match(url)
    if scheme is None:
        return not url.startswith("//")  # a path of the site, not another host's
    return scheme.group(1).lower() in {"http", "https", "mailto"}


def assert_inert(html: str, allowed=None) -> None:
    inspector = Inspector()
    inspector.allowed = allowed or ALLOWED
    inspector.feed(html)
    inspector.close()
    assert not inspector.problems, (inspector.problems, html)


def test_the_corpus_holds_over_a_hundred_distinct_payloads():
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_the_inspector_catches_what_it_must():
    for unsafe in [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)" rel="nofollow">x</a>',
        '<a href=" java&#x09;script:alert(1)" rel="nofollow">x</a>',
        '<a href="//evil.example" rel="nofollow">x</a>',
        '<p onclick="alert(1)">x</p>',
        '<img src="x">',
        '<code class="x">y</code>',
        '<a href="https://ok.example">no rel</a>',
        "<!-- x -->",
    ]:
        with pytest.raises(AssertionError):
            assert_inert(unsafe)
    assert_inert('<p><a href="https://ok.example" rel="nofollow ugc noopener">ok</a></p>')


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_renders_every_payload_inert_wherever_it_sits(payload):
    for context in CONTEXTS:
        assert_inert(render_markdown(context.replace("PAYLOAD", payload)))


@pytest.fixture
def generous_limits(settings):
    settings.RATE_LIMITS = {action: "100000/h" for action in settings.RATE_LIMITS}


def test_forum_posts_render_every_payload_inert(member, other_member, generous_limits):
    from forum import actions
    from forum.mentions import render_post
    from forum.models import Category

    category = Category.objects.create(name="General", slug="general", order=1)
    thread = actions.create_thread(member, category=category, title="Corpus", body="Start")
    for number, payload in enumerate(PAYLOADS):
        html, mentioned = render_post(f"@[Bob Mensah] {payload}")
        assert other_member in mentioned  # the mention path ran
        assert_inert(html)
        post = actions.reply(member, thread, f"{payload}\n\n{number}")  # twice is refused
        assert_inert(post.body_html)
    post = actions.reply(member, thread, "to edit")
    for payload in PAYLOADS[:20]:
        post = actions.edit_post(member, post, payload, expected_version=post.version)
        assert_inert(post.body_html)


def test_initiatives_render_every_payload_inert(member, generous_limits):
    from forum import actions
    from forum.models import Category

    category = Category.objects.create(name="Initiatives", slug="initiatives", order=1)
    short = [payload for payload in PAYLOADS if len(payload) <= 500]  # the summary's limit
    for number, payload in enumerate(short[::4]):
        initiative = actions.propose_initiative(
            member, category=category, title=f"Corpus {number}", summary=payload, objectives=payload
        )
        assert_inert(initiative.thread.posts.get(position=1).body_html)


def test_profile_biographies_render_every_payload_inert(member, generous_limits):
    from directory import actions
    from directory.models import Profile

    profile = Profile.objects.get(user=member)
    for payload in FORM_PAYLOADS[::3]:  # render_markdown itself takes them all, above
        profile = actions.update_profile(member, profile, {"biography": payload})
        assert_inert(profile.biography_html)


def test_portal_abstracts_and_descriptions_render_every_payload_inert(member, generous_limits):
    from portal import actions
    from portal.models import Event, Output

    start = timezone.now() + timedelta(days=3)
    for payload in FORM_PAYLOADS:
        output = actions.save_output(
            member,
            Output(
                kind=Output.Kind.REPORT, title="Corpus", date=date(2026, 5, 1), abstract=payload
            ),
            relations={},
            authors=[member],
        )
        assert_inert(output.abstract_html)
        event = actions.save_event(
            member,
            Event(
                kind=Event.Kind.SYMPOSIUM,
                title="Corpus",
                start=start,
                end=start + timedelta(hours=2),
                time_zone="Europe/Berlin",
                description=payload,
            ),
            relations={},
        )
        assert_inert(event.description_html)


def test_search_excerpts_show_every_payload_inert(member, generous_limits):
    from forum import actions, search
    from forum.models import Category

    category = Category.objects.create(name="Search", slug="search", order=1)
    thread = actions.create_thread(member, category=category, title="<b>Corpus</b>", body="x")
    for number, payload in enumerate(PAYLOADS[::3]):
        post = actions.reply(member, thread, f"needle {payload} {number}")
        for query in ("needle", payload[:50], "script alert"):
            assert_inert(search.highlight(post, query), allowed={"mark": set()})
            assert_inert(search.highlight_title(post, query), allowed={"mark": set()})
