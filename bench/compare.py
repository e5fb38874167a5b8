"""``make compare``: the benchmarks of an earlier commit and of this checkout, in one run.

Usage: ``python bench/compare.py [--base REV] [--rounds N] [--quick] [area ...]`` (areas as for
``make bench``; default: forum and directory). The earlier commit is exported with ``git archive``
into ``var/compare/<commit>/`` (no git metadata, nothing committed), and its own ``bench/run.py``
runs there in a virtual environment of its own (``var/compare/<commit>/.venv``, installed once
the way that commit installed: from its lock file if it has one, else from its pyproject.toml).
Then this checkout's runs, then the earlier one's again, ``--rounds`` times each: alternating
whole runs lets a busy moment of a shared machine fall on both sides. For each row name both
sides have, the median over rounds of its p50 is printed with the ratio now/base (below 1:
faster now), then the geometric mean of the ratios; all is written to ``var/bench/compare.json``
in the bench row format, one row per side and name.

Both sides honour DATABASE_URL like ``make bench``. On PostgreSQL the earlier commit's databases
get the suffix ``_base`` (``bench_forum_base``) so that two schemas never share a database; on
SQLite each side keeps its files under its own ``var/bench/``. Each side seeds its data with its
own code the first time, so the first round is slow.

The default base, ``c6cec65``, is the commit before the code was restructured (core/, one-way
dependencies).
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPARE_DIR = ROOT / "var" / "compare"
DEFAULT_BASE = "c6cec65"
DEFAULT_AREAS = ["forum", "directory"]

# Run a checkout's own bench/run.py, its benchmark databases renamed with a suffix first (the
# area modules import ``use_bench_database`` from bench.common when run.py imports them, so the
# rename reaches them all).
SHIM = """
import runpy, sys
sys.path.insert(0, ".")
import bench.common as common
suffix = sys.argv.pop(1)
if suffix:
    original = common.use_bench_database
    common.use_bench_database = lambda name: original(name + suffix)
sys.argv[0] = "bench/run.py"
runpy.run_path("bench/run.py", run_name="__main__")
"""


def export(rev: str) -> Path:
    """The tree of ``rev`` under var/compare/<full commit>/ (made once)."""
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    target = COMPARE_DIR / commit[:12]
    if not (target / "bench" / "run.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile() as archive:
            subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, stdout=archive)
            archive.seek(0)
            with tarfile.open(fileobj=archive) as tar:
                tar.extractall(target, filter="data")
    return target


def python_for(tree: Path) -> Path:
    """The interpreter of ``tree``'s own virtual environment (this checkout's is ``.venv``)."""
    python = tree / ".venv" / "bin" / "python"
    if tree != ROOT and not python.exists():
        print(f"Installing {tree.name} into {tree / '.venv'} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", tree / ".venv"], check=True)
        lock = tree / "requirements.txt"
        install = ["--require-hashes", "-r", lock] if lock.exists() else [".[dev]"]
        subprocess.run([python, "-m", "pip", "install", "--quiet", *install], cwd=tree, check=True)
    return python if python.exists() else Path(sys.executable)


def run_side(tree: Path, suffix: str, areas: list[str], quick: bool) -> dict[str, dict]:
    """Run one side's benchmarks; its rows by ``area: name``."""
    args = [python_for(tree), "-c", SHIM, suffix, *areas] + (["--quick"] if quick else [])
    env = {**os.environ, "PYTHONPATH": str(tree), "DJANGO_SETTINGS_MODULE": "config.settings"}
    subprocess.run(args, cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)
    rows = {}
    for area in areas:
        path = tree / "var" / "bench" / f"{area}.json"
        if path.exists():
            for entry in json.loads(path.read_text()):
                rows[f"{area}: {entry['name']}"] = entry
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("areas", nargs="*", default=DEFAULT_AREAS)
    parser.add_argument("--base", default=os.environ.get("BASE") or DEFAULT_BASE)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smaller data and fewer samples")
    args = parser.parse_args()
    base_tree = export(args.base)
    sides = {"base": (base_tree, "_base"), "now": (ROOT, "")}
    samples: dict[str, dict[str, list[dict]]] = {"base": {}, "now": {}}
    for round_number in range(1, args.rounds + 1):
        order = ("base", "now") if round_number % 2 else ("now", "base")
        for side in order:
            print(f"round {round_number}/{args.rounds}: {side} ...", flush=True)
            tree, suffix = sides[side]
            for name, entry in run_side(tree, suffix, args.areas, args.quick).items():
                samples[side].setdefault(name, []).append(entry)

    results = []
    print(f"\n## compare: {args.base} (base) and this checkout (now), {args.rounds} rounds")
    header = f"{'name':<52} {'base p50':>9} {'now p50':>9} {'now/base':>9} {'queries':>9}"
    print(header)
    print("-" * len(header))
    for name in sorted(set(samples["base"]) & set(samples["now"])):
        median = {
            side: statistics.median(e["p50_ms"] for e in samples[side][name]) for side in samples
        }
        queries = {side: samples[side][name][-1].get("queries") for side in samples}
        ratio = median["now"] / median["base"] if median["base"] else float("nan")
        print(
            f"{name[:52]:<52} {median['base']:>9.2f} {median['now']:>9.2f} {ratio:>9.2f} "
            f"{queries['base']!s:>4}>{queries['now']!s:<4}"
        )
        for side in ("base", "now"):
            last = samples[side][name][-1]
            results.append(
                {
                    "name": f"{side}: {name}",
                    "n": sum(e["n"] for e in samples[side][name]),
                    "p50_ms": round(median[side], 2),
                    "p95_ms": statistics.median(e["p95_ms"] for e in samples[side][name]),
                    "p99_ms": statistics.median(e["p99_ms"] for e in samples[side][name]),
                    "queries": last.get("queries"),
                    **({"ratio_to_base": round(ratio, 3)} if side == "now" else {}),
                }
            )
    ratios = [r["ratio_to_base"] for r in results if r.get("ratio_to_base", 0) > 0]
    if ratios:
        overall = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"geometric mean of now/base over {len(ratios)} rows: {overall:.2f}")
    for side, other in (("base", "now"), ("now", "base")):
        for name in sorted(set(samples[side]) - set(samples[other])):
            print(f"only {side}: {name}")
    out = ROOT / "var" / "bench" / "compare.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
