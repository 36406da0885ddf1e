"""What the benchmark needs of a repository's items, worked out in a process of its own.

    dothi status --all --format json | python benchmarks/items.py overdue-task
    dothi status --all --format json | python benchmarks/items.py taskwarrior OUT.json

``run.py`` reads each child's peak memory with ``os.wait4``, and on Linux that peak counts the
memory a child had before it ran its program: the benchmark's own, at the fork. Parsing the
100,000 items' JSON in ``run.py`` made it 280 MiB, which every later measurement then showed as
its peak. Here the items live and die in this process.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any


def as_taskwarrior(item: dict[str, Any]) -> dict[str, str]:
    """One dothi item as a Taskwarrior task: due at the end of its day, done and cancelled closed."""
    status = {"cancelled": "deleted"}.get(item["state"], "completed" if item["done_on"] else "pending")
    task = {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"dothi:{item['id']}")),
        "description": item["title"],
        "status": status,
        "entry": "20240101T000000Z",
        "project": item["lead"] or "none",
    }
    if item["due"]:
        task["due"] = item["due"].replace("-", "") + "T235959Z"
    if status != "pending":
        task["end"] = (item["done_on"] or "2024-01-01").replace("-", "") + "T120000Z"
    return task


def main(argv: list[str]) -> int:
    items: list[dict[str, Any]] = json.load(sys.stdin)["items"]
    if argv[1:] == ["overdue-task"]:  # an overdue task to edit: every generated size has one
        print(next(i["id"] for i in items if i["state"] == "overdue" and i["kind"] == "task"))
        return 0
    if len(argv) == 3 and argv[1] == "taskwarrior":
        tasks = [as_taskwarrior(item) for item in items]
        Path(argv[2]).write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
        print(len(items), sum(1 for item in items if item["state"] == "overdue"))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
