"""``make bench``: run each area's benchmark, print a table, write ``var/bench/<area>.json``.

Usage: ``python bench/run.py [area ...]`` (areas: directory, forum, notifications, portal,
public, peers, insight, server).
Honours DATABASE_URL and REDIS_URL like the application; the targets in the issues are for
PostgreSQL and Redis.
"""

import argparse
import importlib
import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import print_table, setup_django, write_json

AREAS = ["directory", "forum", "notifications", "portal", "public", "peers", "insight", "server"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("areas", nargs="*", default=AREAS)
    parser.add_argument("--quick", action="store_true", help="smaller data and fewer samples")
    args = parser.parse_args()
    setup_django()
    for area in args.areas:
        if importlib.util.find_spec(f"bench.{area}") is None:
            print(f"\n## {area}\n(no benchmark for this area yet)")
            continue
        rows = importlib.import_module(f"bench.{area}").run(args)
        print_table(area, rows)
        print(f"written: {write_json(area, rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
