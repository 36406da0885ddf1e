"""The benchmark of issue 6: dothi's wall time and memory on repositories of 1,000 to 100,000 items.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--repeat 5] [--workdir DIR] [--json FILE]

For each size it generates a repository once (benchmarks/generate.py, cached in the work folder by
size, seed and generator version), then times whole processes, as the secretariat and CI run them:
``dothi validate``, ``status --format json``, ``check`` and ``brief``, each "cold" (REPO/.dothi-cache
deleted before every run) and "warm" (one untimed run first). Beside them, on the same files, it
times what the targets of issue 6 are measured against: the floor (benchmarks/floor.py, which only
parses the YAML), check-jsonschema with the schema ``dothi schema`` writes, and Taskwarrior's
``task +OVERDUE list`` on the same items. Times are medians, memory the largest maximum resident set
of the child (``os.wait4``). It prints one table and the targets with PASS or FAIL.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generate import TODAY

HERE = Path(__file__).resolve().parent
GENERATOR_FILES = ("generate.py", "prose.py", "deadlines.py", "yamltext.py")
AS_OF = TODAY.isoformat()  # the generated data's "today": reports stay the same on any day
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate"],
    "status": ["status", "--as-of", AS_OF, "--format", "json"],
    "check": ["check"],
    "brief": ["brief", "--as-of", AS_OF],
}
FLOOR, CJS, TASKWARRIOR = "floor", "check-jsonschema", "taskwarrior"
# Measured warm only: what a person waits for (see people_commands).
TABLE, DOCX, EDIT = "status --state overdue (table)", "brief --to docx", "done --dry-run"
PEOPLE = (TABLE, DOCX, EDIT)
BASELINE = " (baseline)"
BASE, BIG = 10_000, 100_000
MIB = 1024.0
TASKRC = """data.location={data}
confirmation=off
verbose=nothing
hooks=off
color=off
detection=off
defaultwidth=200
gc=on
news.version=99.0.0
"""


@dataclass
class Run:
    """One child process: wall time, its maximum resident set, how it ended."""

    seconds: float
    rss_kib: int
    exit_code: int
    output_tail: str = ""


@dataclass
class Measurement:
    """All timed runs of one tool on one repository, in one mode (cold, warm, or once)."""

    size: int | None
    tool: str
    mode: str
    argv: list[str]
    runs: list[Run] = field(default_factory=list)
    skipped: str | None = None

    @property
    def failed(self) -> Run | None:
        return next((run for run in self.runs if run.exit_code != 0), None)

    @property
    def median(self) -> float | None:
        if not self.runs or self.failed:
            return None
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mib(self) -> float | None:
        return max(run.rss_kib for run in self.runs) / MIB if self.runs else None


@dataclass
class Target:
    """One target of issue 6 and what was measured for it."""

    name: str
    measured: float | None
    limit: float
    unit: str

    @property
    def verdict(self) -> str:
        if self.measured is None:
            return "n/a"
        return "PASS" if self.measured <= self.limit else "FAIL"

    def shown(self, value: float | None) -> str:
        if value is None:
            return "-"
        return {"x": f"{value:#.3g}×", "s": f"{value:.3f} s", "MiB": f"{value:.0f} MiB"}[self.unit]


@dataclass
class Bench:
    """What every measurement shares: the tools found, the options, where the repositories live."""

    workdir: Path
    seed: int
    repeat: int
    timeout: float
    dothi: Path
    cjs: Path | None
    task: Path | None
    env: dict[str, str]
    baseline: Path | None = None
    results: dict[tuple[int | None, str, str], Measurement] = field(default_factory=dict)
    # how to run each reference (the floor, Taskwarrior) on a size's repository: its command
    # line and environment, to time it again beside what is compared with it
    references: dict[tuple[int, str], tuple[list[str], dict[str, str]]] = field(default_factory=dict)

    def log(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)


# --- running children ------------------------------------------------------------------------


def run_once(argv: Sequence[str], env: dict[str, str], timeout: float) -> Run:
    """Run ``argv`` with its output thrown away; time it and read its rusage with ``os.wait4``."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env
        )
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-1500:].decode("utf-8", errors="replace")
    return Run(seconds, usage.ru_maxrss, child.returncode, tail)


