"""An edit's changes as people read them: the lines of the new version in order, the removed
ones struck through beside the added ones, the changed words marked inside a changed line, long
unchanged stretches folded to a count. No ``---``/``+++``/``@@`` headers.

Lines are compared with difflib, as before; words only inside a changed line of at most
``WORD_DIFF_MAX`` words (a longer line is shown whole, removed then added), so the word level
adds a bounded cost per line."""

import difflib
import re
from dataclasses import dataclass, field

CONTEXT = 2  # unchanged lines kept on each side of a change
WORD_DIFF_MAX = 200
WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class Line:
    kind: str  # "same", "added", "removed" or "folded"
    parts: list[tuple[str, bool]] = field(default_factory=list)  # (text, changed)
    folded: int = 0  # for "folded": how many unchanged lines are not shown

    @property
    def text(self) -> str:
        return "".join(text for text, _changed in self.parts)


def _whole(kind: str, text: str) -> Line:
    return Line(kind, [(text, False)])


def _changed_words(old: str, new: str) -> tuple[Line, Line]:
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    if max(len(old_words), len(new_words)) > WORD_DIFF_MAX:
        return _whole("removed", old), _whole("added", new)
    removed, added = Line("removed"), Line("added")
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            removed.parts.append(("".join(old_words[i1:i2]), tag != "equal"))
        if j2 > j1:
            added.parts.append(("".join(new_words[j1:j2]), tag != "equal"))
    return removed, added


def _fold(lines: list[Line]) -> list[Line]:
    """Unchanged runs longer than the context around them become one "folded" line."""
    changed = [i for i, line in enumerate(lines) if line.kind != "same"]
    keep = {j for i in changed for j in range(i - CONTEXT, i + CONTEXT + 1)}
    folded: list[Line] = []
    for i, line in enumerate(lines):
        if line.kind != "same" or i in keep:
            folded.append(line)
        elif folded and folded[-1].kind == "folded":
            folded[-1].folded += 1
        else:
            folded.append(Line("folded", folded=1))
    return folded


def changes(old: str, new: str) -> list[Line]:
    """``new`` compared with ``old``, line by line, in reading order."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    lines: list[Line] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [_whole("same", text) for text in new_lines[j1:j2]]
            continue
        removed, added = old_lines[i1:i2], new_lines[j1:j2]
        paired = min(len(removed), len(added)) if tag == "replace" else 0
        for before, after in zip(removed[:paired], added[:paired], strict=True):
            lines += _changed_words(before, after)
        lines += [_whole("removed", text) for text in removed[paired:]]
        lines += [_whole("added", text) for text in added[paired:]]
    return _fold(lines)
