"""requirements.txt (made by `make lock`) must match pyproject.toml: a dependency added to
pyproject.toml without `make lock` fails here, not on a fresh machine."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def pins() -> dict[str, list[tuple[str, str]]]:
    """name -> [(version, marker)], one entry per pinned line (a package may be pinned per
    platform), with every pinned line carrying at least one hash."""
    text = (ROOT / "requirements.txt").read_text()
    found: dict[str, list[tuple[str, str]]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        first = block.split("\n", 1)[0]
        if first.startswith("#") or not first.strip():
            continue
        match = re.match(r"([A-Za-z0-9._-]+)==([^ ;\\]+)\s*(?:;\s*([^\\]+))?", first)
        assert match, f"not an exact pin: {first!r}"
        assert "--hash=sha256:" in block, f"{first!r} has no hash"
        name, version, marker = match.groups()
        found.setdefault(canonicalize_name(name), []).append((version, (marker or "").strip()))
    return found


def test_every_dependency_of_pyproject_is_pinned_within_its_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for group in project["optional-dependencies"].values():
        wanted += group
    locked = pins()
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.txt: run `make lock`"
        for version, _marker in locked[name]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements.txt pins {requirement.name}=={version}, outside {line!r}: "
                "run `make lock`"
            )


def test_the_lock_pins_only_exact_versions_with_hashes():
    locked = pins()
    assert canonicalize_name("django") in locked
    assert len(locked) > 40