def explain(argv: Sequence[str], env: dict[str, str], run: Run) -> None:
    """Run a failed command again, untimed, to keep the end of what it printed on either stream.

    Timed runs send standard output to /dev/null, and ``dothi validate`` reports there.
    """
    again = subprocess.run(argv, capture_output=True, env=env, check=False)
    text = (again.stdout + again.stderr).decode("utf-8", errors="replace")
    run.output_tail = "\n".join(text.strip().splitlines()[-6:])


def measure(
    bench: Bench,
    measurement: Measurement,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
    warmup: bool = False,
) -> Measurement:
    """``--repeat`` timed runs (after one untimed run with ``warmup``); stop at the first failure."""
    measure_in_turn(bench, [(measurement, env or bench.env, before)], warmup)
    return measurement


Side = tuple[Measurement, dict[str, str], Callable[[], None] | None]  # what, its environment, before each run


def measure_in_turn(bench: Bench, sides: Sequence[Side], warmup: bool = False) -> None:
    """Several measurements timed in turn, one run of each per round: on a shared machine the
    load drifts over minutes, and two versions timed one after the other would each meet a
    different machine. A measurement stops at its first failure."""
    for measurement, env, _ in sides:
        bench.results[(measurement.size, measurement.tool, measurement.mode)] = measurement
        if warmup:
            first = run_once(measurement.argv, env, bench.timeout)
            if first.exit_code != 0:
                measurement.runs.append(first)
    for _ in range(bench.repeat):
        for measurement, env, before in sides:
            if measurement.runs and measurement.runs[-1].exit_code != 0:
                continue
            if before is not None:
                before()
            measurement.runs.append(run_once(measurement.argv, env, bench.timeout))
    for measurement, env, _ in sides:
        failed = measurement.failed
        if failed is not None:
            explain(measurement.argv, env, failed)
        _logged(bench, measurement)


def _logged(bench: Bench, measurement: Measurement) -> Measurement:
    size = f"{measurement.size:,}" if measurement.size else "-"
    times = " ".join(f"{run.seconds:.3f}" for run in measurement.runs)
    failed = measurement.failed
    status = f"FAILED (exit {failed.exit_code})" if failed else f"median {measurement.median:.3f} s"
    bench.log(f"[{size}] {measurement.tool} {measurement.mode}: {times} -> {status}")
    return measurement


def skip(bench: Bench, size: int | None, tool: str, why: str) -> None:
    bench.results[(size, tool, "once")] = Measurement(size, tool, "once", [], skipped=why)
    bench.log(f"[{size:,}] {tool}: skipped ({why})" if size else f"{tool}: skipped ({why})")


# --- repositories ----------------------------------------------------------------------------


def fingerprint(seed: int, size: int) -> str:
    """Size, seed and the generator's source: a changed generator makes new repositories."""
    digest = hashlib.sha256(f"{size}:{seed}".encode())
    for name in GENERATOR_FILES:
        digest.update((HERE / name).read_bytes())
    digest.update((HERE.parent / "data" / "members.yaml").read_bytes())
    return digest.hexdigest()[:16]


def ensure_repo(bench: Bench, size: int) -> tuple[Path, str]:
    """The repository of ``size`` items and its key, generated unless the work folder has it."""
    repo = bench.workdir / f"repo-{size}-seed{bench.seed}"
    marker = bench.workdir / f"repo-{size}-seed{bench.seed}.done"
    key = fingerprint(bench.seed, size)
    if marker.exists() and marker.read_text() == key and (repo / "data").is_dir():
        bench.log(f"[{size:,}] using the generated repository {repo}")
        return repo, key
    shutil.rmtree(repo, ignore_errors=True)
    marker.unlink(missing_ok=True)
    argv = [
        sys.executable,
        str(HERE / "generate.py"),
        str(repo),
        "--items",
        str(size),
        "--seed",
        str(bench.seed),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"generate.py failed:\n{done.stderr}")
    bench.log(f"[{size:,}] {done.stdout.strip()} -> {repo}")
    marker.write_text(key)
    return repo, key


