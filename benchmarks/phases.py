"""Where the time of one ``dothi status --format json`` goes, phase by phase, in one process.

    python benchmarks/phases.py REPO [--as-of 2026-11-30]

Times (best of three) the imports, then reading and parsing every file (libyaml composing the
node tree, and the loader's walk over it), Pydantic validation, the cross-file checks, the states
engine and the JSON rendering, with the garbage collector paused as the CLI pauses it. The sum is
close to the command's wall time less the interpreter's own start (about 20 ms).
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

_START = time.perf_counter()
import yaml  # noqa: E402

from dothi.cli.app import app  # noqa: E402,F401  (what every command imports)
from dothi.data.models import DirectiveFile, LocalityFile, MembersFile, RequirementsFile  # noqa: E402
from dothi.data.repository import load_repository  # noqa: E402
from dothi.render.status import as_json  # noqa: E402
from dothi.reports.status import status_report  # noqa: E402

IMPORTS = time.perf_counter() - _START
MODELS: dict[str, Any] = {
    "data/tasks/": DirectiveFile,
    "data/localities/": LocalityFile,
    "data/members.yaml": MembersFile,
    "data/requirements.yaml": RequirementsFile,
}


def best(action: Callable[[], object], times: int = 3) -> tuple[float, Any]:
    found, result = float("inf"), None
    for _ in range(times):
        started = time.perf_counter()
        result = action()
        found = min(found, time.perf_counter() - started)
    return found, result


def _model(relative: str) -> Any:
    return next(model for prefix, model in MODELS.items() if relative.startswith(prefix))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("repo", type=Path)
    parser.add_argument("--as-of", default="2026-11-30")
    args = parser.parse_args()
    gc.disable()
    paths = sorted(args.repo.glob("data/**/*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    loader = yaml.CSafeLoader
    compose, _ = best(lambda: [yaml.compose(text, Loader=loader) for text in texts])
    load, result = best(lambda: load_repository(args.repo))
    repo = result.repository
    data = [(relative, loaded.data) for relative, loaded in result.files.items()]
    validate, _ = best(lambda: [_model(relative).model_validate(value) for relative, value in data])
    report_time, report = best(lambda: status_report(repo, date.fromisoformat(args.as_of)))
    render, _ = best(lambda: as_json(report))
    rows = [
        ("imports (typer, pydantic + models, yaml, reports)", IMPORTS),
        ("load_repository, all of it", load),
        ("  of which: libyaml composing the node trees", compose),
        ("  of which: Pydantic validation", validate),
        ("  of which: the loader's walk, checks, the rest", load - compose - validate),
        ("states engine and counts (status_report)", report_time),
        ("JSON rendering", render),
    ]
    for label, seconds in rows:
        print(f"{label:52s} {seconds:6.3f} s")
    print(f"{'total (imports + load + report + render)':52s} {IMPORTS + load + report_time + render:6.3f} s")


if __name__ == "__main__":
    main()
