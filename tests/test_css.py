"""The stylesheets use logical properties only (margin-inline-start, not margin-left), so a
right-to-left page needs no second stylesheet."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STYLESHEETS = sorted((ROOT / "static" / "css").glob("*.css"))
PHYSICAL = re.compile(
    r"(?<![-\w])(?:(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)(?:-[a-z]+)?"
    r"|border-(?:top|bottom)-(?:left|right)-radius|left|right)\s*:"
    r"|(?<![-\w])(?:text-align|float|clear)\s*:\s*(?:left|right)\b",
    re.I,
)


def physical_declarations(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", " ", css, flags=re.S)
    return [match.group(0) for match in PHYSICAL.finditer(css)]


def test_the_check_finds_physical_properties_and_accepts_logical_ones():
    found = physical_declarations(
        ".a { margin-left: 1px; padding-right:0; border-left-color: red; left: 0; right :0;"
        " text-align: right; float: left; border-top-left-radius: 2px }"
    )
    assert len(found) == 8
    assert not physical_declarations(
        "/* margin-left: 0 */ .b { margin-inline-start: 1px; inset-inline-end: 0;"
        " text-align: start; float: inline-start; border-start-start-radius: 2px; --left: 0 }"
    )


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheet_uses_logical_properties_only(path):
    assert physical_declarations(path.read_text()) == []


COLOUR_LITERAL = re.compile(r"#[0-9a-f]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(", re.I)


@pytest.mark.parametrize(
    "path", [path for path in STYLESHEETS if path.name != "site.css"], ids=lambda p: p.name
)
def test_colours_come_from_the_design_tokens(path):
    """Only site.css names colours (once for light, once for dark); a colour written elsewhere
    is the same in both themes, like the forum's old pale diff backgrounds on a dark page."""
    css = re.sub(r"/\*.*?\*/", " ", path.read_text(), flags=re.S)
    assert COLOUR_LITERAL.findall(css) == []