def drop_cache(repo: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(repo / ".dothi-cache", ignore_errors=True)


# --- the tools beside dothi ------------------------------------------------------------------


def schema_file(bench: Bench) -> Path:
    """The task-file schema that ``dothi schema --out`` writes (directive.json)."""
    folder = bench.workdir / "schemas"
    shutil.rmtree(folder, ignore_errors=True)
    argv = [str(bench.dothi), "--root", str(HERE.parent), "schema", "--out", str(folder)]
    subprocess.run(argv, capture_output=True, check=True, env=bench.env)
    names = sorted(path.name for path in folder.glob("*.json"))
    bench.log(f"dothi schema wrote {', '.join(names)} into {folder}")
    candidates = [folder / "directive.json", *sorted(folder.glob("*task*.json"))]
    found = next((path for path in candidates if path.exists()), None)
    if found is None:
        raise SystemExit(f"no task-file schema among {names}")
    return found


def bench_references(bench: Bench, size: int, repo: Path, key: str, schema: Path | None) -> None:
    floor = [sys.executable, str(HERE / "floor.py"), str(repo)]
    measure(bench, Measurement(size, FLOOR, "once", floor), warmup=True)
    bench.references[(size, FLOOR)] = (floor, bench.env)
    if bench.cjs is None or schema is None:
        skip(bench, size, CJS, "not installed; pip install check-jsonschema")
    else:
        tasks = sorted(str(path) for path in (repo / "data" / "tasks").glob("*.yaml"))
        argv = [str(bench.cjs), "--schemafile", str(schema), *tasks]
        measure(bench, Measurement(size, CJS, "once", argv), warmup=True)
    if bench.task is None:
        skip(bench, size, TASKWARRIOR, "no `task` binary on PATH; apt-get install taskwarrior")
    else:
        env = taskwarrior_home(bench, size, repo, key)
        argv = [str(bench.task), "+OVERDUE", "list"]
        measure(bench, Measurement(size, TASKWARRIOR, "once", argv), env=env, warmup=True)
        bench.references[(size, TASKWARRIOR)] = (argv, env)


def taskwarrior_home(bench: Bench, size: int, repo: Path, key: str) -> dict[str, str]:
    """A throwaway TASKDATA holding the items ``dothi status --all`` lists, imported once per repo."""
    home = bench.workdir / f"taskwarrior-{size}-seed{bench.seed}"
    env = {**bench.env, "TASKRC": str(home / "taskrc"), "TASKDATA": str(home / "data")}
    marker = home / "imported"
    if marker.exists() and marker.read_text() == key:
        return env
    shutil.rmtree(home, ignore_errors=True)
    (home / "data").mkdir(parents=True)
    (home / "taskrc").write_text(TASKRC.format(data=home / "data"))
    tasks, overdue = items_of(bench, repo, "taskwarrior", str(home / "import.json")).split()
    task = str(bench.task)
    subprocess.run([task, "import", str(home / "import.json")], env=env, capture_output=True, check=True)
    count = subprocess.run([task, "+OVERDUE", "count"], env=env, capture_output=True, text=True, check=True)
    bench.log(
        f"[{size:,}] taskwarrior: {tasks} tasks imported, {count.stdout.strip()} overdue (dothi: {overdue})"
    )
    marker.write_text(key)
    return env


def items_of(bench: Bench, repo: Path, *asked: str) -> str:
    """What ``benchmarks/items.py`` answers of the items ``dothi status --all`` lists: worked out
    in a child, so that this process never holds them (see items.py: a child's peak memory
    would count this process's)."""
    argv = [str(bench.dothi), "--root", str(repo), "status", "--all", "--as-of", AS_OF, "--format", "json"]
    listing = subprocess.Popen(argv, stdout=subprocess.PIPE, env=bench.env)
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / "items.py"), *asked],
            stdin=listing.stdout,
            capture_output=True,
            check=True,
        )
    finally:
        if listing.stdout is not None:
            listing.stdout.close()
        listing.wait()
    if listing.returncode != 0:
        raise subprocess.CalledProcessError(listing.returncode, argv)
    return done.stdout.decode("utf-8").strip()


