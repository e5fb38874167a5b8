"""forum.diffs: an edit as people read it (no unified-diff headers, changed words marked,
unchanged stretches folded), at a cost bounded per line."""

from forum.diffs import CONTEXT, WORD_DIFF_MAX, changes


def shown(lines):
    return [
        (line.kind, line.folded or [(text, changed) for text, changed in line.parts])
        for line in lines
    ]


def test_a_changed_word_is_marked_inside_the_line():
    assert shown(changes("We count people.", "We count households.")) == [
        ("removed", [("We count ", False), ("people.", True)]),
        ("added", [("We count ", False), ("households.", True)]),
    ]


def test_added_and_removed_lines_keep_their_place_in_the_text():
    lines = changes("one\ntwo\nthree", "one\nthree\nfour")
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "one"),
        ("removed", "two"),
        ("same", "three"),
        ("added", "four"),
    ]


def test_long_unchanged_stretches_are_folded_to_a_count():
    old = "\n".join(f"line {i}" for i in range(20))
    new = old.replace("line 10", "line ten")
    lines = changes(old, new)
    assert lines[0].kind == "folded" and lines[0].folded == 10 - CONTEXT
    assert lines[-1].kind == "folded" and lines[-1].folded == 20 - 11 - CONTEXT
    assert [line.text for line in lines if line.kind == "same"] == [
        "line 8",
        "line 9",
        "line 11",
        "line 12",
    ]


def test_a_very_long_changed_line_is_shown_whole_without_a_word_comparison():
    old = " ".join(["word"] * (WORD_DIFF_MAX + 1))
    lines = changes(old, old + " more")
    assert shown(lines) == [("removed", [(old, False)]), ("added", [(old + " more", False)])]
