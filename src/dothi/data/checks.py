"""Checks across files: ids, references, required-when rules, leaders, suspicious dates.

Identity and reference checks read the loader's raw values, not the models, so that a task with
one invalid field (say, a deadline without a year) still has its ids and references checked in the
same run. Date checks need parsed dates and read the models of the files that validated.
"""

from __future__ import annotations

import difflib
import functools
import marshal
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dothi.calendar.dates import DateError, format_day_first, parse_date
from dothi.calendar.deadline import FROM_DIRECTIVE
from dothi.calendar.recurrence import first_tracked
from dothi.data.loader import KeyPath, LoadedFile
from dothi.data.models import SELECTORS, Directive, LocalityFile, MembersFile, Task
from dothi.data.selectors import Directory, expand
from dothi.data.validation import entity_named
from dothi.layout import LOCALITIES_DIR, MEMBERS_FILE, REQUIREMENTS_FILE, TASKS_DIR
from dothi.problem import Problem, Severity, Text

WAIVABLE = ("date-order",)
# Decree 30/2020 (domain.md §4): 1413/QĐ-TTg, 382/TB-VPCP, 269/2025/NĐ-CP, 202/2025/QH15, and
# party documents such as 57-NQ/TW.
DOCUMENT_NUMBER = re.compile(
    r"^(\d+/(\d{4}/)?[A-ZĐ][A-ZĐa-z0-9]*(-[A-ZĐa-z0-9]+)*|\d+-[A-ZĐ][A-ZĐa-z]*/[A-ZĐ]+)\Z"
)


@dataclass(frozen=True)
class Definition:
    """Where an id is defined: its line is looked up only if another file defines it again."""

    id: str
    loaded: LoadedFile
    path: KeyPath

    @property
    def where(self) -> str:
        return f"{self.loaded.path}:{self.loaded.mark(self.path).line}"


@dataclass
class _Raw:
    """The raw values of every loaded file, grouped the way the checks walk them."""

    files: dict[str, LoadedFile]

    def in_folder(self, folder: str) -> Iterator[LoadedFile]:
        for path, loaded in self.files.items():
            if path.startswith(folder + "/") and isinstance(loaded.data, dict):
                yield loaded

    def members(self) -> LoadedFile | None:
        return self.single(MEMBERS_FILE)

    def single(self, relative: str) -> LoadedFile | None:
        loaded = self.files.get(relative)
        return loaded if loaded and isinstance(loaded.data, dict) else None


def _items(loaded: LoadedFile, path: KeyPath) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    """The mappings of the list at ``path``, with their key paths."""
    value: Any = loaded.data
    for part in path:
        if isinstance(part, int):
            value = value[part] if isinstance(value, list) and part < len(value) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield (*path, index), item


def _children(owner: dict[str, Any], path: KeyPath, key: str) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    """The mappings of the list at ``key`` of ``owner``, which sits at ``path``: ``_items`` for a
    mapping already found, without walking down to it again (the checks visit every task)."""
    value = owner.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield (*path, key, index), item


def _strings(value: Any) -> list[tuple[int | None, str]]:
    """A string or a list of strings, each with its list index (None for a lone string)."""
    if isinstance(value, str):
        return [(None, value)]
    if isinstance(value, list):
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]
    return []


@dataclass(frozen=True)
class _Start:
    """Where a deadline says it counts from a task: ``task``, written at ``path`` of ``loaded``."""

    task: str
    loaded: LoadedFile
    path: KeyPath
    entity: str


def _loops(following: dict[str, str]) -> list[list[str]]:
    """The loops of a graph in which each node follows at most one other, each once, in the
    order of its first node: a deadline counts from one task only, so a walk never branches."""
    seen: set[str] = set()
    loops = []
    for first in following:
        path: dict[str, None] = {}
        node = first
        while node in following and node not in seen and node not in path:
            path[node] = None
            node = following[node]
        if node in path:
            walked = list(path)
            loops.append(walked[walked.index(node) :])
        seen.update(path)
    return loops


@dataclass(frozen=True)
class _Always:
    """A member of a members.yaml that did not validate: its dates are unknown, so it counts always."""

    org: str

    def active_on(self, day: date) -> bool:
        return True


IDS_PER_SHARD = 1024  # about: one shard of a kept table unmarshals in a fraction of a millisecond
FILES_PER_SHARD = 64


def _shard(key: str, shards: int) -> int:
    """The shard ``key`` is kept in: the same in every run (``hash`` of a string is not)."""
    return zlib.crc32(key.encode()) % shards