# --- dothi -------------------------------------------------------------------------------------


def bench_dothi(bench: Bench, size: int, repo: Path) -> None:
    """Every command cold and warm, and what people run warm; with ``--baseline``, both versions
    in turn, each on its own copy of the repository (a run of one would invalidate the other's
    cache, which is keyed by the code)."""
    people = people_commands(bench, size, repo)
    sides = [(tag, head, env, own_copy(repo, tag)) for tag, head, env in variants(bench)]
    for name, words in COMMANDS.items():
        for mode in ("cold", "warm"):
            measure_in_turn(
                bench,
                [
                    (
                        Measurement(size, name + tag, mode, [*head, "--root", str(root), *words]),
                        env,
                        drop_cache(root) if mode == "cold" else None,
                    )
                    for tag, head, env, root in sides
                ]
                + beside(bench, size, name, mode),
                warmup=mode == "warm",
            )
    for name, words in people.items():
        measure_in_turn(
            bench,
            [
                (Measurement(size, name + tag, "warm", [*head, "--root", str(root), *words]), env, None)
                for tag, head, env, root in sides
            ]
            + beside(bench, size, name, "warm"),
            warmup=True,
        )


# What a target compares each command with (``targets``): timed again in the same rounds as the
# command, so that the ratio meets one machine. The load of a shared machine drifts over
# minutes, and moved the table's ratio to Taskwarrior by a tenth from one run to the next when
# the two were timed minutes apart.
COMPARED = {
    ("validate", "cold"): FLOOR,
    ("status", "cold"): FLOOR,
    ("status", "warm"): TASKWARRIOR,
    (TABLE, "warm"): TASKWARRIOR,
}


def beside_mode(name: str, mode: str) -> str:
    """The mode under which a reference timed beside ``name`` in ``mode`` is kept."""
    return f"beside {name} {mode}"


def beside(bench: Bench, size: int, name: str, mode: str) -> list[Side]:
    """The reference a target compares ``name`` in ``mode`` with, to be timed in turn with it."""
    tool = COMPARED.get((name, mode))
    found = bench.references.get((size, tool)) if tool else None
    if tool is None or found is None:
        return []
    argv, env = found
    return [(Measurement(size, tool, beside_mode(name, mode), argv), env, None)]


def compared(bench: Bench, size: int, name: str, mode: str) -> float | None:
    """The reference ``name`` in ``mode`` is held to, as timed beside it (else as timed alone)."""
    tool = COMPARED[(name, mode)]
    return seconds(bench, size, tool, beside_mode(name, mode)) or seconds(bench, size, tool)


def own_copy(repo: Path, tag: str) -> Path:
    """The repository for one version of dothi: the generated one for this dothi, a fresh copy
    (without its cache) for the baseline."""
    if not tag:
        return repo
    copy = repo.with_name(repo.name + "-baseline")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".dothi-cache"))
    return copy


def variants(bench: Bench) -> list[tuple[str, list[str], dict[str, str]]]:
    """This dothi, and with --baseline the one whose ``src`` folder is given, run as
    ``python -m dothi`` from it: before and after a change, timed in the same run."""
    found = [("", [str(bench.dothi)], bench.env)]
    if bench.baseline is not None:
        env = {**bench.env, "PYTHONPATH": str(bench.baseline)}
        found.append((BASELINE, [sys.executable, "-m", "dothi"], env))
    return found


def people_commands(bench: Bench, size: int, repo: Path) -> dict[str, list[str]]:
    """What a person runs, measured warm (issue 19): the table of every overdue item (what
    Taskwarrior's ``+OVERDUE list`` lists), the Word briefing, and an edit (``--dry-run``, so the
    repository stays as generated) of an overdue task, which every generated size has."""
    overdue = items_of(bench, repo, "overdue-task")
    return {
        TABLE: ["status", "--as-of", AS_OF, "--state", "overdue", "--no-limit"],
        DOCX: ["brief", "--as-of", AS_OF, "--to", "docx", "--out", str(bench.workdir / f"brief-{size}.docx")],
        EDIT: ["done", overdue, "--dry-run"],
    }


