"""``core.markup.plain_text``: the words of member Markdown for snippets (search results),
without emphasis, link syntax, mentions' brackets, headings, quotes or list marks."""

import pytest

from core.markup import plain_text


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("See **census** data", "See census data"),
        ("from @[Tomás Okonkwo] today", "from @Tomás Okonkwo today"),
        ("cut short: @[Tomás Okon", "cut short: @Tomás Okon"),
        ("read [the atlas](https://example.org/a_b) now", "read the atlas now"),
        ("an <https://example.org> link", "an https://example.org link"),
        ("_emphasis_ and snake_case_name kept", "emphasis and snake_case_name kept"),
        ("`code` and ~~gone~~", "code and gone"),
        ("# Heading\n> quoted\n- item\n12. numbered", "Heading\nquoted\nitem\nnumbered"),
        ("a * b and 3 * 4", "a  b and 3  4"),
    ],
)
def test_markdown_becomes_its_words(markdown, words):
    assert plain_text(markdown) == words


def test_unclosed_syntax_is_left_as_text():
    assert plain_text("[not a link") == "[not a link"
    assert plain_text("[a](" * 3) == "[a](" * 3