class IdIndex(Mapping[str, str]):
    """Task and milestone ids with the file that defines each (``Tables.items``), kept apart in
    shards: by the id, and by the file.

    An edit looks up one id and the ids of the one file it changes, yet unpickling all 53,000
    ids of a 100,000-item repository took 14 ms, nine tenths of reading the tables. Pickled, the
    index keeps its ids in shards of about ``IDS_PER_SHARD``, by a checksum of the id, and each
    file's ids in their order, by a checksum of the file's path; each shard is read when first
    asked. Made by the checks, it is a plain mapping until pickled.
    """

    def __init__(self, files: dict[str, str]) -> None:
        self._whole: dict[str, str] | None = files
        self._by_id: tuple[bytes, ...] = ()
        self._by_file: tuple[bytes, ...] = ()
        self._read: dict[tuple[int, int], dict[str, Any]] = {}

    def __getitem__(self, ident: str) -> str:
        if self._whole is not None:
            return self._whole[ident]
        found: str = self._shard_of(self._by_id, 0, ident)[ident]
        return found

    def __contains__(self, ident: object) -> bool:
        if self._whole is not None:
            return ident in self._whole
        return isinstance(ident, str) and ident in self._shard_of(self._by_id, 0, ident)

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __len__(self) -> int:
        return len(self.whole())

    def ids_of(self, relative: str) -> tuple[str, ...]:
        """The ids the file ``relative`` defines, in its order."""
        if self._whole is not None:
            return tuple(ident for ident, file in self._whole.items() if file == relative)
        found: tuple[str, ...] = self._shard_of(self._by_file, 1, relative).get(relative, ())
        return found

    def whole(self) -> dict[str, str]:
        """Every id with its file: files in the order of their paths, each file's ids in its own."""
        if self._whole is None:
            files = sorted(
                file for index in range(len(self._by_file)) for file in self._shard(self._by_file, 1, index)
            )
            self._whole = {ident: file for file in files for ident in self.ids_of(file)}
        return self._whole

    def _shard_of(self, shards: tuple[bytes, ...], kind: int, key: str) -> dict[str, Any]:
        return self._shard(shards, kind, _shard(key, len(shards)))

    def _shard(self, shards: tuple[bytes, ...], kind: int, index: int) -> dict[str, Any]:
        read = self._read.get((kind, index))
        if read is None:
            read = self._read[kind, index] = marshal.loads(zlib.decompress(shards[index]))
        return read

    def __getstate__(self) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
        if self._whole is None:
            return self._by_id, self._by_file
        whole = self._whole
        by_file: dict[str, list[str]] = {}
        for ident, file in whole.items():
            by_file.setdefault(file, []).append(ident)
        ids: list[dict[str, str]] = [{} for _ in range(1 + len(whole) // IDS_PER_SHARD)]
        for ident, file in whole.items():
            ids[_shard(ident, len(ids))][ident] = file
        files: list[dict[str, tuple[str, ...]]] = [{} for _ in range(1 + len(by_file) // FILES_PER_SHARD)]
        for file, idents in by_file.items():
            files[_shard(file, len(files))][file] = tuple(idents)
        return tuple(_packed(shard) for shard in ids), tuple(_packed(shard) for shard in files)

    def __setstate__(self, state: tuple[tuple[bytes, ...], tuple[bytes, ...]]) -> None:
        self._whole, (self._by_id, self._by_file), self._read = None, state, {}


def _packed(shard: dict[str, Any]) -> bytes:
    """A shard as kept: ids share long prefixes, and compressed the index is smaller than the
    pickled mapping it replaces (so the snapshot, whose every byte a warm run checks, is too)."""
    return zlib.compress(marshal.dumps(shard), 1)


@dataclass(frozen=True)
class Tables:
    """What the checks of one file read of all the others: the ids each kind of reference is
    looked up in (with the file that defines each), the recurring duties, the deadlines counted
    from a task, the bodies' kinds, beginnings and endings, and the members.

    Kept with a result that has no error (``snapshot``), they let an edit check the one file it
    changes against the rest (:func:`check_directive_file`) instead of checking every file again.
    """

    orgs: dict[str, str]
    people: dict[str, str]
    items: IdIndex  # task and milestone ids: the file each is in (an edit finds it there)
    recurring: frozenset[str]
    following: dict[str, str]  # by item id: the task its deadline counts from
    endings: dict[str, tuple[date, list[str]]]
    beginnings: dict[str, date]
    locality_kinds: dict[str, str]
    org_kinds: dict[str, str]
    members: MembersFile | None  # whom the selectors of ``each`` name, and since when

    def share_of(self, relative: str) -> Share:
        """What the task file ``relative`` gave these tables."""
        ids = self.items.ids_of(relative)
        mine = frozenset(ids)
        following = tuple((ident, task) for ident, task in self.following.items() if ident in mine)
        return Share(ids, self.recurring & mine, following)


@dataclass(frozen=True)
class Share:
    """What one task file puts in the tables the others are checked against: its tasks' ids in
    their order, its recurring duties, and the tasks its deadlines count from. An edit that
    leaves them as they were changes no other file's problems."""

    ids: tuple[str, ...]
    recurring: frozenset[str]
    following: tuple[tuple[str, str], ...]


class _Checker:
    def __init__(
        self, files: dict[str, LoadedFile], members: MembersFile | None, assigned: dict[str, date]
    ) -> None:
        self.known: Tables | None = None  # when set, the tables are these, not collected
        self.raw = _Raw(files)
        self.members = members
        self.assigned = assigned  # the day each task file's directive assigned its tasks
        self.problems: list[Problem] = []
        self.orgs: dict[str, Definition] = {}
        self.items: dict[str, Definition] = {}
        self.people: dict[str, Definition] = {}
        self.sections: dict[str, Definition] = {}
        self.directives: dict[str, Definition] = {}
        self.locality_kinds: dict[str, str] = {}
        self.org_kinds: dict[str, str] = {}
        self.recurring: set[str] = set()  # ids of recurring duties
        self.starts: dict[str, _Start] = {}  # by item id: the task its deadline counts from
        self.endings: dict[str, tuple[date, list[str]]] = {}  # bodies that ended: day, successors
        self.beginnings: dict[str, date] = {}  # bodies formed by a merger: the day
        self._expanded: dict[tuple[tuple[str, ...], date | None], list[str]] = {}

    # --- definitions -------------------------------------------------------------------
    def define(
        self,
        table: dict[str, Definition],
        loaded: LoadedFile,
        ident: Any,
        path: KeyPath,
        hint: str = "hint.duplicate-id",
    ) -> None:
        if not isinstance(ident, str):
            return
        first = table.get(ident)
        if first is None:
            table[ident] = Definition(ident, loaded, path)
            return
        self.problems.append(
            loaded.problem(
                loaded.mark(path),
                "duplicate-id",
                Text.of("problem.duplicate-id", id=ident, other=first.where),
                Text.of(hint),
            )
        )

    def collect(self) -> None:
        members = self.raw.members()
        if members:
            for path, org in _items(members, ("organizations",)):
                self.define(self.orgs, members, org.get("id"), (*path, "id"))
                self.org_kinds[str(org.get("id"))] = str(org.get("kind"))
                self._ending(str(org.get("id")), org)
                self._lifetime(members, path, org, entity_named("organization", org.get("id"), int(path[-1])))
            for path, person in _items(members, ("members",)):
                self.define(self.people, members, person.get("id"), (*path, "id"))
        codes: dict[str, Definition] = {}
        for loaded in self.raw.in_folder(LOCALITIES_DIR):
            stem = Path(loaded.path).stem
            self.define(self.orgs, loaded, stem, ())
            self.locality_kinds[stem] = str(loaded.data.get("kind"))
            self._ending(stem, loaded.data)
            self._lifetime(loaded, (), loaded.data, "")
            self._unique_code(codes, loaded)
            for path, milestone in _items(loaded, ("roadmap",)):
                self.define(self.items, loaded, milestone.get("id"), (*path, "id"))
        for loaded in self.raw.in_folder(TASKS_DIR):
            self._collect_tasks(loaded)
        requirements = self.raw.single(REQUIREMENTS_FILE)
        if requirements:  # `check` would list a section twice
            for path, section in _items(requirements, ("sections",)):
                self.define(self.sections, requirements, section.get("id"), (*path, "id"))

    def _ending(self, ident: str, body: dict[str, Any]) -> None:
        """Note a body that began late (``since``) or ended (``until``) and its successors, for
        the checks of SPEC §9."""
        since, until = _day(body.get("since")), _day(body.get("until"))
        if since is not None:
            self.beginnings[ident] = since
        if until is not None:
            self.endings[ident] = (until, [name for _, name in _strings(body.get("successor"))])

    def _lifetime(self, loaded: LoadedFile, path: KeyPath, body: dict[str, Any], entity: str) -> None:
        """A body ends after it begins: an ``until`` not after its ``since`` is a mistyped day."""
        since, until = _day(body.get("since")), _day(body.get("until"))
        if since is not None and until is not None and until <= since:
            self.report(
                loaded,
                (*path, "until"),
                "history-date",
                entity,
                variant="lifetime",
                since=format_day_first(since),
                until=format_day_first(until),
            )

    def _collect_tasks(self, loaded: LoadedFile) -> None:
        # x.yaml beside x.yml: one directive id, and one file would hide the other
        self.define(self.directives, loaded, Path(loaded.path).stem, (), "hint.duplicate-file")
        for path, task in _items(loaded, ("tasks",)):
            self.define(self.items, loaded, task.get("id"), (*path, "id"))
            if "every" in task:
                self.recurring.add(str(task.get("id")))

    def _unique_code(self, codes: dict[str, Definition], loaded: LoadedFile) -> None:
        code = loaded.data.get("code")
        if not isinstance(code, str):
            return
        if code in codes:
            first = codes[code]
            self.problems.append(
                loaded.problem(
                    loaded.mark(("code",)),
                    "duplicate-code",
                    Text.of("problem.duplicate-code", code=code, other=first.where),
                )
            )
        else:
            codes[code] = Definition(code, loaded, ("code",))

    # --- references --------------------------------------------------------------------
    @functools.cached_property
    def _tables(self) -> dict[str, Mapping[str, object]]:
        """Where each kind of reference is looked up; built once, after collect()."""
        if self.known is not None:
            known = self.known
            return {"member": {**known.orgs, **known.people}, "task": known.items, "": known.orgs}
        return {"member": {**self.orgs, **self.people}, "task": self.items, "": self.orgs}

    def tables(self) -> Tables:
        """What the checks of each file read of the others, once every file was checked."""

        def files(table: dict[str, Definition]) -> dict[str, str]:
            return {ident: definition.loaded.path for ident, definition in table.items()}

        return Tables(
            orgs=files(self.orgs),
            people=files(self.people),
            items=IdIndex(files(self.items)),
            recurring=frozenset(self.recurring),
            following={ident: start.task for ident, start in self.starts.items()},
            endings=dict(self.endings),
            beginnings=dict(self.beginnings),
            locality_kinds=dict(self.locality_kinds),
            org_kinds=dict(self.org_kinds),
            members=self.members,
        )

    def take(self, known: Tables) -> None:
        """Check against ``known`` instead of collecting the tables from the files."""
        self.known, self.members = known, known.members
        self.recurring = set(known.recurring)
        self.endings, self.beginnings = dict(known.endings), dict(known.beginnings)
        self.locality_kinds, self.org_kinds = dict(known.locality_kinds), dict(known.org_kinds)

    def refer(self, loaded: LoadedFile, path: KeyPath, value: Any, kind: str, entity: str = "") -> None:
        # “by” of an update names who recorded it: a member, or an organization when the
        # person is not known (the data set records MoC's own reports that way).
        table = self._tables.get(kind, self._tables[""])
        if value is None or (isinstance(value, str) and value in table):
            return  # nothing named, or one known id: most references, checked without a list
        for index, ident in _strings(value):
            where = path if index is None else (*path, index)
            if ident.startswith("@") and kind == "organization":
                if ident not in SELECTORS:
                    self._unresolved(loaded, where, ident, "selector", list(SELECTORS), entity)
            elif ident not in table:
                self._unresolved(loaded, where, ident, kind, list(table), entity)

    def _unresolved(
        self, loaded: LoadedFile, path: KeyPath, ident: str, kind: str, known: list[str], entity: str
    ) -> None:
        close = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
        if close:
            hint = Text.of("hint.unknown-reference.suggest", suggestion=close[0])
        elif kind == "selector":
            hint = Text.of("hint.unknown-selector", allowed=", ".join(SELECTORS))
        else:
            hint = Text.of("hint.unknown-reference", id=ident, where_key=f"where.{kind}")
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        self.problems.append(
            loaded.problem(
                loaded.mark(path),
                "unknown-reference",
                Text.of(
                    "problem.unknown-reference", entity=entity, key=key, id=ident, kind_key=f"kind.{kind}"
                ),
                hint,
            )
        )

    def check_references(self) -> None:
        members = self.raw.members()
        if members:
            self._member_references(members)
        for loaded in self.raw.in_folder(TASKS_DIR):
            self.check_tasks_file(loaded)
        for loaded in self.raw.in_folder(LOCALITIES_DIR):
            self.refer(loaded, ("successor",), loaded.data.get("successor"), "organization")
            for path, milestone in _items(loaded, ("roadmap",)):
                entity = entity_named("milestone", milestone.get("id"), int(path[-1]))
                self.require_done_on(loaded, path, milestone, entity)
                self.check_start(loaded, path, milestone, entity)
                for update_path, update in _children(milestone, path, "updates"):
                    self.refer(loaded, (*update_path, "by"), update.get("by"), "member", entity)

    def _member_references(self, members: LoadedFile) -> None:
        """Members' organizations, and organizations' successors, exist; a membership does not
        begin after its organization ended."""
        for path, person in _items(members, ("members",)):
            entity = entity_named("member", person.get("id"), int(path[-1]))
            self.refer(members, (*path, "org"), person.get("org"), "organization", entity)
            since = _day(person.get("since"))
            if since is not None:
                self._ended(members, (*path, "org"), person.get("org"), since, entity)
        for path, org in _items(members, ("organizations",)):
            entity = entity_named("organization", org.get("id"), int(path[-1]))
            self.refer(members, (*path, "successor"), org.get("successor"), "organization", entity)

    # --- tasks -------------------------------------------------------------------------
    def check_tasks_file(self, loaded: LoadedFile) -> None:
        header = loaded.data.get("directive")
        if isinstance(header, dict):
            self.refer(loaded, ("directive", "issuer"), header.get("issuer"), "organization")
        for path, task in _items(loaded, ("tasks",)):
            self.check_task(loaded, path, task)

    def check_task(self, loaded: LoadedFile, path: KeyPath, task: dict[str, Any]) -> None:
        entity = entity_named("task", task.get("id"), int(path[-1]))
        for key in ("lead", "support", "each"):
            self.refer(loaded, (*path, key), task.get(key), "organization", entity)
        for update_path, update in _children(task, path, "updates"):
            self.refer(loaded, (*update_path, "by"), update.get("by"), "member", entity)
        self.check_start(loaded, path, task, entity)
        self.check_assignee_form(loaded, path, task, entity)
        self.check_each(loaded, path, task.get("each"), entity)
        self.check_recurrence(loaded, path, task, entity)
        self.require_done_on(loaded, path, task, entity)
        for response_path, response in _responses(task, path):
            self.require_done_on(loaded, response_path, response, entity)
            self.check_history(loaded, response_path, response, "extensions", entity)
        self.check_waive(loaded, path, task, entity)
        self.check_history(loaded, path, task, "extensions", entity)
        self.check_history(loaded, path, task, "transfers", entity)
        self.check_transfers(loaded, path, task, entity)
        self.check_ended(loaded, path, task, entity)

    # --- history (SPEC §9) ---------------------------------------------------------------
    def check_history(
        self, loaded: LoadedFile, path: KeyPath, owner: dict[str, Any], key: str, entity: str
    ) -> None:
        """Extensions and transfers happen after the task was given, and are written in date order."""
        if key not in owner:
            return
        assigned = self.assigned.get(loaded.path)
        previous: date | None = None
        for step_path, step in _children(owner, path, key):
            day = _day(step.get("on"))
            if day is None:
                continue  # no date, or not a date: the model says so
            where = (*step_path, "on")
            shown = format_day_first(day)
            if assigned is not None and day < assigned:
                self.report(
                    loaded,
                    where,
                    "history-date",
                    entity,
                    variant="before",
                    key=key,
                    day=shown,
                    assigned=format_day_first(assigned),
                )
            elif previous is not None and day < previous:
                self.report(
                    loaded,
                    where,
                    "history-date",
                    entity,
                    variant="order",
                    key=key,
                    day=shown,
                    previous=format_day_first(previous),
                )
            previous = day if previous is None else max(previous, day)

    def check_transfers(self, loaded: LoadedFile, path: KeyPath, task: dict[str, Any], entity: str) -> None:
        """Only a task with one lead passes to another lead; the new lead must exist then."""
        if "transfers" not in task:
            return
        if "lead" not in task:
            self.report(loaded, (*path, "transfers"), "transfer-without-lead", entity, key_mark=True)
        for step_path, step in _children(task, path, "transfers"):
            self.refer(loaded, (*step_path, "to"), step.get("to"), "organization", entity)
            day = _day(step.get("on"))
            if day is not None:
                self._ended(loaded, (*step_path, "to"), step.get("to"), day, entity)

    def check_ended(self, loaded: LoadedFile, path: KeyPath, task: dict[str, Any], entity: str) -> None:
        """New work given to a body after it ended is an error that names its successor."""
        assigned = self.assigned.get(loaded.path)
        if assigned is None:
            return
        changed = self._changed_bodies
        for key in ("lead", "support", "each"):
            value = task.get(key)
            if isinstance(value, list):
                for index, ident in _strings(value):
                    if ident in changed:
                        self._ended(loaded, (*path, key, index or 0), ident, assigned, entity)
            elif isinstance(value, str) and value in changed:
                self._ended(loaded, (*path, key), value, assigned, entity)

    @functools.cached_property
    def _changed_bodies(self) -> frozenset[str]:
        """The bodies that began late or ended: the only ones ``_ended`` can find fault with."""
        return frozenset(self.beginnings) | frozenset(self.endings)

    def _ended(self, loaded: LoadedFile, path: KeyPath, ident: Any, day: date, entity: str) -> None:
        """Work (or a membership) given to a body on a day it did not exist: before it began, or
        from the day it ended."""
        since = self.beginnings.get(ident) if isinstance(ident, str) else None
        if since is not None and day < since:
            where = dict(id=ident, since=format_day_first(since), day=format_day_first(day))
            variant = "membership" if entity.startswith("member:") else ""  # a person, not work
            self.report(loaded, path, "not-yet-formed", entity, variant=variant, **where)
            return
        ending = self.endings.get(ident) if isinstance(ident, str) else None
        if ending is None or day < ending[0]:
            return
        until, successors = ending
        variant = "" if successors else "none"
        self.report(
            loaded,
            path,
            "ended-body",
            entity,
            variant=variant,
            id=ident,
            until=format_day_first(until),
            day=format_day_first(day),
            successor=", ".join(successors),
        )

    def check_start(self, loaded: LoadedFile, path: KeyPath, item: dict[str, Any], entity: str) -> None:
        """A deadline counted from a task (``from: ID``) starts when that task or milestone is
        finished: it must exist, and finish once; a recurring duty never finishes as a whole."""
        deadline = item.get("deadline")
        start = deadline.get("from", FROM_DIRECTIVE) if isinstance(deadline, dict) else FROM_DIRECTIVE
        if start == FROM_DIRECTIVE:
            return
        where = (*path, "deadline", "from")
        self.refer(loaded, where, start, "task", entity)
        if not isinstance(start, str):
            return
        if start in self.recurring:
            self.report(loaded, where, "deadline-start", entity, variant="recurring", id=start)
        if isinstance(item.get("id"), str):
            self.starts[item["id"]] = _Start(start, loaded, where, entity)

    def check_cycles(self) -> None:
        """Deadlines counted from one another in a loop: none of them can ever start."""
        following = {ident: start.task for ident, start in self.starts.items()}
        for loop in _loops(following):
            for index, ident in enumerate(loop):
                start = self.starts[ident]
                chain = " → ".join([*loop[index:], *loop[: index + 1]])
                self.report(start.loaded, start.path, "deadline-cycle", start.entity, chain=chain)

    def check_recurrence(self, loaded: LoadedFile, path: KeyPath, task: dict[str, Any], entity: str) -> None:
        """A recurring duty says when each period is due with “due”; “due”, “from”, “until” need “every”."""
        if "every" in task and "deadline" in task:
            self._recurrence(loaded, (*path, "deadline"), "problem.recurrence.deadline", entity)
        for key in ("due", "from", "until"):
            if key in task and "every" not in task:
                self._recurrence(loaded, (*path, key), "problem.recurrence.every", entity, key)

    def _recurrence(
        self, loaded: LoadedFile, path: KeyPath, message: str, entity: str, key: str = ""
    ) -> None:
        self.problems.append(
            loaded.problem(
                loaded.key_mark(path),
                "recurrence",
                Text.of(message, entity=entity, key=key),
                Text.of(message.replace("problem.", "hint.")),
            )
        )

    def check_assignee_form(
        self, loaded: LoadedFile, path: KeyPath, task: dict[str, Any], entity: str
    ) -> None:
        has_lead, has_each = "lead" in task, "each" in task
        if has_lead == has_each:
            self.report(loaded, path, "assignee-form", entity)
        if has_each and "support" in task:
            self.report(loaded, (*path, "support"), "support-with-each", entity, key_mark=True)
        responses = task.get("responses")
        if not isinstance(responses, dict):
            return
        if not has_each:
            if "every" not in task:  # a recurring duty's responses are by period
                self.report(loaded, (*path, "responses"), "responses-without-each", entity, key_mark=True)
            return
        assignees = set(self.expand(task.get("each"), self.assigned.get(loaded.path)))
        for answer_path, _ in _responses(task, path):
            org_id = answer_path[-1]
            if org_id not in assignees:
                self.report(loaded, answer_path, "response-not-assignee", entity, key_mark=True, id=org_id)

    def check_each(self, loaded: LoadedFile, path: KeyPath, each: Any, entity: str) -> None:
        """An “each” that names nobody makes its task vanish from every report: an error. A selector
        that names nobody beside others that do is likely a mistake: a warning."""
        if not isinstance(each, list):
            return
        day = self.assigned.get(loaded.path)
        if not self.expand(each, day):
            key = "problem.assignee-form.empty" if not each else "problem.assignee-form.nobody"
            self.problems.append(
                loaded.problem(
                    loaded.mark((*path, "each")),
                    "assignee-form",
                    Text.of(key, entity=entity),
                    Text.of("hint.assignee-form.nobody"),
                )
            )
            return
        for index, entry in _strings(each):
            if entry in SELECTORS and not self.expand(entry, day):
                self.problems.append(
                    loaded.problem(
                        loaded.mark((*path, "each", index or 0)),
                        "empty-selector",
                        Text.of("problem.empty-selector", entity=entity, selector=entry),
                        Text.of("hint.empty-selector", where_key=f"selects.{entry[1:]}"),
                        severity=Severity.WARNING,
                    )
                )

    def expand(self, each: Any, day: date | None) -> list[str]:
        """The assignees ``each`` names on ``day``, the day its task was assigned, as reports count
        them; remembered, for the same selectors on the same day name the same bodies."""
        entries = tuple(entry for _, entry in _strings(each))
        found = self._expanded.get((entries, day))
        if found is None:
            found = self._expanded[entries, day] = expand(list(entries), self._directory, day)
        return found

    @functools.cached_property
    def _directory(self) -> Directory:
        """What the files offer selectors; built once, after collect(). Members come from the
        model (their dates are parsed there); a members.yaml that did not validate at all gives
        its raw organizations, counted on every day."""
        ended = {ident: ending[0] for ident, ending in self.endings.items()}
        if self.members is not None:
            members = self.members.members
            return Directory(self.locality_kinds, self.org_kinds, members, ended, self.beginnings)
        raw = self.raw.members()
        people = _items(raw, ("members",)) if raw else iter(())
        found = [_Always(org) for _, person in people if isinstance(org := person.get("org"), str)]
        return Directory(self.locality_kinds, self.org_kinds, found, ended, self.beginnings)

    def require_done_on(self, loaded: LoadedFile, path: KeyPath, item: dict[str, Any], entity: str) -> None:
        status = item.get("status")
        if status == "done" and "done_on" not in item and "done_by" not in item:
            self.report(loaded, (*path, "status"), "done-without-date", entity)
        if status == "cancelled" and "cancel_reason" not in item:
            self.report(loaded, (*path, "status"), "cancel-without-reason", entity)

    def check_waive(self, loaded: LoadedFile, path: KeyPath, task: dict[str, Any], entity: str) -> None:
        for index, code in _strings(task.get("waive")):
            if code not in WAIVABLE:
                where = (*path, "waive") if index is None else (*path, "waive", index)
                self.problems.append(
                    loaded.problem(
                        loaded.mark(where),
                        "unknown-code",
                        Text.of("problem.unknown-code", entity=entity, value=code),
                        Text.of("hint.unknown-code", allowed=", ".join(WAIVABLE)),
                    )
                )

    def report(
        self,
        loaded: LoadedFile,
        path: KeyPath,
        code: str,
        entity: str,
        key_mark: bool = False,
        variant: str = "",
        **params: object,
    ) -> None:
        """The problem ``code`` told by ``problem.CODE`` (``problem.CODE.VARIANT``) and its hint,
        both given ``params``, at the value at ``path`` (``key_mark``: at its key)."""
        mark = loaded.key_mark(path) if key_mark else loaded.mark(path)
        key = f"{code}.{variant}" if variant else code
        message = Text.of(f"problem.{key}", entity=entity, **params)
        self.problems.append(loaded.problem(mark, code, message, Text.of(f"hint.{key}", **params)))


def _day(value: Any) -> date | None:
    """A raw value's date, or None when it is absent or no date (the model reports that)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value)
    except DateError:
        return None


def _leader_problems(members: MembersFile, loaded: LoadedFile) -> list[Problem]:
    """Exactly one leader on every day the group exists (SPEC §2)."""
    leaders = [m for m in members.members if m.role == "leader"]
    start = members.group.established_on or min((m.since for m in leaders if m.since), default=None)
    days = {start} if start else {date.min}
    days |= {d for m in leaders for d in (m.since, m.until) if d is not None}
    for day in sorted(days):
        if start and day < start:
            continue
        count = sum(1 for m in leaders if m.active_on(day))
        if count != 1:
            first = next((m.id for m in members.members if m.role == "leader"), None)
            index = _raw_indexes(loaded, "members").get(first) if first else None
            path: KeyPath = ("members",) if index is None else ("members", index, "role")
            mark = loaded.key_mark(path) if index is None else loaded.mark(path)
            shown = "—" if day == date.min else format_day_first(day)
            return [
                loaded.problem(
                    mark,
                    "leader-count",
                    Text.of("problem.leader-count", day=shown, count=count),
                    Text.of("hint.leader-count"),
                )
            ]
    return []


def _date_order(directive: Directive, loaded: LoadedFile) -> list[Problem]:
    """Warnings for a deadline or done date before the directive itself: usually a typo."""
    issued = directive.data.directive.assigned
    problems = []
    raw_index = _raw_indexes(loaded, "tasks")
    for task in directive.data.tasks:
        index = raw_index.get(task.id, 0)
        if "date-order" in task.waive:
            continue
        for key, day in _task_days(task):
            if day < issued:
                problems.append(
                    loaded.problem(
                        loaded.mark(("tasks", index, key)),
                        "date-order",
                        Text.of(
                            "problem.date-order",
                            entity=f"task:{task.id}",
                            key=key,
                            day=format_day_first(day),
                            directive_day=format_day_first(issued),
                        ),
                        Text.of("hint.date-order"),
                        severity=Severity.WARNING,
                    )
                )
    return problems


def _early_start(directive: Directive, loaded: LoadedFile) -> list[Problem]:
    """Warnings for a recurring duty whose “from” opens periods that ended before its directive.

    Such periods are not tracked (``recurrence.first_tracked``); a “from: 1/1/1900” is a typo that
    would otherwise make thousands of overdue items.
    """
    assigned = directive.data.directive.assigned
    raw_index = _raw_indexes(loaded, "tasks")
    problems = []
    for task in directive.data.tasks:
        if task.every is None or task.start is None:
            continue
        if first_tracked(task.every, task.start, assigned) == task.start:
            continue
        problems.append(
            loaded.problem(
                loaded.mark(("tasks", raw_index.get(task.id, 0), "from")),
                "early-start",
                Text.of(
                    "problem.early-start",
                    entity=f"task:{task.id}",
                    day=format_day_first(task.start),
                    directive_day=format_day_first(assigned),
                ),
                Text.of("hint.early-start"),
                severity=Severity.WARNING,
            )
        )
    return problems


def _milestone_starts(locality: LocalityFile, loaded: LoadedFile) -> list[Problem]:
    """Errors for a milestone deadline counted from the directive (“trong vòng 3 tháng kể từ ngày
    ký”): a roadmap milestone has no directive, so it would never start."""
    raw_index = _raw_indexes(loaded, "roadmap")
    problems = []
    for milestone in locality.roadmap:
        relative = milestone.deadline.relative if milestone.deadline else None
        if relative is None or relative.start != FROM_DIRECTIVE:
            continue
        problems.append(
            loaded.problem(
                loaded.mark(("roadmap", raw_index.get(milestone.id, 0), "deadline")),
                "deadline-start",
                Text.of("problem.deadline-start.milestone", entity=f"milestone:{milestone.id}"),
                Text.of("hint.deadline-start.milestone"),
            )
        )
    return problems


def _raw_indexes(loaded: LoadedFile, key: str) -> dict[str, int]:
    """Where each entity stands in the file: a partial model skips invalid ones, the file does not."""
    found: dict[str, int] = {}
    for path, item in _items(loaded, (key,)):
        ident, index = item.get("id"), path[-1]
        if isinstance(ident, str) and isinstance(index, int):
            found.setdefault(ident, index)
    return found


def _task_days(task: Task) -> list[tuple[str, date]]:
    days = []
    if task.deadline and task.deadline.due:
        days.append(("deadline", task.deadline.due))
    if task.done_on:
        days.append(("done_on", task.done_on))
    return days


def _document_number(directive: Directive, loaded: LoadedFile) -> list[Problem]:
    number = directive.data.directive.number
    if number is None or DOCUMENT_NUMBER.match(number):
        return []
    return [
        loaded.problem(
            loaded.mark(("directive", "number")),
            "document-number",
            Text.of("problem.document-number", number=number),
            Text.of("hint.document-number"),
            severity=Severity.WARNING,
        )
    ]


def check_repository(
    files: dict[str, LoadedFile],
    members: MembersFile | None,
    directives: dict[str, Directive],
    localities: dict[str, LocalityFile] | None = None,
) -> tuple[list[Problem], Tables]:
    """Every cross-file problem, and the tables each file was checked against; ``members`` and
    the dicts (localities by path) hold only the files that validated, with their invalid
    entities left out."""
    assigned = {d.file: d.data.directive.assigned for d in directives.values()}
    checker = _Checker(files, members, assigned)
    checker.collect()
    checker.check_references()
    checker.check_cycles()
    problems = checker.problems
    if members is not None:
        problems += _leader_problems(members, files[MEMBERS_FILE])
    for directive in directives.values():
        problems += _directive_problems(directive, files[directive.file])
    for relative, locality in (localities or {}).items():
        problems += _milestone_starts(locality, files[relative])
    return problems, checker.tables()


def _directive_problems(directive: Directive, loaded: LoadedFile) -> list[Problem]:
    """What the model of one task file says against itself: dates, document number."""
    return [
        *_date_order(directive, loaded),
        *_early_start(directive, loaded),
        *_document_number(directive, loaded),
    ]


def share_of(loaded: LoadedFile) -> Share | None:
    """What the task file ``loaded`` would give the tables (see :class:`Share`); None when it
    defines an id twice, which only checking every file reports as it should."""
    checker = _Checker({loaded.path: loaded}, None, {})
    checker.collect()
    if checker.problems:
        return None
    for path, task in _items(loaded, ("tasks",)):
        checker.check_start(loaded, path, task, entity_named("task", task.get("id"), int(path[-1])))
    return checker.tables().share_of(loaded.path)


def check_directive_file(known: Tables, loaded: LoadedFile, directive: Directive | None) -> list[Problem]:
    """The cross-file problems of one task file, checked against the tables of a repository
    whose other files are as they were when ``known`` was made (and gave no error), and to
    which this file gives what it gave (:func:`share_of`): what :func:`check_repository` says
    of this file, without reading the others."""
    assigned = {loaded.path: directive.data.directive.assigned} if directive is not None else {}
    checker = _Checker({loaded.path: loaded}, known.members, assigned)
    checker.take(known)
    if isinstance(loaded.data, dict):
        checker.check_tasks_file(loaded)
    problems = checker.problems
    if directive is not None:
        problems += _directive_problems(directive, loaded)
    return problems


def _responses(task: dict[str, Any], path: KeyPath) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    """Each answer of a task with its path: by assignee, or by period then assignee when recurring."""
    responses = task.get("responses")
    if not isinstance(responses, dict):
        return
    nested = "every" in task and "each" in task
    for key, value in responses.items():
        if not isinstance(value, dict):
            continue
        if not nested:
            yield (*path, "responses", key), value
            continue
        for org_id, answer in value.items():
            if isinstance(answer, dict):
                yield (*path, "responses", key, org_id), answer
