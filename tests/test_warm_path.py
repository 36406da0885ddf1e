"""Issue 19 items 2 and 5: a warm run does no work again, and an edit loads the repository once.

The counts are taken with spies on the loader's parse (``load_bytes``) and on the per-file
validation (``validate_file``), so that a change which loads again cannot pass unnoticed.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import refused_tries, run_cli
from dothi.cli.editor import _likely_files
from dothi.data import derived, listing, loader, parallel, repository, snapshot
from dothi.data.cache import CACHE_DIR, key_folder, open_cache, seal
from dothi.edit.changes import find_target
from dothi.edit.locks import held
from dothi.edit.transaction import repository_lock_path

FIXTURE = Path(__file__).parent / "fixtures" / "edit"
TASKS = "data/tasks/tb-100.yaml"
OTHER = """directive:
  number: 101/TB-VPCP
  kind: thong-bao
  date: 24/7/2025
  issuer: vpcp
  subject: Kết luận phiên họp thứ hai

tasks:
  - id: k1
    title: {title}
    lead: bkhcn
    deadline: trước ngày 15/9/2025
"""


@pytest.fixture(params=["written-now", "settled"])
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Path:
    """The edit fixture and a second directive whose title is not NFC (a warning); its files
    written a moment ago (read by every run), or (``settled``) taken as written long ago, so
    that a run takes a file's digest from its stat when an earlier run saw the same stat."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if request.param == "settled":
        monkeypatch.setattr(listing, "SETTLED_NS", -(10**30))
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    title = unicodedata.normalize("NFD", "Báo cáo tình hình triển khai")
    (target / "data/tasks/tb-101.yaml").write_text(OTHER.format(title=title), encoding="utf-8")
    return target


class Spy:
    """Counts, by file, the parses and validations a run does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: Counter[str] = Counter()
        self.validated: Counter[str] = Counter()
        parse, validate = loader.load_bytes, repository.validate_file

        def parsing(path: str, raw: bytes, positions: bool = True) -> Any:
            self.parsed[path] += 1
            return parse(path, raw, positions)

        def validating(loaded: Any, model: Any) -> Any:
            self.validated[loaded.path] += 1
            return validate(loaded, model)

        for module in (loader, repository, parallel):
            monkeypatch.setattr(module, "load_bytes", parsing)
        monkeypatch.setattr(repository, "validate_file", validating)

    def reset(self) -> None:
        self.parsed.clear()
        self.validated.clear()


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Spy]:
    yield Spy(monkeypatch)


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*.yaml"))


def test_an_edit_parses_and_validates_every_other_file_once(root: Path, spy: Spy) -> None:
    result = run_cli("--root", str(root), "--no-cache", "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert result.exit_code == 0, result.stderr
    others = [f for f in files(root) if f != TASKS]
    assert {f: spy.parsed[f] for f in others} == dict.fromkeys(others, 1)
    assert {f: spy.validated[f] for f in others} == dict.fromkeys(others, 1)
    # the edited file: as the command read it, and as the change leaves it
    assert spy.validated[TASKS] == 2


def test_an_edit_after_a_warm_run_parses_nothing_again(root: Path, spy: Spy) -> None:
    for _ in range(2):  # the first run fills the shards, the second makes the snapshot
        assert run_cli("--root", str(root), "validate").exit_code == 0
    spy.reset()
    result = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert result.exit_code == 0, result.stderr
    others = [f for f in files(root) if f != TASKS]
    assert not any(spy.parsed[f] for f in others)  # the shards hold them
    assert not any(spy.validated[f] for f in others)  # the snapshot holds them
    assert spy.validated[TASKS] == 1  # as the change leaves it


def test_an_edit_looks_its_item_up_in_the_repository_as_the_edit_before_it_left_it(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command's one load is made holding the repository's lock: what another edit changes
    while this one waits is what this one checks its item against (here, the directive now
    assigned after the done date given), not the repository as it was before the wait."""
    tried = refused_tries(monkeypatch, "waiter")
    answers: list[Any] = []
    waiter = threading.Thread(
        target=lambda: answers.append(run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025")),
        name="waiter",
    )
    before = (root / TASKS).read_text(encoding="utf-8")
    with held(repository_lock_path(root), "another edit", 0):
        waiter.start()
        assert tried.wait(30)
        (root / TASKS).write_text(before.replace("date: 23/7/2025", "date: 5/8/2025"), encoding="utf-8")
    waiter.join(60)
    assert (answers[0].exit_code, answers[0].stderr) == (
        2,
        "Lỗi: --on 1/8/2025 sớm hơn ngày giao “t1” (5/8/2025).\n",
    )


@pytest.mark.parametrize("form", [[], ["--format", "json"]])
def test_validate_says_the_same_warm_as_cold_and_does_no_work_again(
    root: Path, spy: Spy, form: list[str]
) -> None:
    cold = run_cli("--root", str(root), "validate", *form)
    assert cold.exit_code == 0
    assert "not-nfc" in cold.stdout  # a warning, quoted with its line
    assert not (root / CACHE_DIR / "snapshot.pickle").exists()  # a one-off run does not make it
    assert run_cli("--root", str(root), "validate", *form).stdout == cold.stdout  # from the shards
    assert (root / CACHE_DIR / "snapshot.pickle").is_file()
    spy.reset()
    warm = run_cli("--root", str(root), "validate", *form)
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)
    assert not spy.parsed and not spy.validated
    assert run_cli("--root", str(root), "--no-cache", "validate", *form).stdout == cold.stdout


