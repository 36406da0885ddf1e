"""A data repository: every file loaded, validated and checked against the others.

Loading never stops at the first problem: each file is loaded and validated on its own, then the
cross-file checks run over what was read, so one run shows every mistake. Reports only ever see a
:class:`Repository` built from data without errors.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from dothi.calendar.workdays import PLAIN, WorkCalendar
from dothi.data.checks import check_repository
from dothi.data.loader import LoadedFile, Mark, Store, load_bytes, load_file
from dothi.data.models import (
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
    is_slug,
)
from dothi.data.selectors import Directory, Ending, carrier, expand
from dothi.data.validation import slugify, validate_file
from dothi.layout import (
    CALENDAR_FILE,
    LOCALITIES_DIR,
    MEMBERS_FILE,
    REQUIREMENTS_FILE,
    ROOT_ENV,
    SETTINGS_FILE,
    TASKS_DIR,
)
from dothi.problem import Problem, Severity, Text, sort_problems

LOCALITY_PREFIXES = ("Thành phố ", "Tỉnh ")
M = TypeVar("M", MembersFile, RequirementsFile, DirectiveFile, LocalityFile, CalendarFile, SettingsFile)


def short_locality_name(name: str) -> str:
    """Hà Nội for “Thành phố Hà Nội”, Cao Bằng for “Tỉnh Cao Bằng”: a locality where a column is narrow."""
    for prefix in LOCALITY_PREFIXES:
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


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
    settings: SettingsFile = field(default_factory=SettingsFile)

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
        return short_locality_name(name) if org_id in self.localities else name

    def tasks(self) -> Iterator[tuple[Directive, Task]]:
        for directive in self.directives.values():
            for task in directive.data.tasks:
                yield directive, task

    def members_on(self, day: date) -> list[Member]:
        return [member for member in self.members.members if member.active_on(day)]

    @cached_property
    def endings(self) -> dict[str, Ending]:
        """The bodies that ended (organizations and localities with ``until``), by id."""
        found = {
            org.id: Ending(org.until, tuple(org.successor))
            for org in self.members.organizations
            if org.until is not None
        }
        for loc in self.localities.values():
            if loc.data.until is not None:
                found[loc.id] = Ending(loc.data.until, tuple(loc.data.successor))
        return found

    def carrier(self, body: str, day: date) -> str:
        """Who carries ``body``'s open work on ``day``: itself while it exists, then its successor
        (the first one named, when it was split), followed through later endings."""
        return carrier(self.endings, body, day)

    def expand(self, each: list[str], day: date | None) -> list[str]:
        """Ids of every assignee of an ``each`` list; ``@members`` as of ``day`` (None: ever)."""
        return expand(each, self._directory, day)

    @cached_property
    def _directory(self) -> Directory:
        """What selectors choose from; localities by administrative code, as lists show them."""
        localities = sorted(self.localities.values(), key=lambda loc: loc.data.code)
        return Directory(
            {loc.id: loc.data.kind for loc in localities},
            {org.id: org.kind for org in self.members.organizations},
            self.members.members,
            {ident: ending.until for ident, ending in self.endings.items()},
            self.beginnings,
        )

    @cached_property
    def beginnings(self) -> dict[str, date]:
        """The bodies formed later than the others (organizations and localities with ``since``)."""
        found = {org.id: org.since for org in self.members.organizations if org.since is not None}
        for loc in self.localities.values():
            if loc.data.since is not None:
                found[loc.id] = loc.data.since
        return found


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


DATA_DIR = "data"
SINGLE_FILES = (MEMBERS_FILE, REQUIREMENTS_FILE, CALENDAR_FILE, SETTINGS_FILE)
FOLDERS = (TASKS_DIR, LOCALITIES_DIR)
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Listing:
    """What ``data/`` holds: the files to read, and a problem for everything else that looks like
    data but will not be read. A file dothi skips is never skipped silently (README.md and other
    files that are not YAML are no data and are left alone)."""

    files: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def skip(self, relative: str, message: Text, hint: Text | None = None, code: str = "unread-file") -> None:
        self.problems.append(Problem(relative, 1, 1, Severity.ERROR, code, message, hint))

    def unreadable(self, relative: str, error: OSError, folder: bool = False) -> None:
        path = error.filename if isinstance(error.filename, str) else relative
        link = os.path.islink(path)
        hint = Text.of("hint.unreadable.link") if link else None
        if isinstance(error, FileNotFoundError) and link:
            message = Text.of("problem.unreadable.broken-link", target=_link_target(path))
        else:
            key = "problem.unreadable.folder" if folder else "problem.unreadable"
            message = Text.of(key, reason=error.strerror or str(error))
        self.skip(relative, message, hint, "unreadable")


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:  # pragma: no cover - it was a link a moment ago
        return "?"


def list_data(root: Path) -> Listing:
    """Every file under ``data/`` that dothi reads, and a problem for each that it will not."""
    listing = Listing()
    for relative in SINGLE_FILES:
        if _regular(root, relative, listing):
            listing.files.add(relative)
    for folder in FOLDERS:
        _list_folder(root, folder, listing)
    _list_strays(root, listing)
    return listing


def _regular(root: Path, relative: str, listing: Listing) -> bool:
    """True for a regular file; nothing there is False; anything else is a problem, and False.

    A pipe or a device is never opened: reading it could block for ever or never end.
    """
    path = root / relative
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as error:
        if path.is_symlink():
            listing.unreadable(relative, error)
        return False
    except OSError as error:  # a link loop, a folder that may not be searched
        listing.unreadable(relative, error)
        return False
    if stat.S_ISREG(mode):
        return True
    if stat.S_ISDIR(mode):
        listing.skip(relative, Text.of("problem.unread.folder"), Text.of("hint.unread.folder"))
    else:
        listing.skip(relative, Text.of("problem.unread.special"), Text.of("hint.unread.special"))
    return False


def _entries(root: Path, folder: str, listing: Listing) -> list[os.DirEntry[str]]:
    """The entries of a folder, by name; a folder that is not there has none."""
    path = root / folder
    try:
        with os.scandir(path) as found:
            return sorted(found, key=lambda entry: entry.name)
    except FileNotFoundError as error:
        if path.is_symlink():
            listing.unreadable(folder, error)
    except NotADirectoryError:
        listing.skip(folder, Text.of("problem.unread.not-folder"), Text.of("hint.unread.not-folder"))
    except OSError as error:
        listing.unreadable(folder, error, folder=True)
    return []


def _list_folder(root: Path, folder: str, listing: Listing) -> None:
    """``data/tasks`` or ``data/localities``: each ``<id>.yaml`` file in it (``.yml`` too)."""
    for entry in _entries(root, folder, listing):
        relative = f"{folder}/{entry.name}"
        suffix = Path(entry.name).suffix
        if suffix in YAML_SUFFIXES:
            if _regular(root, relative, listing):
                listing.files.add(relative)
        elif suffix.lower() in YAML_SUFFIXES:  # .YAML, .Yml: the id would not be the name written
            listing.skip(
                relative,
                Text.of("problem.unread.suffix"),
                Text.of("hint.unread.rename", name=Path(entry.name).stem + ".yaml"),
            )
        else:
            _subfolder(root, folder, entry, listing)


def _subfolder(root: Path, folder: str, entry: os.DirEntry[str], listing: Listing) -> None:
    """A folder inside ``folder``: each YAML file in it is a problem (ids are file names, flat)."""
    relative = f"{folder}/{entry.name}"
    stray = folder == DATA_DIR
    message = Text.of("problem.unread.stray") if stray else Text.of("problem.unread.nested", folder=folder)
    hint = Text.of("hint.unread.stray") if stray else Text.of("hint.unread.nested", folder=folder)
    try:
        if not entry.is_dir():
            return  # README.md and the like: not data
        if entry.is_symlink():  # never walked: it may lead anywhere, even back here
            listing.skip(
                relative, Text.of("problem.unread.linked-folder"), Text.of("hint.unread.linked-folder")
            )
            return
    except OSError as error:  # pragma: no cover - scandir answered these from the listing
        listing.unreadable(relative, error)
        return
    for found in _walk_yaml(root, relative, listing):
        listing.skip(found, message, hint)


def _walk_yaml(root: Path, relative: str, listing: Listing) -> list[str]:
    """The YAML files anywhere under ``relative`` (links not followed), by path."""
    found: list[str] = []

    def unreadable(error: OSError) -> None:
        where = Path(str(error.filename)).relative_to(root).as_posix() if error.filename else relative
        listing.unreadable(where, error, folder=True)

    for folder, _, names in os.walk(root / relative, onerror=unreadable):
        base = Path(folder).relative_to(root).as_posix()
        found += [f"{base}/{name}" for name in names if Path(name).suffix.lower() in YAML_SUFFIXES]
    return sorted(found)


def _list_strays(root: Path, listing: Listing) -> None:
    """YAML files in ``data/`` that are none of its files, and YAML in folders it does not have."""
    known = {Path(relative).name for relative in (*SINGLE_FILES, *FOLDERS)}
    for entry in _entries(root, DATA_DIR, listing):
        if entry.name in known:
            continue
        relative = f"{DATA_DIR}/{entry.name}"
        if Path(entry.name).suffix.lower() in YAML_SUFFIXES:
            listing.skip(relative, Text.of("problem.unread.stray"), _stray_hint(entry.name))
        else:
            _subfolder(root, DATA_DIR, entry, listing)


def _stray_hint(name: str) -> Text:
    """Rename “members.yml” (or “member.yaml”) to “members.yaml”; otherwise say where data goes."""
    singles = {Path(relative).stem: Path(relative).name for relative in SINGLE_FILES}
    close = difflib.get_close_matches(Path(name).stem.lower(), list(singles), n=1, cutoff=0.8)
    return Text.of("hint.unread.rename", name=singles[close[0]]) if close else Text.of("hint.unread.stray")


def _folder_files(listing: Listing, folder: str, pending: Mapping[str, bytes]) -> list[str]:
    """The files of ``folder`` to read: those listed, and those an edit is about to create."""
    prefix = folder + "/"
    return sorted(
        {*(f for f in listing.files if f.startswith(prefix)), *(f for f in pending if f.startswith(prefix))}
    )


def _check_stem(loaded: LoadedFile) -> list[Problem]:
    stem = Path(loaded.path).stem
    if is_slug(stem):
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
        listed: set[str],
    ) -> None:
        self.root, self.total, self.store, self.progress = root, total, store, progress
        self.pending = pending
        self.listed = listed  # the files list_data found to read
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
        if relative in self.listed or relative in self.pending:
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
    listing = list_data(root)
    task_files = _folder_files(listing, TASKS_DIR, pending)
    locality_files = _folder_files(listing, LOCALITIES_DIR, pending)
    singles = [f for f in SINGLE_FILES if f in listing.files]
    total = len(singles) + len(task_files) + len(locality_files)
    reader = _Reader(root, total, store, progress, pending, listing.files)
    reader.problems.extend(listing.problems)
    members = partial_members = None
    if MEMBERS_FILE in listing.files or MEMBERS_FILE in pending:
        members, partial_members = reader.validate(MEMBERS_FILE, MembersFile)
    elif not any(p.file == MEMBERS_FILE for p in listing.problems):  # not: there but not a file
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
    checked_localities: dict[str, LocalityFile] = {}  # by path, for the cross-file checks
    for relative in locality_files:
        locality, partial_locality = reader.validate(relative, LocalityFile)
        if partial_locality is not None:
            checked_localities[relative] = partial_locality
        if locality is not None:
            localities[Path(relative).stem] = Locality(Path(relative).stem, locality)
    cross = check_repository(reader.files, partial_members, checked, checked_localities)
    problems = sort_problems([*reader.problems, *cross])
    repository = None
    if members is not None and not any(p.severity is Severity.ERROR for p in problems):
        work = _work_calendar(calendar, settings)
        repository = Repository(
            root, members, directives, localities, requirements, work, settings or SettingsFile()
        )
    return LoadResult(root, problems, reader.files, repository)


def _work_calendar(calendar: CalendarFile | None, settings: SettingsFile | None) -> WorkCalendar:
    """The working-day calendar that ``calendar.yaml`` and ``settings.yaml`` describe."""
    return WorkCalendar(
        frozenset(entry.date for entry in calendar.days_off) if calendar else frozenset(),
        frozenset(entry.date for entry in calendar.working_days) if calendar else frozenset(),
        calendar.roll_forward if calendar else False,
        settings.deadline_inclusive if settings else True,
    )
