"""The shape of the code (docs/architecture.md): apps depend one way, checked by the import-linter
contracts in pyproject.toml; every app is under those contracts; migrations are frozen (they
import no application code) and agree with the models."""

import ast
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
ROOT_PACKAGES = CONFIG["root_packages"]
LAYERS = next(c for c in CONFIG["contracts"] if c["type"] == "layers")["layers"]


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter on the packages under ``root``, with no cache left behind."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is a dev dependency: pip install '.[dev]'"
    return subprocess.run(
        [command, "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_apps_depend_one_way():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("accounts/_probe.py", "import forum\n"),
        ("core/_probe.py", "from accounts.models import User\n"),
        ("notifications/_probe.py", "def later():\n    from directory import models\n"),
    ],
)
def test_the_check_fails_when_a_forbidden_import_is_added(module, line):
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        for package in ROOT_PACKAGES:
            shutil.copytree(
                ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
            )
        shutil.copy(ROOT / "pyproject.toml", copy)
        assert lint_imports(copy).returncode == 0
        (copy / module).write_text(line)
        result = lint_imports(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    probe = module.removesuffix(".py").replace("/", ".")
    assert f"- {probe} -> " in result.stdout
    assert "1 broken" in result.stdout


def test_every_app_is_under_the_contract():
    tops = {name.split(".")[0] for name in settings.INSTALLED_APPS}
    local_apps = {name for name in tops if (ROOT / name).is_dir()}
    assert local_apps | {"config", "core"} == set(ROOT_PACKAGES)
    # Independent siblings share a layer: "portal | conversations".
    layered = {part.strip().strip("()") for layer in LAYERS for part in layer.split("|")}
    assert set(ROOT_PACKAGES) <= layered


def migration_files():
    return sorted(p for package in ROOT_PACKAGES for p in (ROOT / package).glob("migrations/*.py"))


@pytest.mark.parametrize("path", migration_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_migrations_import_only_django_and_the_standard_library(path):
    """A migration must run the same in a year: it carries what it needs, whatever the app's
    code becomes."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"relative import in {path}"
            imported.add(node.module)
    allowed = sys.stdlib_module_names | {"django"}
    assert {name for name in imported if name.split(".")[0] not in allowed} == set()


@pytest.mark.django_db
def test_the_migrations_agree_with_the_models():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"makemigrations would write a migration:\n{out.getvalue()}")


@pytest.mark.parametrize("document", ["README.md", "docs/architecture.md"])
def test_the_documents_refer_only_to_the_repository(document):
    text = (ROOT / document).read_text()
    assert "../" not in text
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        if not target.startswith(("http://", "https://")):
            assert (ROOT / Path(document).parent / target).exists(), target


# A file named in backticks, as `forum/live.py`: not an address (`/api/...`) or build output.
NAMED_FILE = re.compile(r"`((?!/|var/)[\w.-]+/[\w./-]+\.(?:py|html|md|js|css|txt|toml|yml|json))`")


@pytest.mark.parametrize("document", ["README.md", "docs/architecture.md"])
def test_the_files_the_documents_name_exist(document):
    """A renamed or removed module must not leave the design of record pointing at nothing."""
    named = set(NAMED_FILE.findall((ROOT / document).read_text()))
    missing = sorted(name for name in named if not (ROOT / name).exists())
    assert missing == [], f"{document} names files that do not exist: {missing}"


def test_the_readme_links_to_the_architecture():
    assert "](docs/architecture.md)" in (ROOT / "README.md").read_text()


def test_the_architecture_names_every_app_and_core_module():
    text = (ROOT / "docs/architecture.md").read_text()
    assert all(f"{package}/" in text for package in ROOT_PACKAGES)
    assert all(f"core/{module.name}" in text for module in (ROOT / "core").glob("[!_]*.py"))


MODULE_LINES = 400
# Data, not logic: word lists, demo content and the settings read top to bottom.
DATA_MODULES = {
    "config/settings.py",
    "directory/country_and_language_names.py",
    "portal/demo.py",
}


def test_no_app_module_is_too_long_to_read():
    """A module over ~400 lines holds more than one topic: split it by topic, as forum/views/,
    directory/models/ and portal/views/ are."""
    too_long = {
        str(path.relative_to(ROOT)): lines
        for package in ROOT_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        and str(path.relative_to(ROOT)) not in DATA_MODULES
        and (lines := len(path.read_text().splitlines())) > MODULE_LINES
    }
    assert too_long == {}, f"split these by topic (at most {MODULE_LINES} lines): {too_long}"


def test_imports_are_at_the_top_of_modules():
    """An import inside a function hides a dependency (and often a cycle) from the reader and the
    checker; the only ones allowed are the receivers loaded in ``AppConfig.ready()``."""
    inside = []
    for package in ROOT_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not (
                    path.name == "apps.py" and node.name == "ready"
                ):
                    inside += [
                        f"{path.relative_to(ROOT)}:{sub.lineno}"
                        for sub in ast.walk(node)
                        if isinstance(sub, ast.Import | ast.ImportFrom)
                    ]
    assert inside == [], f"move these imports to the top of their modules: {sorted(set(inside))}"