def bench_startup(bench: Bench) -> None:
    for flag in ("--version", "--help"):
        measure(bench, Measurement(None, flag, "once", [str(bench.dothi), flag]), warmup=True)


# --- the report --------------------------------------------------------------------------------


def seconds(bench: Bench, size: int | None, tool: str, mode: str = "once") -> float | None:
    found = bench.results.get((size, tool, mode))
    return found.median if found else None


def ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


def cell(bench: Bench, size: int | None, tool: str, mode: str) -> str:
    found = bench.results.get((size, tool, mode))
    if found is None or found.skipped:
        return "skipped" if found else "-"
    failed = found.failed
    return f"FAILED({failed.exit_code})" if failed else f"{found.median:.3f}"


def times(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}×"


def dothi_row(bench: Bench, size: int, name: str) -> list[str]:
    cold, warm = seconds(bench, size, name, "cold"), seconds(bench, size, name, "warm")
    floor, cjs = seconds(bench, size, FLOOR), seconds(bench, size, CJS)
    peaks = [m.peak_mib for m in (bench.results.get((size, name, k)) for k in ("cold", "warm")) if m]
    peak = max((p for p in peaks if p is not None), default=None)
    return [
        f"{size:,}",
        f"dothi {name}",
        cell(bench, size, name, "cold"),
        cell(bench, size, name, "warm"),
        "-" if peak is None else f"{peak:.0f}",
        times(ratio(cold, floor)),
        times(ratio(warm, floor)),
        times(ratio(cold, cjs)),
    ]


def reference_row(bench: Bench, size: int | None, tool: str, label: str, mode: str = "once") -> list[str]:
    found = bench.results.get((size, tool, mode))
    peak = found.peak_mib if found else None
    where = "-" if size is None else f"{size:,}"
    return [
        where,
        label,
        cell(bench, size, tool, mode),
        "-",
        "-" if peak is None else f"{peak:.0f}",
        "",
        "",
        "",
    ]


def table(rows: list[list[str]], left: int = 1) -> str:
    """Plain text: the label column ``left`` aligned left, the figures right, a rule under the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [text.ljust(widths[i]) if i == left else text.rjust(widths[i]) for i, text in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def figures(bench: Bench, sizes: Sequence[int]) -> str:
    header = ["items", "command", "cold s", "warm s", "peak MiB", "cold÷floor", "warm÷floor", "cold÷cjs"]
    rows = [header]
    for size in sizes:
        rows += [dothi_row(bench, size, name) for name in (*COMMANDS, *PEOPLE)]
        if bench.baseline is not None:
            rows += [dothi_row(bench, size, name + BASELINE) for name in (*COMMANDS, *PEOPLE)]
        rows.append(reference_row(bench, size, FLOOR, "floor (PyYAML CSafeLoader)"))
        rows.append(reference_row(bench, size, CJS, "check-jsonschema (task files)"))
        rows.append(reference_row(bench, size, TASKWARRIOR, "task +OVERDUE list"))
        for (name, mode), tool in COMPARED.items():  # as timed in turn with what a target holds to it
            if (size, tool, beside_mode(name, mode)) in bench.results:
                label = f"{tool} (beside {name} {mode})"
                rows.append(reference_row(bench, size, tool, label, beside_mode(name, mode)))
    rows.append(reference_row(bench, None, "--version", "dothi --version"))
    rows.append(reference_row(bench, None, "--help", "dothi --help"))
    return table(rows)


def speedups(bench: Bench, sizes: Sequence[int]) -> str:
    """With --baseline: each command's time before the change divided by its time after."""
    rows = [["items", "command", "mode", "baseline s", "this s", "baseline÷this"]]
    for size in sizes:
        for name in (*COMMANDS, *PEOPLE):
            for mode in ("cold", "warm"):
                before, after = seconds(bench, size, name + BASELINE, mode), seconds(bench, size, name, mode)
                if before is None or after is None:
                    continue
                shown = [f"{before:.3f}", f"{after:.3f}", times(ratio(before, after))]
                rows.append([f"{size:,}", name, mode, *shown])
    return table(rows)


