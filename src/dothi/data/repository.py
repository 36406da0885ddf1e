"""A data repository: every file loaded, validated and checked against the others.

Loading never stops at the first problem: each file is loaded and validated on its own, then the
cross-file checks run over what was read, so one run shows every mistake. Reports only ever see a
:class:`Repository` built from data without errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

from dothi.calendar.workdays import PLAIN, WorkCalendar
from dothi.data import parallel
from dothi.data.checks import Tables, check_directive_file, check_repository, share_of
from dothi.data.listing import Listing, Seen, digest_of, file_digest, list_data, repository_key
from dothi.data.loader import LoadedFile, Mark, Store, load_bytes, load_file
from dothi.data.models import (
    CalendarFile,
    Directive,
    DirectiveFile,
    DirectiveHeader,
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
from dothi.data.names import Names, names_of
from dothi.data.parallel import Parsing, parse_for_cache
from dothi.data.selectors import Directory, Ending, carrier, expand
from dothi.data.validation import slugify, validate_file
from dothi.layout import (
    CALENDAR_FILE,
    LOCALITIES_DIR,
    MEMBERS_FILE,
    REQUIREMENTS_FILE,
    SETTINGS_FILE,
    TASKS_DIR,
)
from dothi.problem import Problem, Severity, Text, sort_problems

M = TypeVar("M", MembersFile, RequirementsFile, DirectiveFile, LocalityFile, CalendarFile, SettingsFile)


class Derived(dict[tuple[Any, ...], Any]):
    """Values computed from a repository (every item as of a day), each computed once per run by
    the report that needs it. ``kept`` may hold some already, from an earlier run over the same
    files (the CLI's store, ``data/derived.py``); ``added`` says which this run computed."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: Callable[[tuple[Any, ...]], Any] | None = None
        self.added: list[tuple[Any, ...]] = []

    def find(self, key: tuple[Any, ...]) -> Any:
        """The value for ``key``, from this run or the kept ones; None when neither has it."""
        if key not in self and self.kept is not None:
            found = self.kept(key)
            if found is not None:
                self[key] = found
        return self.get(key)

    def keep(self, key: tuple[Any, ...], value: Any) -> None:
        self[key] = value
        self.added.append(key)


@dataclass
class Repository:
    """The validated data set; every report is a pure function of this and a date."""

    root: Path
    members: MembersFile
    directives: Mapping[str, Directive] = field(default_factory=dict)
    localities: Mapping[str, Locality] = field(default_factory=dict)  # read from a snapshot when asked
    requirements: RequirementsFile = field(default_factory=RequirementsFile)
    calendar: WorkCalendar = PLAIN
    settings: SettingsFile = field(default_factory=SettingsFile)

    @cached_property
    def derived(self) -> Derived:
        """What reports computed from this repository, once each (see :class:`Derived`)."""
        return Derived()

    @cached_property
    def headers(self) -> dict[str, DirectiveHeader]:
        """Each directive's header (its number, date and subject) by id: what most reports read of
        a directive, kept apart from its tasks in the snapshot (``snapshot.Deferred``)."""
        return {ident: directive.data.directive for ident, directive in self.directives.items()}

    @cached_property
    def organizations(self) -> dict[str, Organization]:
        return {org.id: org for org in self.members.organizations}

    @cached_property
    def names(self) -> Names:
        """Its bodies' and documents' names by id, as listings print them (``data/names``)."""
        return names_of(self)

    def name_of(self, org_id: str) -> str:
        """A lead or assignee by name, as briefings print it."""
        return self.names.name_of(org_id)

    def short_name_of(self, org_id: str) -> str:
        """BXD, Hà Nội: what fits a table column (a locality without its "Tỉnh"/"Thành phố")."""
        return self.names.short_name_of(org_id)

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
    files: Mapping[str, LoadedFile]
    repository: Repository | None
    outcomes: dict[str, FileOutcome] = field(default_factory=dict)  # each file as this run read it
    listing: Listing | None = None
    key: str = ""  # of every file read (see repository_key): what the result depends on
    lines: Mapping[str, list[str]] | None = None  # of the files a problem is in, when files are not read
    # what each file was checked against (``checks.Tables``), or how to read it back from a snapshot
    tables: Tables | Callable[[], Tables] | None = None

    def known_tables(self) -> Tables | None:
        """The tables each file was checked against, when the result has no error: an edit of a
        task file is then checked against them (see :func:`revalidated`)."""
        if self.errors:
            return None
        if callable(self.tables):
            self.tables = self.tables()
        return self.tables

    def sources(self) -> dict[str, list[str]]:
        """The lines of every file a problem is in, to quote them."""
        named = {problem.file for problem in self.problems}
        if self.lines is not None:
            return {path: self.lines[path] for path in named if path in self.lines}
        return {path: self.files[path].located().lines for path in named if path in self.files}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


class LazyFiles(Mapping[str, LoadedFile]):
    """The files of a result read back whole (``snapshot``): each loaded only when asked for (an
    edit looking for an id), since a report needs none of them.

    The first few are parsed alone: the store keeps a sixteenth of every file in each shard, and
    reading one to find a file cost 23 ms at 100,000 items, against 3 ms to parse the file. A run
    that looks through more (an unknown id, compared with every id) reads them from the store.
    """

    ALONE = 4

    def __init__(self, root: Path, paths: list[str], store: Store | None) -> None:
        self.root, self.paths, self.store = root, paths, store
        self.known = set(paths)
        self.loaded: dict[str, LoadedFile] = {}

    def __getitem__(self, relative: str) -> LoadedFile:
        if relative not in self.known:
            raise KeyError(relative)
        if relative not in self.loaded:
            store = self.store if len(self.loaded) >= self.ALONE else None
            self.loaded[relative] = load_file(self.root, relative, store)
        return self.loaded[relative]

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


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


@dataclass
class FileOutcome:
    """One file as a run read it: the digest of its bytes, what the loader made of them, its model
    (None when invalid), the partial model the cross-file checks read, and the problems of the
    file on its own (the loader's, its name's, the model's), in that order."""

    digest: str
    loaded: LoadedFile
    valid: Any
    partial: Any
    problems: list[Problem]


@runtime_checkable
class Memo(Protocol):
    """What a store may keep besides loaded files (see dothi.data.cache): each file's outcome by
    its path and bytes, for this run, and whole results by the key of every file read."""

    def outcome(self, relative: str, digest: str) -> FileOutcome | None: ...

    def keep_outcome(self, relative: str, digest: str, outcome: FileOutcome) -> None: ...

    def result(self, key: str, root: Path, near: bool = False) -> LoadResult | None: ...

    def near(self, root: Path, digests: dict[str, str]) -> tuple[LoadResult, list[str]] | None: ...

    def validated(self, relative: str, digest: str) -> tuple[Any, list[Problem]] | None: ...

    def keep_result(self, key: str, result: LoadResult, persist: bool) -> None: ...

    def known_digest(self, relative: str, seen: Seen) -> str | None: ...

    def note_digest(self, relative: str, seen: Seen, digest: str) -> None: ...

    def forget_digest(self, relative: str) -> None: ...


class _Reader:
    """Reads the files of one repository, gathering every file and every problem on the way.

    A file whose bytes are those of an outcome already made (``previous``, or the store's memo)
    is neither parsed nor validated again.
    """

    def __init__(
        self,
        root: Path,
        store: Store | None,
        pending: Mapping[str, bytes],
        listing: Listing,
        previous: Mapping[str, FileOutcome],
    ) -> None:
        self.root, self.store, self.pending, self.previous = root, store, pending, previous
        self.memo = store if isinstance(store, Memo) else None
        self.listing = listing  # the files list_data found to read, with their stat
        self.unread: set[str] = set()  # digests their stat gave: read when loaded (``read``)
        self.raws: dict[str, bytes | OSError] = {}
        self.digests: dict[str, str] = {}
        self.outcomes: dict[str, FileOutcome] = {}
        self.ahead: dict[str, LoadedFile] = {}  # read by parse_ahead, for _load
        self.parsing: Parsing | None = None  # the files the workers parse
        self.parse_elsewhere: set[str] = set()  # and those it handed to workers
        self.early = parallel.read_early(root)  # by ``cli/early.py``, before the imports

    def digest(self, relative: str) -> None:
        """Note the file's digest: read it, unless an outcome of this run stands for it or its
        stat is the one an earlier run saw (then it is in ``unread``, until :meth:`read`)."""
        if relative in self.pending:
            raw: bytes | OSError = self.pending[relative]
        elif relative in self.previous:  # read a moment ago under the same lock
            self.digests[relative] = self.previous[relative].digest
            return
        elif relative in self.early:
            raw = self.early.pop(relative)
        else:
            self.digests[relative], read = digest_of(self.root, self.listing, relative, self.memo)
            if read is None:
                self.unread.add(relative)
            else:
                self.raws[relative] = read
            return
        self.raws[relative] = raw
        self.digests[relative] = file_digest(raw)

    def read(self, relatives: Iterable[str]) -> bool:
        """Read those of ``relatives`` whose digest came from their stat, as the files are about
        to be loaded: True when every one has the bytes its stat stood for. When one does not
        (written within the same time stamp, or in the meantime), its digest is the bytes'."""
        same = True
        for relative in [r for r in relatives if r in self.unread]:
            self.unread.discard(relative)
            try:
                raw: bytes | OSError = (self.root / relative).read_bytes()
            except OSError as error:
                raw = error
            self.raws[relative] = raw
            digest = file_digest(raw)
            if digest != self.digests[relative] and self.memo is not None:
                same = False
                self.memo.forget_digest(relative)
            self.digests[relative] = digest
        return same

    def parse_ahead(self, relatives: list[str]) -> list[str]:
        """Start parsing, on every core at once (``parallel``), the files of ``relatives`` that
        neither this run nor the cache has read: most of a cold run is parsing. Gives the order in
        which to take the files: those read here first, while the workers parse the others."""
        if self.store is None:
            return relatives
        missing: list[tuple[str, bytes]] = []
        for relative in relatives:
            raw = self.raws.get(relative)
            if not isinstance(raw, bytes) or relative in self.pending or self._made(relative):
                continue
            kept = self.store.get(relative, raw)
            if kept is None:
                missing.append((relative, raw))
            else:
                self.ahead[relative] = kept
        early = parallel.started(self.root)
        self.parsing = (
            early.adopt(missing) if early is not None else Parsing(missing, here_weight=parallel.HERE_WEIGHT)
        )
        elsewhere = self.parse_elsewhere = {relative for relative, _ in self.parsing.elsewhere}
        return [r for r in relatives if r not in elsewhere] + [r for r in relatives if r in elsewhere]

    def _made(self, relative: str) -> FileOutcome | None:
        """The outcome made earlier in this run of this file as it is now, if any."""
        digest = self.digests[relative]
        found = self.previous.get(relative)
        if found is None or found.digest != digest or relative in self.pending:
            found = self.memo.outcome(relative, digest) if self.memo is not None else None
        return found

    def outcome(self, relative: str, model: type[M]) -> FileOutcome:
        digest = self.digests[relative]
        found = self._made(relative)
        kept = self.memo.validated(relative, digest) if found is None and self.memo is not None else None
        if kept is not None:  # validated by an earlier run (the snapshot): only its values are read
            found = FileOutcome(digest, self._load(relative), kept[0], kept[0], kept[1])
        if found is None:
            found = self.validate(relative, model, self._load(relative), digest)
        if self.memo is not None:
            self.memo.keep_outcome(relative, digest, found)
        self.outcomes[relative] = found
        return found

    def _load(self, relative: str) -> LoadedFile:
        raw = self.raws.pop(relative, None)
        if relative in self.parse_elsewhere and relative not in self.ahead:
            self._collect()
        ahead = self.ahead.pop(relative, None)
        if ahead is not None:
            return ahead
        if raw is None:  # pragma: no cover - an outcome of ``previous`` always stands for it
            raw = (self.root / relative).read_bytes()
        if isinstance(raw, OSError):
            loaded = LoadedFile(relative)
            loaded.report(Mark(1, 1), "unreadable", Text.of("problem.unreadable", reason=raw.strerror))
            return loaded
        if relative in self.pending or self.store is None:
            return load_bytes(relative, raw)
        kept = self.store.get(relative, raw)  # parse_ahead asked already: the cache remembers it missed
        if kept is None:  # read as the cache gives it back: positions, only if a problem needs one
            kept = parse_for_cache(relative, raw)
            self.store.put(relative, raw, kept)
        return kept

    def _collect(self) -> None:
        """What the workers parsed, once they are done, kept in the cache and for _load."""
        if self.parsing is None or self.store is None:  # pragma: no cover - parse_ahead set both
            return
        raws = dict(self.parsing.elsewhere)
        for relative, loaded in self.parsing.collect().items():
            self.store.put(relative, raws[relative], loaded)
            self.ahead[relative] = loaded

    @staticmethod
    def validate(relative: str, model: type[M], loaded: LoadedFile, digest: str) -> FileOutcome:
        problems = list(loaded.problems)
        if relative.startswith((TASKS_DIR, LOCALITIES_DIR)):
            problems.extend(_check_stem(loaded))
        valid, partial, found = validate_file(loaded, model)
        problems.extend(found)
        return FileOutcome(digest, loaded, valid, partial, problems)


def load_repository(
    root: Path,
    store: Store | None = None,
    progress: Callable[[int, int], None] | None = None,
    pending: Mapping[str, bytes] | None = None,
    previous: LoadResult | None = None,
    near: bool = False,
) -> LoadResult:
    """Load, validate and cross-check every file under ``root/data``.

    ``store`` keeps loaded files between runs (and, when it is a :class:`Memo`, what this run and
    earlier ones made of them: an unchanged repository is not validated again); ``progress``
    hears (files read, files in all); ``pending`` holds files as an edit would leave them (by
    path), read instead of the disk's. ``previous``, a result of this run that nothing changed
    since (an edit, under its lock): its listing and every file it read stand for the disk, only
    the pending files are read, and the cross-file checks run again. ``near`` (an edit): a
    snapshot of the files as they were a few edits of task files ago serves, with the files
    changed since checked alone (:func:`revalidated`); that result has no repository.
    """
    pending = pending or {}
    reuse = previous is not None and previous.listing is not None and bool(previous.outcomes)
    listing = previous.listing if reuse and previous is not None and previous.listing else list_data(root)
    everything = listing.to_read(pending)
    reader = _Reader(root, store, pending, listing, previous.outcomes if reuse and previous else {})
    for number, relative in enumerate(everything, 1):
        reader.digest(relative)
        if progress is not None and number % 64 == 0:
            progress(number // 2, len(everything))
    key = repository_key(listing, reader.digests)
    # a listing with a problem has an error: no snapshot of a few edits ago stands for it
    kept = _kept(reader, key, near and not pending and not listing.problems)
    if kept is not None:
        if progress is not None:
            progress(len(everything), len(everything))
        return kept
    reader.read(everything)  # the digests their stat gave are checked against the bytes loaded
    key = repository_key(listing, reader.digests)
    problems = list(listing.problems)
    models: dict[str, FileOutcome] = {}
    try:
        for number, relative in enumerate(reader.parse_ahead(everything), 1):
            models[relative] = reader.outcome(relative, _model_of(relative))
            if progress is not None:
                progress((len(everything) + number) // 2, len(everything))
    finally:
        if reader.parsing is not None:  # interrupted: no worker is left behind
            reader.parsing.abandon()
    models = {relative: models[relative] for relative in everything}  # in the order of the files
    for outcome in models.values():
        problems.extend(outcome.problems)
    result = _assemble(root, listing, models, problems)
    result.key = key
    if reader.memo is not None:
        reader.memo.keep_result(key, result, persist=not pending)
    return result


NEAR = 16  # at most this many task files changed since the snapshot: an edit checks them alone


def _kept(reader: _Reader, key: str, near: bool) -> LoadResult | None:
    """A result already made of these files: by this run, or by an earlier one (the snapshot);
    ``near`` (an edit): or the snapshot's of a few task files ago, with those checked again."""
    memo = reader.memo
    if memo is None:
        return None
    kept = memo.result(key, reader.root, near)
    found = memo.near(reader.root, reader.digests) if kept is None and near else None
    if found is None or not 0 < len(found[1]) <= NEAR:
        return kept
    previous, changed = found
    if not reader.read(changed):  # the key is not these files': they are loaded whole
        return None
    raws = {relative: reader.raws[relative] for relative in changed}
    if not all(isinstance(raw, bytes) for raw in raws.values()):
        return None
    kept = revalidated(previous, cast(dict[str, bytes], raws))
    if kept is not None:
        kept.key = key
        memo.keep_result(key, kept, persist=False)  # the edit's load under its lock finds it
    return kept


def revalidated(previous: LoadResult, pending: Mapping[str, bytes]) -> LoadResult | None:
    """The repository as the task files of ``pending`` (by path, as they are now or as an edit
    leaves them) make it, from ``previous``, the same repository before they changed, without
    reading any other file: each is validated and checked against the tables the others were
    checked against, and the others' problems stand.

    That holds only when ``previous`` has no error (no id is defined twice, no deadline counts
    from itself) and each file gives the tables what it gave (see ``checks.Share``); else None,
    and :func:`load_repository` checks the whole repository again.
    """
    known = previous.known_tables()
    if known is None or not pending:
        return None
    outcomes: dict[str, FileOutcome] = {}
    cross: list[Problem] = []
    for relative, raw in pending.items():
        if not relative.startswith(TASKS_DIR + "/") or relative not in previous.files:
            return None
        outcome = _Reader.validate(relative, DirectiveFile, load_bytes(relative, raw), file_digest(raw))
        if share_of(outcome.loaded) != known.share_of(relative):
            return None
        partial = outcome.partial
        directive = Directive(Path(relative).stem, relative, partial) if partial is not None else None
        cross += check_directive_file(known, outcome.loaded, directive)
        outcomes[relative] = outcome
    others = [problem for problem in previous.problems if problem.file not in pending]
    problems = sort_problems([*others, *(p for o in outcomes.values() for p in o.problems), *cross])
    files = _Replaced(previous.files, {relative: outcome.loaded for relative, outcome in outcomes.items()})
    return LoadResult(previous.root, problems, files, None, outcomes, previous.listing, tables=known)


class _Replaced(Mapping[str, LoadedFile]):
    """The files of a result, some of them replaced by their versions of now."""

    def __init__(self, files: Mapping[str, LoadedFile], replaced: dict[str, LoadedFile]) -> None:
        self.files, self.replaced = files, replaced

    def __getitem__(self, relative: str) -> LoadedFile:
        found = self.replaced.get(relative)
        return found if found is not None else self.files[relative]

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


def _model_of(relative: str) -> Any:
    if relative.startswith(TASKS_DIR + "/"):
        return DirectiveFile
    if relative.startswith(LOCALITIES_DIR + "/"):
        return LocalityFile
    return {
        MEMBERS_FILE: MembersFile,
        REQUIREMENTS_FILE: RequirementsFile,
        CALENDAR_FILE: CalendarFile,
        SETTINGS_FILE: SettingsFile,
    }[relative]


def _assemble(
    root: Path, listing: Listing, outcomes: dict[str, FileOutcome], problems: list[Problem]
) -> LoadResult:
    """The cross-file checks over every file's outcome, and the repository when nothing is wrong."""

    def valid(relative: str) -> Any:
        found = outcomes.get(relative)
        return found.valid if found is not None else None

    members = partial_members = None
    if MEMBERS_FILE in outcomes:
        members, partial_members = outcomes[MEMBERS_FILE].valid, outcomes[MEMBERS_FILE].partial
    elif not any(p.file == MEMBERS_FILE for p in listing.problems):  # not: there but not a file
        problems.append(
            Problem(MEMBERS_FILE, 1, 1, Severity.ERROR, "missing-members", Text.of("problem.missing-members"))
        )
    requirements = valid(REQUIREMENTS_FILE) or RequirementsFile()
    calendar, settings = valid(CALENDAR_FILE), valid(SETTINGS_FILE)
    directives, checked = _directives(outcomes)
    localities, checked_localities = _localities(outcomes)
    files = {relative: outcome.loaded for relative, outcome in outcomes.items()}
    cross, tables = check_repository(files, partial_members, checked, checked_localities)
    problems = sort_problems([*problems, *cross])
    repository = None
    if members is not None and not any(p.severity is Severity.ERROR for p in problems):
        work = _work_calendar(calendar, settings)
        repository = Repository(
            root, members, directives, localities, requirements, work, settings or SettingsFile()
        )
    return LoadResult(root, problems, files, repository, outcomes, listing, tables=tables)


def _directives(outcomes: dict[str, FileOutcome]) -> tuple[dict[str, Directive], dict[str, Directive]]:
    """The valid directives by id, and for the cross-file checks those with invalid tasks left out."""
    directives: dict[str, Directive] = {}
    checked: dict[str, Directive] = {}
    for relative, outcome in outcomes.items():
        if relative.startswith(TASKS_DIR + "/"):
            stem = Path(relative).stem
            if outcome.partial is not None:
                checked[stem] = Directive(stem, relative, outcome.partial)
            if outcome.valid is not None:
                directives[stem] = Directive(stem, relative, outcome.valid)
    return directives, checked


def _localities(outcomes: dict[str, FileOutcome]) -> tuple[dict[str, Locality], dict[str, LocalityFile]]:
    """The valid localities by id, and for the cross-file checks the partial ones by path."""
    localities: dict[str, Locality] = {}
    checked: dict[str, LocalityFile] = {}
    for relative, outcome in outcomes.items():
        if relative.startswith(LOCALITIES_DIR + "/"):
            if outcome.partial is not None:
                checked[relative] = outcome.partial
            if outcome.valid is not None:
                localities[Path(relative).stem] = Locality(Path(relative).stem, outcome.valid)
    return localities, checked


def _work_calendar(calendar: CalendarFile | None, settings: SettingsFile | None) -> WorkCalendar:
    """The working-day calendar that ``calendar.yaml`` and ``settings.yaml`` describe."""
    return WorkCalendar(
        frozenset(entry.date for entry in calendar.days_off) if calendar else frozenset(),
        frozenset(entry.date for entry in calendar.working_days) if calendar else frozenset(),
        calendar.roll_forward if calendar else False,
        settings.deadline_inclusive if settings else True,
    )