def test_a_changed_file_is_read_again_and_the_snapshot_made_anew(root: Path, spy: Spy) -> None:
    status = ["status", "--as-of", "1/9/2025", "--all", "--format", "json"]
    first = run_cli("--root", str(root), *status)
    assert run_cli("--root", str(root), *status).stdout == first.stdout
    snapshot = root / CACHE_DIR / "snapshot.pickle"
    made = snapshot.read_bytes()
    path = root / "data/tasks/tb-101.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("15/9/2025", "16/9/2025"), encoding="utf-8")
    spy.reset()
    second = run_cli("--root", str(root), *status)
    assert spy.parsed == Counter({"data/tasks/tb-101.yaml": 1})  # the others: from the shards
    assert second.stdout == run_cli("--root", str(root), "--no-cache", *status).stdout
    assert second.stdout != first.stdout
    assert snapshot.read_bytes() == made  # the run parsed a file: the next one makes the snapshot
    assert run_cli("--root", str(root), *status).stdout == second.stdout
    assert snapshot.read_bytes() != made
    spy.reset()
    assert run_cli("--root", str(root), *status).stdout == second.stdout
    assert not spy.parsed and not spy.validated


def test_a_snapshot_naming_a_class_outside_dothi_is_not_unpickled(root: Path, tmp_path: Path) -> None:
    """Even signed with the user's key, a snapshot can only name dothi's classes, dates and paths."""
    import pickle

    from dothi.data import snapshot
    from dothi.data.cache import key_folder, open_cache

    cache = open_cache(root, key_folder({"XDG_CACHE_HOME": str(tmp_path / "xdg")}))
    assert cache.secret is not None

    class Boom:
        def __reduce__(self) -> tuple[Any, ...]:
            return (shutil.rmtree, (str(root),))

    with pytest.raises(pickle.UnpicklingError):
        snapshot.Restricted(io.BytesIO(pickle.dumps(("k", [], [], {}, Boom(), {})))).load()
    assert (root / "data").is_dir()