def targets(bench: Bench, sizes: Sequence[int]) -> list[Target]:
    found = []
    cjs = seconds(bench, BASE, CJS)
    for name in ("validate", "status"):
        cold = seconds(bench, BASE, name, "cold")
        found.append(
            Target(f"{BASE:,} items: {name} cold ≤ 0.15× check-jsonschema", ratio(cold, cjs), 0.15, "x")
        )
    for size in (size for size in sizes if size in (BASE, BIG)):  # issue 19's two sizes
        for name in ("validate", "status"):
            cold, floor = seconds(bench, size, name, "cold"), compared(bench, size, name, "cold")
            found.append(Target(f"{size:,} items: {name} cold ≤ 1.5× floor", ratio(cold, floor), 1.5, "x"))
        warm, tw = seconds(bench, size, "status", "warm"), compared(bench, size, "status", "warm")
        found.append(Target(f"{size:,} items: status warm ≤ Taskwarrior", ratio(warm, tw), 1.0, "x"))
        table, table_tw = seconds(bench, size, TABLE, "warm"), compared(bench, size, TABLE, "warm")
        found.append(
            Target(f"{size:,} items: overdue table warm ≤ Taskwarrior", ratio(table, table_tw), 1.0, "x")
        )
        found.append(
            Target(f"{size:,} items: an edit warm ≤ 0.3 s", seconds(bench, size, EDIT, "warm"), 0.3, "s")
        )
    found.append(Target(f"{BASE:,} items: Word briefing ≤ 5 s", seconds(bench, BASE, DOCX, "warm"), 5.0, "s"))
    found += per_size_targets(bench, sizes)
    timed = [(name, mode) for name in COMMANDS for mode in ("cold", "warm")] + [
        (name, "warm") for name in PEOPLE
    ]
    for name, mode in timed:
        growth = ratio(seconds(bench, BIG, name, mode), seconds(bench, BASE, name, mode))
        found.append(Target(f"{name} {mode}: {BIG:,} items ≤ 11× {BASE:,} items", growth, 11.0, "x"))
    found.append(Target("dothi --version ≤ 0.15 s", seconds(bench, None, "--version"), 0.15, "s"))
    found.append(Target("dothi --help ≤ 0.3 s", seconds(bench, None, "--help"), 0.3, "s"))
    return found


def per_size_targets(bench: Bench, sizes: Sequence[int]) -> list[Target]:
    found = []
    for size in sizes:
        floor = seconds(bench, size, FLOOR)
        for name in COMMANDS:
            warm = seconds(bench, size, name, "warm")
            found.append(Target(f"{size:,} items: {name} warm ≤ 0.3× floor", ratio(warm, floor), 0.3, "x"))
        for name in (*COMMANDS, *PEOPLE):
            runs = [bench.results.get((size, name, mode)) for mode in ("cold", "warm")]
            peaks = [m.peak_mib for m in runs if m and m.peak_mib is not None]
            found.append(
                Target(f"{size:,} items: {name} peak ≤ 1 GiB", max(peaks, default=None), 1024.0, "MiB")
            )
    return found


def target_table(found: Iterable[Target]) -> str:
    rows = [["target", "measured", "limit", "result"]]
    rows += [[t.name, t.shown(t.measured), t.shown(t.limit), t.verdict] for t in found]
    return table(rows, left=0)


def failures(bench: Bench) -> list[str]:
    """Each failed or skipped measurement; the end of a failure's output once, not once per mode."""
    lines, shown = [], set()
    for m in bench.results.values():
        where = f"at {m.size:,} items" if m.size else ""
        failed = m.failed
        if failed:
            lines.append(f"{m.tool} {m.mode} {where}: exit {failed.exit_code}")
            if failed.output_tail not in shown:
                lines += [f"    {line}" for line in failed.output_tail.splitlines()]
                shown.add(failed.output_tail)
        elif m.skipped:
            lines.append(f"{m.tool} {where}: skipped, {m.skipped}")
    return lines


# --- main -----------------------------------------------------------------------------------------


