"""The floor of the benchmark: read and parse every YAML file of a data repository, nothing else.

    python benchmarks/floor.py REPO

No tool that reads the YAML files can be faster than this (libyaml through PyYAML's CSafeLoader,
the parser dothi itself uses), so issue 6 states its targets as multiples of it: dothi's time
above the floor is what its models, checks and reports cost.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def parse_all(root: Path) -> int:
    """Parse every ``*.yaml`` under ``root/data``; return how many files were read."""
    count = 0
    for path in sorted((root / "data").rglob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        count += 1
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python benchmarks/floor.py REPO", file=sys.stderr)
        return 2
    print(f"{parse_all(Path(argv[1]))} files parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