def test_an_edit_after_a_warm_run_reads_back_only_the_file_it_changes(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The models say which file holds the id: the other files' values stay in the cache."""
    for _ in range(2):
        assert run_cli("--root", str(root), "validate").exit_code == 0
    read: Counter[str] = Counter()
    load_file = repository.load_file

    def reading(root: Path, relative: str, store: Any) -> Any:
        read[relative] += 1
        return load_file(root, relative, store)

    monkeypatch.setattr(repository, "load_file", reading)
    result = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert set(read) == {TASKS}


def test_looking_an_id_up_in_the_models_finds_what_looking_everywhere_finds(root: Path) -> None:
    """Including an id that is both a task's and a locality's (their tables are apart)."""
    other = root / "data/tasks/tb-101.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("id: k1", "id: ha-noi"), encoding="utf-8")
    result = repository.load_repository(root, None, None)
    assert result.repository is not None
    values = {relative: loaded.data for relative, loaded in result.files.items()}
    tasks = [task for directive in result.repository.directives.values() for task in directive.data.tasks]
    roadmap = [m.id for locality in result.repository.localities.values() for m in locality.data.roadmap]
    written = [task.id for task in tasks] + [f"{task.id}@{org}" for task in tasks for org in task.responses]
    written += [*roadmap, *result.repository.localities, "khong-co", "t1#2025"]
    assert {"t1", "t2@bxd", "hn-2026", "ha-noi"} <= set(written)  # a task, an assignee, a milestone
    for ident in written:
        likely = _likely_files(result, ident)
        found = find_target({relative: values[relative] for relative in likely}, ident) if likely else None
        assert (found or find_target(values, ident)) == find_target(values, ident), ident
        assert bool(likely) == (find_target(values, ident) is not None), ident


def built_items(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts the days whose items the states engine builds."""
    from dothi.reports import states

    built: Counter[str] = Counter()
    build = states._built_items

    def counting(repo: Any, as_of: Any, soon: int) -> Any:
        built[as_of.isoformat()] += 1
        return build(repo, as_of, soon)

    monkeypatch.setattr(states, "_built_items", counting)
    return built


def status(root: Path, day: str = "1/9/2025") -> str:
    result = run_cli("--root", str(root), "status", "--as-of", day, "--all", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_days_items_are_built_once_and_read_back_by_the_next_run(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(derived, "SMALL", 0)  # as a large repository's
    first = status(root)  # parses the files: keeps nothing of what it derived, notes the day asked
    assert not list((root / CACHE_DIR).glob("items-*.pickle"))
    assert status(root) == first  # parses nothing: keeps the day's items
    assert [p.name for p in (root / CACHE_DIR).glob("items-*.pickle")] == ["items-2025-09-01-14.pickle"]
    built = built_items(monkeypatch)
    assert status(root) == first
    assert built == Counter()  # read back, not built
    assert status(root, "2/9/2025") != first
    assert built == Counter({"2025-09-02": 1})  # another day is built
    kept = root / CACHE_DIR / "items-2025-09-02-14.pickle"
    assert not kept.exists()  # asked once: a script stepping through the days writes no items
    status(root, "2/9/2025")
    assert kept.is_file()  # asked again: kept
    monkeypatch.setattr(derived, "SMALL", 1024 * 1024)
    status(root, "3/9/2025")
    assert (root / CACHE_DIR / "items-2025-09-03-14.pickle").is_file()  # small: kept when first asked


def test_a_changed_file_or_a_forged_file_means_the_items_are_built_again(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(2):
        status(root)
    built = built_items(monkeypatch)
    kept = root / CACHE_DIR / "items-2025-09-01-14.pickle"
    kept.write_bytes(kept.read_bytes()[:-1] + b"x")  # the MAC no longer matches
    first = status(root)
    assert built == Counter({"2025-09-01": 1})
    tasks = root / TASKS
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("Tổng kết Đề án 950", "Sơ kết Đề án 950"), encoding="utf-8"
    )
    assert status(root) != first
    assert built == Counter({"2025-09-01": 2})


def test_only_the_latest_days_are_kept(root: Path) -> None:
    from dothi.data.derived import KEEP

    for day in range(1, KEEP + 3):
        for _ in range(2):
            status(root, f"{day}/9/2025")
    kept = sorted(p.name for p in (root / CACHE_DIR).glob("items-*.pickle"))
    assert kept == [f"items-2025-09-{day:02}-14.pickle" for day in range(3, KEEP + 3)]
    asked = sorted(p.name for p in (root / CACHE_DIR).glob("items-*.asked"))
    assert asked == [f"items-2025-09-{day:02}-14.asked" for day in range(3, KEEP + 3)]


def test_kept_items_can_name_no_class_outside_dothi(root: Path) -> None:
    import pickle

    from dothi.data import derived, snapshot

    class Boom:
        def __reduce__(self) -> tuple[Any, ...]:
            return (shutil.rmtree, (str(root),))

    with pytest.raises(pickle.UnpicklingError):
        snapshot.Restricted(io.BytesIO(pickle.dumps(((Boom(),),))), derived.ITEM_CLASSES).load()
    assert (root / "data").is_dir()


def calls_of(monkeypatch: pytest.MonkeyPatch, method: str) -> list[int]:
    """A list that grows by one each time a run calls the snapshot's ``method`` (a part of the
    snapshot unpickled when first asked for)."""
    calls: list[int] = []
    unpickled = getattr(snapshot.Kept, method)

    def counted(self: snapshot.Kept) -> Any:
        calls.append(1)
        return unpickled(self)

    monkeypatch.setattr(snapshot.Kept, method, counted)
    return calls


def test_a_warm_run_unpickles_the_directives_only_when_it_reads_them(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They are most of a snapshot: validate and a status from kept items need their ids at
    most; building items, or an edit, reads them, and then finds them as they were."""
    for _ in range(3):  # shards, snapshot, the day's items asked twice and kept
        status(root)
    heavy = calls_of(monkeypatch, "directives")
    first = status(root)
    assert run_cli("--root", str(root), "validate").exit_code == 0
    table = run_cli("--root", str(root), "status", "--as-of", "1/9/2025", "--state", "overdue", "--no-limit")
    assert table.exit_code == 0 and "100/TB-VPCP" in table.stdout  # directives by number: their headers
    assert not heavy
    assert status(root, "3/9/2025") != first  # a day not kept: its items are built from the tasks
    assert heavy
    edit = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert edit.exit_code == 0, edit.stderr


def test_an_edit_unpickles_no_directive_header_and_a_report_finds_them_as_they_were(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The headers are pickled apart from the light part every warm run reads: an edit needs
    none of them (31 ms at 100,000 items), a listing of directives by number reads them."""
    for _ in range(3):
        status(root)
    read = calls_of(monkeypatch, "headers")
    edit = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert edit.exit_code == 0, edit.stderr
    assert not read
    table = run_cli("--root", str(root), "status", "--as-of", "1/9/2025", "--state", "overdue", "--no-limit")
    assert table.exit_code == 0 and "100/TB-VPCP" in table.stdout
    assert read


def test_deferred_directives_are_a_mapping_of_the_same_directives() -> None:
    loads: list[int] = []
    directives = {"qd-2": "second", "qd-1": "first"}

    def load() -> dict[str, str]:
        loads.append(1)
        return directives

    deferred = snapshot.Deferred(tuple(directives), load)
    assert (list(deferred), len(deferred), "qd-1" in deferred, "qd-3" in deferred) == (
        ["qd-2", "qd-1"],
        2,
        True,
        False,
    )
    assert not loads  # ids, counts and membership: nothing unpickled
    assert deferred == directives and dict(deferred.items()) == directives and deferred.get("qd-3") is None
    assert loads


def test_kept_rows_hold_each_repeated_value_once_and_give_back_the_same_items(root: Path) -> None:
    """A day's items are kept with each repeated value as one object (pickle then writes it once):
    read back, they are the items that were built."""
    import pickle

    from dothi.reports.item import _ITEM_FIELDS, SHARED_FIELDS, item_rows, items_of_rows
    from dothi.reports.states import items_as_of

    loaded = repository.load_repository(root).repository
    assert loaded is not None
    items = items_as_of(loaded, date(2025, 9, 1))
    rows = item_rows(items)
    assert items_of_rows(pickle.loads(pickle.dumps(rows))) == tuple(items)
    for index, name in enumerate(_ITEM_FIELDS):
        values = [row[index] for row in rows]
        distinct = {id(value) for value in values}
        if name in SHARED_FIELDS:
            assert len(distinct) == len({(type(v), v) for v in values}), name
    leads = [row[_ITEM_FIELDS.index("lead")] for row in rows]
    assert len(set(leads)) < len(leads)  # the fixture repeats a lead: the test means something


EDITS_IN_A_ROW = [
    ("done", "t1", "--on", "1/8/2025"),
    ("update", "t1", "Đã trình Chính phủ", "--on", "2/8/2025", "--by", "bxd"),
    ("done", "k1", "--on", "1/9/2025"),
    ("update", "t3", "Ghi chú", "--on", "1/11/2025", "--by", "nobody"),  # refused: an unknown member
    ("done", "t2@bxd", "--on", "24/7/2025"),  # refused: done already
]


def test_edits_in_a_row_check_only_the_files_changed_since_the_snapshot(
    root: Path, tmp_path: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The snapshot made before the first edit serves the next ones (issue 19 item 5): the task
    files changed since are checked alone, and each edit says, refuses and writes what it
    would without the cache."""
    twin = tmp_path / "twin"
    shutil.copytree(root, twin)
    for _ in range(2):  # the shards, then the snapshot
        assert run_cli("--root", str(root), "validate").exit_code == 0
    whole = checked_whole(monkeypatch)
    for edit in EDITS_IN_A_ROW:
        cold = run_cli("--root", str(twin), "--no-cache", *edit)
        spy.reset()
        whole.clear()
        warm = run_cli("--root", str(root), *edit)
        assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr), edit
        assert set(spy.validated) <= {TASKS, "data/tasks/tb-101.yaml"}, edit  # never the others
        assert not whole, edit
    assert [file.read_bytes() for file in sorted((root / "data").rglob("*.yaml"))] == [
        file.read_bytes() for file in sorted((twin / "data").rglob("*.yaml"))
    ]
    assert run_cli("--root", str(root), "validate").stdout == run_cli("--root", str(twin), "validate").stdout


def checked_whole(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the runs of the cross-file checks over every file."""
    calls: list[int] = []
    check = repository.check_repository

    def counting(*args: Any) -> Any:
        calls.append(1)
        return check(*args)

    monkeypatch.setattr(repository, "check_repository", counting)
    return calls


def test_an_edit_finds_its_item_without_reading_the_stores_shards(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shard holds a sixteenth of every file: at scale, reading one to look up the edited
    file costs more than parsing that file. An unknown id, compared with every id, still reads
    the files from the store."""
    from dothi.data import cache

    for _ in range(2):  # the shards, then the snapshot
        assert run_cli("--root", str(root), "validate").exit_code == 0
    shards: list[str] = []
    read = cache.FileCache._read

    def counting(self: Any, name: str) -> Any:
        shards.append(name)
        return read(self, name)

    monkeypatch.setattr(cache.FileCache, "_read", counting)
    monkeypatch.setattr(repository.LazyFiles, "ALONE", 1, raising=False)
    result = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert shards == []
    unknown = run_cli("--root", str(root), "done", "t9", "--on", "1/8/2025", "--dry-run")
    assert unknown.exit_code == 2, unknown.stderr
    assert shards


def test_an_edit_that_loaded_every_file_leaves_the_snapshot_the_next_edits_start_from(
    root: Path, monkeypatch: pytest.MonkeyPatch, spy: Spy
) -> None:
    """No snapshot yet (new code, a cache deleted, more files changed than an edit checks alone):
    the first edit checks every file, and keeps what it found, so the edits after it do not."""
    assert run_cli("--root", str(root), "validate").exit_code == 0  # the shards, no snapshot yet
    whole = checked_whole(monkeypatch)
    first, *others = EDITS_IN_A_ROW[:3]
    assert run_cli("--root", str(root), *first).exit_code == 0
    assert whole == [1]  # the files as the edit found them
    for edit in others:
        spy.reset()
        assert run_cli("--root", str(root), *edit).exit_code == 0, edit
        assert set(spy.validated) <= {TASKS, "data/tasks/tb-101.yaml"}, edit  # never the others
    assert whole == [1]


def test_a_file_changed_by_hand_that_changes_the_ids_is_checked_with_every_file(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Since the snapshot, someone gave tb-101's task the id of tb-100's ``t1``: the edit of
    tb-100 must see the duplicate, so every file is checked again."""
    for _ in range(2):
        assert run_cli("--root", str(root), "validate").exit_code == 0
    other = root / "data/tasks/tb-101.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("id: k1", "id: t1"), encoding="utf-8")
    whole = checked_whole(monkeypatch)
    result = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert result.exit_code == 0, result.stderr  # the duplicate was there before the change too
    assert whole == [1, 1]  # as the command found it, and as the edit leaves it


def test_many_files_changed_since_the_snapshot_are_checked_with_every_file(
    root: Path, monkeypatch: pytest.MonkeyPatch, spy: Spy
) -> None:
    for _ in range(2):
        assert run_cli("--root", str(root), "validate").exit_code == 0
    other = root / "data/tasks/tb-101.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("15/9/2025", "16/9/2025"), encoding="utf-8")
    whole = checked_whole(monkeypatch)
    monkeypatch.setattr(repository, "NEAR", 0)
    result = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert whole == [1]  # as the command found it; the edit then checks its file alone
    monkeypatch.setattr(repository, "NEAR", 1)
    spy.reset()
    result = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert whole == [1]
    assert set(spy.validated) == {"data/tasks/tb-101.yaml", TASKS}


def test_a_file_dothi_will_not_read_is_no_change_a_snapshot_can_stand_for(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A YAML file in a folder under data/tasks/ (a problem of the listing, not of a file read)
    since the snapshot: the files read are the same, but the repository has an error now."""
    for _ in range(2):
        assert run_cli("--root", str(root), "validate").exit_code == 0
    (root / "data/tasks/tb-101.yaml").write_text(OTHER.format(title="Báo cáo"), encoding="utf-8")
    (root / "data/tasks/cu").mkdir()
    (root / "data/tasks/cu/tb-99.yaml").write_text("tasks: []\n", encoding="utf-8")
    whole = checked_whole(monkeypatch)
    result = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert result.exit_code == 0, result.stderr  # the error was there before the change too
    assert whole == [1, 1]


def uncached_status(root: Path, day: str) -> str:
    asked = ("status", "--as-of", day, "--all", "--format", "json")
    return run_cli("--root", str(root), "--no-cache", *asked).stdout


def heavy_files(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("snapshot-*.pickle"))


@pytest.fixture
def heavy_reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each reading of a snapshot's second file (the models): whether it verified."""
    found: list[bool] = []
    read = snapshot.read_models

    def counted(cache: Any, key: str) -> bytes | None:
        made = read(cache, key)
        found.append(made is not None)
        return made

    monkeypatch.setattr(snapshot, "read_models", counted)
    return found


def test_the_models_are_sealed_apart_and_read_only_by_a_run_that_needs_them(
    root: Path, heavy_reads: list[bool]
) -> None:
    """validate and an edit read the snapshot's first file only; a report built from the tasks
    reads the second, which is the one written with the first (one is kept)."""
    first = status(root)
    assert status(root) == first
    assert len(heavy_files(root)) == 1
    assert run_cli("--root", str(root), "validate").exit_code == 0
    edit = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025", "--dry-run")
    assert edit.exit_code == 0, edit.stderr
    assert heavy_reads == []
    assert status(root, "3/9/2025") == uncached_status(root, "3/9/2025")
    assert heavy_reads == [True]
    path = root / "data/tasks/tb-101.yaml"  # a new snapshot replaces the second file too
    path.write_text(path.read_text(encoding="utf-8").replace("15/9/2025", "16/9/2025"), encoding="utf-8")
    before = heavy_files(root)
    status(root)
    status(root)
    assert len(heavy_files(root)) == 1 and heavy_files(root) != before


@pytest.mark.parametrize("damage", ["forged", "removed", "fifo"])
def test_a_second_file_not_written_with_the_snapshot_is_not_believed(
    root: Path, heavy_reads: list[bool], damage: str
) -> None:
    """Forged (another key), gone or not a file: the answer is the one the files give, the
    directives validated again from the shards."""
    status(root)
    status(root)
    (models,) = heavy_files(root)
    if damage == "forged":
        models.write_bytes(seal(b"k" * 32, models.stem, models.read_bytes()[40:]))
    else:
        models.unlink()
        if damage == "fifo":
            os.mkfifo(models)
    assert status(root, "3/9/2025") == uncached_status(root, "3/9/2025")
    assert heavy_reads == [False]


def test_an_edit_after_a_file_was_added_does_without_a_second_file_that_is_not_its_own(
    root: Path, heavy_reads: list[bool]
) -> None:
    """The edit takes the snapshot of the files as they were (a task file added since), whose
    models it would take for the files that did not change: without them, it validates them."""
    status(root)
    status(root)
    (models,) = heavy_files(root)
    models.write_bytes(b"not the models")
    (root / "data/tasks/tb-102.yaml").write_text(
        OTHER.format(title="Báo cáo khác").replace("101/TB", "102/TB").replace("k1", "m1"), encoding="utf-8"
    )
    edit = ["done", "t1", "--on", "1/8/2025", "--dry-run"]
    done = run_cli("--root", str(root), *edit)
    assert (done.exit_code, done.stderr) == (0, "")
    assert done.stdout == run_cli("--root", str(root), "--no-cache", *edit).stdout
    assert heavy_reads == [False]


def test_a_second_file_replaced_after_the_snapshot_was_read_is_not_taken_for_its_own(
    root: Path, tmp_path: Path, heavy_reads: list[bool]
) -> None:
    """Another run replaced both files meanwhile: the models of other files are not this
    snapshot's, and the directives are validated again."""
    status(root)
    status(root)
    cache = open_cache(root, key_folder({"XDG_CACHE_HOME": str(tmp_path / "xdg")}))
    kept = snapshot.read(cache, "", near=True)
    assert kept is not None
    kept.result(root, cache)
    path = root / "data/tasks/tb-101.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before.replace("15/9/2025", "16/9/2025"), encoding="utf-8")
    status(root)
    status(root)  # a new snapshot, and a new second file in place of the old one
    path.write_text(before, encoding="utf-8")
    directives = kept.directives()
    assert heavy_reads == [False]
    assert sorted(directives) == ["tb-100", "tb-101"]
    assert "15/9/2025" in repr(directives["tb-101"])


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux: counts the open descriptors")
def test_warm_runs_in_one_process_leave_no_file_open(root: Path) -> None:
    """What a run loads lives as long as the process (it is frozen out of the collector), so
    nothing it holds may be a file left open: tests and scripts run many commands in one."""
    for _ in range(3):
        status(root)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        assert run_cli("--root", str(root), "validate").exit_code == 0
        status(root)
        status(root, "3/9/2025")
    assert len(os.listdir("/proc/self/fd")) <= before