def executable(name: str) -> Path | None:
    """A tool from this interpreter's environment first, then from PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return beside
    found = shutil.which(name)
    return Path(found) if found else None


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="items per repository, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "dothi-bench")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds before a run is killed")
    parser.add_argument("--json", type=Path, help="write the raw figures to this file")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="the src/ folder of another revision (git worktree add, git archive): timed beside this one",
    )
    return parser.parse_args(argv)


def make_bench(args: argparse.Namespace) -> Bench:
    dothi = executable("dothi")
    if dothi is None:
        raise SystemExit("dothi is not installed in this environment (pip install -e .)")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DOTHI_")}
    env["NO_COLOR"] = "1"
    args.workdir.mkdir(parents=True, exist_ok=True)
    return Bench(
        args.workdir,
        args.seed,
        args.repeat,
        args.timeout,
        dothi,
        executable("check-jsonschema"),
        executable("task"),
        env,
        args.baseline.resolve() if args.baseline else None,
    )


def compile_sources(bench: Bench) -> None:
    """Byte-compile the dothi that is timed, as ``pip install`` does for the people who run it:
    an editable install runs ``src/`` as it is, and with ``PYTHONDONTWRITEBYTECODE`` set (as on
    CI machines) every run would compile each module again, which is not what a user waits for."""
    for folder in [HERE.parent / "src", *([bench.baseline] if bench.baseline else [])]:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True)


def source_digest() -> str:
    """What dothi's source was: the editable install runs src/ as it is at each moment."""
    digest = hashlib.sha256()
    for path in sorted((HERE.parent / "src").rglob("*.py")):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def revision() -> str:
    """The commit measured, and whether src/ had changes not yet committed (an editable install runs them)."""

    def git(*words: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(HERE.parent), *words], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    return commit + (" + uncommitted changes in src/" if git("status", "--porcelain", "src") else "")


def report(bench: Bench, sizes: Sequence[int], started: float, path: Path | None) -> None:
    found = targets(bench, sizes)
    print(
        f"dothi benchmark (issues 6 and 19): as of {AS_OF}, seed {bench.seed}, "
        f"median of {bench.repeat} run(s)"
    )
    print(f"dothi at {revision()} ({bench.dothi})")
    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.platform()}"
    )
    print()
    print(figures(bench, sizes))
    if bench.baseline is not None:
        print(f"\nAgainst the baseline in {bench.baseline}:\n")
        print(speedups(bench, sizes))
    print()
    print(target_table(found))
    problems = failures(bench)
    if problems:
        print()
        print("\n".join(["Failed or skipped:", *problems]))
    print(f"\n{time.perf_counter() - started:.0f} s in all; repositories in {bench.workdir}")
    if path is not None:
        path.write_text(json.dumps(raw(bench, found), ensure_ascii=False, indent=2) + "\n")


def raw(bench: Bench, found: list[Target]) -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "seed": bench.seed,
        "repeat": bench.repeat,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "revision": revision(),
        "measurements": [
            {**asdict(m), "argv": short(m.argv), "median_s": m.median, "peak_mib": m.peak_mib}
            for m in bench.results.values()
        ],
        "targets": [{**asdict(t), "verdict": t.verdict} for t in found],
    }


def short(argv: list[str]) -> list[str]:
    """check-jsonschema's command line names every task file: keep the head and a count."""
    return argv if len(argv) <= 8 else [*argv[:4], f"... and {len(argv) - 4} more"]


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    bench, started = make_bench(args), time.perf_counter()
    if bench.cjs is None:
        bench.log("check-jsonschema is not installed (pip install check-jsonschema): it is skipped")
    if bench.task is None:
        bench.log("Taskwarrior (`task`) is not on PATH: it is skipped")
    schema = schema_file(bench) if bench.cjs else None
    compile_sources(bench)
    bench_startup(bench)
    source = source_digest()
    for size in sizes:
        repo, key = ensure_repo(bench, size)
        bench_references(bench, size, repo, key, schema)
        bench_dothi(bench, size, repo)
    report(bench, sizes, started, args.json)
    if source_digest() != source:
        print("\nWARNING: src/ changed during the run, so these figures mix versions of dothi: run again.")
    return 1 if any(m.failed for m in bench.results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
