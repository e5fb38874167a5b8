"""Every template keeps to the Content Security Policy (no inline scripts, styles or handlers)
and marks its text for translation."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(p for p in (ROOT / "templates").rglob("*.html"))
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_script_style_or_handler(path):
    text = path.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script> (CSP forbids it)"
    assert not INLINE_STYLE.search(text), "inline style (CSP forbids it)"
    assert not HANDLER.search(text), "inline event handler (CSP forbids it)"


def untranslated_prose(text: str) -> list[str]:
    text = re.sub(r"{%\s*blocktranslate.*?endblocktranslate\s*%}", " ", text, flags=re.S)
    text = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text, flags=re.S)
    return re.findall(r"[A-Za-z]{2,}(?:[ ,.'\u2019][A-Za-z]+){2,}", text)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_text_is_translatable(path):
    prose = untranslated_prose(path.read_text())
    assert not prose, f"text not marked for translation: {prose[:3]}"
