"""A data repository: every file loaded, validated and checked against the others.

Loading never stops at the first problem: each file is loaded and validated on its own, then the
cross-file checks run over what was read, so one run shows every mistake. Reports only ever see a
:class:`Repository` built from data without errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from dothi.checks import check_repository
from dothi.layout import (
    CALENDAR_FILE,
    LOCALITIES_DIR,
    MEMBERS_FILE,
    REQUIREMENTS_FILE,
    ROOT_ENV,
    SETTINGS_FILE,
    TASKS_DIR,
)
from dothi.loader import LoadedFile, Mark, Store, load_bytes, load_file
from dothi.models import (
    SLUG,
    CalendarFile,
    Directive,
    DirectiveFile,
    Locality,
    LocalityFile,
    Member,
    MembersFile,
    Organization,
    RequirementsFile,
    SettingsFile,
    Task,
)
from dothi.problem import Problem, Severity, Text, sort_problems
from dothi.validation import slugify, validate_file
from dothi.workdays import PLAIN, WorkCalendar

LOCALITY_PREFIXES = ("Thành phố ", "Tỉnh ")
M = TypeVar("M", MembersFile, RequirementsFile, DirectiveFile, LocalityFile, CalendarFile, SettingsFile)


class NoRepository(Exception):
    """No data repository where the user pointed (a usage error, exit 2)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.key)
        self.text = text


def find_root(start: Path, explicit: str | None) -> Path:
    """The data repository's root, found as git finds its root (SPEC §1)."""
    chosen = explicit or os.environ.get(ROOT_ENV) or None
    if chosen:
        root = Path(chosen).expanduser()
        if not (root / MEMBERS_FILE).is_file():
            raise NoRepository(Text.of("usage.root_not_repo", root=chosen))
        return root.resolve()
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / MEMBERS_FILE).is_file():
            return folder
    raise NoRepository(Text.of("usage.no_root", cwd=str(start)))


@dataclass
class Repository:
    """The validated data set; every report is a pure function of this and a date."""

    root: Path
    members: MembersFile
    directives: dict[str, Directive] = field(default_factory=dict)
    localities: dict[str, Locality] = field(default_factory=dict)
    requirements: RequirementsFile = field(default_factory=RequirementsFile)
    calendar: WorkCalendar = PLAIN

    @cached_property
    def organizations(self) -> dict[str, Organization]:
        return {org.id: org for org in self.members.organizations}

    def name_of(self, org_id: str) -> str:
        """A lead or assignee by name, as briefings print it."""
        if org_id in self.localities:
            return self.localities[org_id].data.name
        org = self.organizations.get(org_id)
        return org.name if org else org_id

    def short_name_of(self, org_id: str) -> str:
        """BXD, Hà Nội: what fits a table column (a locality without its "Tỉnh"/"Thành phố")."""
        org = self.organizations.get(org_id)
        if org and org.short:
            return org.short
        name = self.name_of(org_id)
        for prefix in LOCALITY_PREFIXES:
            if name.startswith(prefix) and org_id in self.localities:
                return name.removeprefix(prefix)
        return name

    def tasks(self) -> Iterator[tuple[Directive, Task]]:
        for directive in self.directives.values():
            for task in directive.data.tasks:
                yield directive, task

    def members_on(self, day: date) -> list[Member]:
        return [member for member in self.members.members if member.active_on(day)]

    def expand(self, each: list[str], day: date | None) -> list[str]:
        """Ids of every assignee of an ``each`` list; ``@members`` as of ``day`` (None: ever)."""
        found: dict[str, None] = {}
        for entry in each:
            for org_id in self._selector(entry, day) if entry.startswith("@") else [entry]:
                found.setdefault(org_id)
        return list(found)

    def _selector(self, selector: str, day: date | None) -> list[str]:
        localities = sorted(self.localities.values(), key=lambda loc: loc.data.code)
        if selector == "@localities":
            return [loc.id for loc in localities]
        if selector in ("@cities", "@provinces"):
            kind = "city" if selector == "@cities" else "province"
            return [loc.id for loc in localities if loc.data.kind == kind]
        if selector == "@ministries":
            return [org.id for org in self.members.organizations if org.kind == "ministry"]
        if selector == "@members":
            people = self.members.members if day is None else self.members_on(day)
            return list(dict.fromkeys(member.org for member in people))
        return []


@dataclass
class LoadResult:
    """What loading a repository gives: the data (when it has no errors) and every problem."""

    root: Path
    problems: list[Problem]
    files: dict[str, LoadedFile]
    repository: Repository | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def _yaml_files(root: Path, folder: str, pending: Mapping[str, bytes]) -> list[str]:
    base = root / folder
    names = (
        [p for p in base.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()] if base.is_dir() else []
    )
    new = [relative for relative in pending if relative.startswith(folder + "/")]
    return sorted({*(f"{folder}/{p.name}" for p in names), *new})


def _check_stem(loaded: LoadedFile) -> list[Problem]:
    stem = Path(loaded.path).stem
    if SLUG.match(stem):
        return []
    return [
        loaded.problem(
            Mark(1, 1),
            "invalid-id",
            Text.of("problem.bad-file-name", name=stem),
            Text.of("hint.invalid-id", suggestion=slugify(stem)),
        )
    ]


class _Reader:
    """Reads the files of one repository, gathering every file and every problem on the way."""

    def __init__(
        self,
        root: Path,
        total: int,
        store: Store | None,
        progress: Callable[[int, int], None] | None,
        pending: Mapping[str, bytes],
    ) -> None:
        self.root, self.total, self.store, self.progress = root, total, store, progress
        self.pending = pending
        self.files: dict[str, LoadedFile] = {}
        self.problems: list[Problem] = []

    def read(self, relative: str) -> LoadedFile:
        if relative in self.pending:
            loaded = load_bytes(relative, self.pending[relative])
        else:
            loaded = load_file(self.root, relative, self.store)
        self.files[relative] = loaded
        self.problems.extend(loaded.problems)
        if self.progress is not None:
            self.progress(len(self.files), self.total)
        return loaded

    def optional(self, relative: str, model: type[M]) -> M | None:
        """A file the repository may do without: its model when it is there and valid."""
        if (self.root / relative).is_file() or relative in self.pending:
            return self.validate(relative, model)[0]
        return None

    def validate(self, relative: str, model: type[M]) -> tuple[M | None, M | None]:
        loaded = self.read(relative)
        if relative.startswith((TASKS_DIR, LOCALITIES_DIR)):
            self.problems.extend(_check_stem(loaded))
        valid, partial, found = validate_file(loaded, model)
        self.problems.extend(found)
        return valid, partial


def load_repository(
    root: Path,
    store: Store | None = None,
    progress: Callable[[int, int], None] | None = None,
    pending: Mapping[str, bytes] | None = None,
) -> LoadResult:
    """Load, validate and cross-check every file under ``root/data``.

    ``store`` keeps loaded files between runs; ``progress`` hears (files read, files in all);
    ``pending`` holds files as an edit would leave them (by path), read instead of the disk's.
    """
    pending = pending or {}
    task_files = _yaml_files(root, TASKS_DIR, pending)
    locality_files = _yaml_files(root, LOCALITIES_DIR, pending)
    singles = [
        f for f in (MEMBERS_FILE, REQUIREMENTS_FILE, CALENDAR_FILE, SETTINGS_FILE) if (root / f).is_file()
    ]
    reader = _Reader(root, len(singles) + len(task_files) + len(locality_files), store, progress, pending)
    members = partial_members = None
    if (root / MEMBERS_FILE).is_file() or MEMBERS_FILE in pending:
        members, partial_members = reader.validate(MEMBERS_FILE, MembersFile)
    else:
        reader.problems.append(
            Problem(MEMBERS_FILE, 1, 1, Severity.ERROR, "missing-members", Text.of("problem.missing-members"))
        )
    requirements = reader.optional(REQUIREMENTS_FILE, RequirementsFile) or RequirementsFile()
    calendar = reader.optional(CALENDAR_FILE, CalendarFile)
    settings = reader.optional(SETTINGS_FILE, SettingsFile)
    directives: dict[str, Directive] = {}
    checked: dict[str, Directive] = {}  # with invalid tasks left out, for the cross-file checks
    for relative in task_files:
        model, partial = reader.validate(relative, DirectiveFile)
        stem = Path(relative).stem
        if partial is not None:
            checked[stem] = Directive(stem, relative, partial)
        if model is not None:
            directives[stem] = Directive(stem, relative, model)
    localities: dict[str, Locality] = {}
    for relative in locality_files:
        locality = reader.validate(relative, LocalityFile)[0]
        if locality is not None:
            localities[Path(relative).stem] = Locality(Path(relative).stem, locality)
    problems = sort_problems([*reader.problems, *check_repository(reader.files, partial_members, checked)])
    repository = None
    if members is not None and not any(p.severity is Severity.ERROR for p in problems):
        work = WorkCalendar.of(calendar, settings)
        repository = Repository(root, members, directives, localities, requirements, work)
    return LoadResult(root, problems, reader.files, repository)
