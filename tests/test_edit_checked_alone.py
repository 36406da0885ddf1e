"""Issue 19 item 5: a task file an edit changes, or that changed since the snapshot, is checked
against what the other files gave the checks (``checks.Tables``), not by checking every file
again, and that says exactly what checking every file would say.

The property below edits the task file of a small repository in many ways at once (statuses,
dates, leads that ended or had not begun, unknown references, answers of non-assignees, history
out of order, waivers, a directive number that is not one), and at times the other task file
too, and compares the problems, and the lines they quote, with those of loading the whole
repository as the edits leave it.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dothi.data import checks, repository
from dothi.data.checks import IdIndex, share_of
from dothi.data.loader import load_bytes
from dothi.data.repository import LoadResult, load_repository

FIXTURE = Path(__file__).parent / "fixtures" / "edit"
EDITED = "data/tasks/tb-100.yaml"
OTHER_FILE = "data/tasks/tb-101.yaml"  # changed too, when an edit follows others
MORE_ORGANIZATIONS = """\
  - id: cu
    name: Bộ đã sáp nhập
    kind: ministry
    until: 2025-08-01
    successor: bxd
  - id: moi
    name: Bộ mới thành lập
    kind: ministry
    since: 2025-10-01
"""
OTHER = """\
directive:
  number: số 101  # a warning, which must stand after the edit
  kind: thong-bao
  date: 24/7/2025
  issuer: vpcp
  subject: Kết luận phiên họp thứ hai
tasks:
  - id: k1
    title: Báo cáo sau khi trình Nghị định
    lead: bkhcn
    deadline: {within: 10 ngày, from: t1}
  - id: k2
    title: Báo cáo hằng quý
    lead: bxd
    every: quarter
    due: ngày 15 tháng cuối quý
    from: 1/10/2025
  - id: k3
    title: Gửi ý kiến
    each: ["@ministries"]
    deadline: trước ngày 15/9/2025
"""
DIRECTIVE = {
    "number": "100/TB-VPCP",
    "kind": "thong-bao",
    "date": "23/7/2025",
    "issuer": "vpcp",
    "subject": "Kết luận phiên họp thứ nhất",
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edit fixture, with a body that ended, one that began late, and a second directive
    whose deadlines count from the edited file's ``t1`` and whose duty recurs; both directives'
    numbers are no document number (a warning each)."""
    target = tmp_path_factory.mktemp("alone") / "repo"
    shutil.copytree(FIXTURE, target)
    members = target / "data/members.yaml"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace("\nmembers:\n", MORE_ORGANIZATIONS + "\nmembers:\n"), encoding="utf-8")
    (target / OTHER_FILE).write_text(OTHER, encoding="utf-8")
    edited = target / EDITED  # a warning of its own, which an edit may take away
    edited.write_text(edited.read_text(encoding="utf-8").replace("100/TB-VPCP", "số 100"), encoding="utf-8")
    return target


@pytest.fixture(scope="module", params=["made", "kept"])
def before(root: Path, request: pytest.FixtureRequest) -> LoadResult:
    """The repository before the edit: its tables as the checks made them, or as a snapshot
    keeps them (pickled, the ids in shards of two, so that a file's ids span several)."""
    result = load_repository(root, None)
    assert result.repository is not None, [p.message for p in result.errors]
    assert result.warnings  # the other files' warnings must stand after the edit
    if request.param == "kept":
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(checks, "IDS_PER_SHARD", 2)
            patch.setattr(checks, "FILES_PER_SHARD", 1)
            result.tables = pickle.loads(pickle.dumps(result.known_tables()))
    return result


def absent_or(*values: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from([None, *values])


TASK_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "status": absent_or("open", "in_progress", "done", "cancelled", "finished"),
    "done_on": absent_or("1/8/2025", "1/1/2020", "32/1/2025", "2025-09-30"),
    "cancel_reason": absent_or("Không còn cần"),
    "lead": absent_or("bxd", "cu", "moi", "khong-co", "@ministries", ["bxd", "bkhcn"]),
    "support": absent_or(["bkhcn"], ["xyz"], "cu"),
    "each": absent_or(["@ministries"], ["@localities"], [], ["bxd", "cu"], ["@cities"]),
    "deadline": st.sampled_from(["trước ngày 15/8/2025", "quý IV/2025", "1/1/2020", "sớm"]),
    "responses": absent_or(
        {"bxd": {"status": "done", "done_on": "24/7/2025"}},
        {"vpcp": {"status": "done"}},
        {
            "bkhcn": {"status": "cancelled"},
            "bxd": {"extensions": [{"on": "1/1/2024", "deadline": "1/9/2025"}]},
        },
    ),
    "updates": absent_or(
        [{"on": "1/11/2025", "note": "Đã gửi", "by": "leader"}],
        [{"on": "1/11/2025", "note": "Đã gửi", "by": "nobody"}],
        [{"note": "Không ngày"}],
    ),
    "extensions": absent_or(
        [{"on": "1/9/2025", "deadline": "30/9/2025"}],
        [{"on": "1/9/2025", "deadline": "30/9/2025"}, {"on": "1/8/2025", "deadline": "1/10/2025"}],
        [{"on": "1/1/2024", "deadline": "30/9/2025"}],
    ),
    "transfers": absent_or(
        [{"on": "1/9/2025", "to": "bkhcn"}], [{"on": "1/9/2025", "to": "cu"}], [{"on": "1/9/2025", "to": "x"}]
    ),
    "waive": absent_or(["date-order"], ["xyz"]),
    "due": absent_or("ngày 15 tháng cuối quý"),
}


@st.composite
def edited_tasks(draw: st.DrawFn) -> list[dict[str, Any]]:
    """The file's three tasks with the same ids, each field written, changed or left out."""
    tasks = []
    for ident in ("t1", "t2", "t3"):
        task: dict[str, Any] = {"id": ident, "title": f"Nhiệm vụ {ident}", "lead": "bxd"}
        task["deadline"] = "trước ngày 15/8/2025"
        for name in draw(st.sets(st.sampled_from(sorted(TASK_FIELDS)), max_size=4)):
            value = draw(TASK_FIELDS[name])
            if value is None:
                task.pop(name, None)
            else:
                task[name] = value
        tasks.append(task)
    return tasks


def text_of(tasks: list[dict[str, Any]], number: str = "100/TB-VPCP", issuer: str = "vpcp") -> bytes:
    directive = {**DIRECTIVE, "number": number, "issuer": issuer}
    return yaml.safe_dump({"directive": directive, "tasks": tasks}, allow_unicode=True).encode("utf-8")


def checked_both_ways(
    root: Path, before: LoadResult, raw: bytes, other: bytes | None = None
) -> tuple[LoadResult | None, LoadResult]:
    pending = {EDITED: raw} if other is None else {EDITED: raw, OTHER_FILE: other}
    alone = repository.revalidated(before, pending)
    whole = load_repository(root, None, pending=pending)
    return alone, whole


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tasks=edited_tasks(),
    number=st.sampled_from(["100/TB-VPCP", "số một trăm"]),
    issuer=st.sampled_from(["vpcp", "khong-co", "cu"]),
    other_lead=st.sampled_from([None, "bkhcn", "cu", "moi", "khong-co"]),
)
def test_files_checked_alone_say_what_checking_every_file_says(
    root: Path,
    before: LoadResult,
    tasks: list[dict[str, Any]],
    number: str,
    issuer: str,
    other_lead: str | None,
) -> None:
    raw = text_of(tasks, number, issuer)
    other = OTHER.replace("lead: bkhcn", f"lead: {other_lead}").encode() if other_lead else None
    alone, whole = checked_both_ways(root, before, raw, other)
    if alone is None:  # the file gives the tables something else: checked whole, rightly
        known = before.known_tables()
        assert known is not None
        assert share_of(load_bytes(EDITED, raw)) != known.share_of(EDITED)
        return
    assert alone.problems == whole.problems
    assert alone.sources() == whole.sources()


def test_a_done_task_is_checked_alone_and_the_warnings_stand(root: Path, before: LoadResult) -> None:
    done = b"    status: done\n    done_on: 1/8/2025\n    lead: bxd\n    support"
    raw = (root / EDITED).read_bytes().replace(b"    lead: bxd\n    support", done, 1)
    alone, whole = checked_both_ways(root, before, raw)
    assert alone is not None
    assert alone.problems == whole.problems
    assert {p.file for p in alone.warnings} == {EDITED, "data/tasks/tb-101.yaml"}


def test_an_edit_that_makes_a_reference_unknown_is_caught_alone(root: Path, before: LoadResult) -> None:
    raw = (root / EDITED).read_bytes().replace(b"    lead: bxd\n", b"    lead: bxdd\n", 1)
    alone, whole = checked_both_ways(root, before, raw)
    assert alone is not None
    assert [p.code for p in alone.errors] == ["unknown-reference"] == [p.code for p in whole.errors]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"id: t3", b"id: t9"),  # another file may count from the id that went
        (b"id: t3", b"id: t1"),  # an id written twice
        # a duty that recurs now, and a deadline that counts from another task now
        (b"    lead: bxd\n    deadline: qu", b"    lead: bxd\n    every: quarter\n    deadline: qu"),
        ("deadline: trước ngày 15/8/2025".encode(), "deadline: {within: 5 ngày, from: k1}".encode()),
    ],
)
def test_an_edit_that_changes_what_the_others_are_checked_against_checks_every_file(
    root: Path, before: LoadResult, old: bytes, new: bytes
) -> None:
    raw = (root / EDITED).read_bytes()
    assert old in raw
    alone, whole = checked_both_ways(root, before, raw.replace(old, new, 1))
    assert alone is None
    assert whole.problems  # each of them is wrong in some way the whole check sees


def test_a_repository_with_an_error_is_checked_whole(root: Path, tmp_path: Path) -> None:
    broken = tmp_path / "repo"
    shutil.copytree(root, broken)
    other = broken / "data/tasks/tb-101.yaml"
    text = other.read_text(encoding="utf-8").replace("lead: bkhcn", "lead: khong-co")
    other.write_text(text, encoding="utf-8")
    result = load_repository(broken, None)
    assert result.errors and result.known_tables() is None
    assert repository.revalidated(result, {EDITED: (broken / EDITED).read_bytes()}) is None


@settings(max_examples=200, deadline=None)
@given(
    ids=st.lists(st.text(min_size=1, max_size=12), unique=True, max_size=60),
    files=st.lists(st.sampled_from(["data/tasks/a.yaml", "data/tasks/b.yaml", "data/localities/hn.yaml"])),
    per_shard=st.integers(1, 8),
    asked=st.text(max_size=12),
)
def test_an_index_of_ids_kept_in_shards_answers_as_the_mapping_it_was_made_of(
    ids: list[str], files: list[str], per_shard: int, asked: str
) -> None:
    """Pickled, the index of ids keeps them in shards (by id, and by file) read when asked; it
    answers every question the mapping it was made of answers, the same way."""
    made = {
        ident: files[index % len(files)] if files else "data/tasks/a.yaml" for index, ident in enumerate(ids)
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checks, "IDS_PER_SHARD", per_shard)
        patch.setattr(checks, "FILES_PER_SHARD", max(1, per_shard // 4))
        kept = pickle.loads(pickle.dumps(IdIndex(dict(made))))
    for ident, file in made.items():
        assert kept[ident] == file and ident in kept
    assert kept.get(asked) == made.get(asked) and (asked in kept) == (asked in made)
    for file in {*made.values(), "data/tasks/none.yaml"}:
        assert (
            kept.ids_of(file) == IdIndex(made).ids_of(file) == tuple(i for i, f in made.items() if f == file)
        )
    assert kept == made and len(kept) == len(made)
    assert list(kept) == [
        ident for file in sorted(set(made.values())) for ident in made if made[ident] == file
    ]


def test_looking_up_one_id_reads_one_shard_of_each_kind() -> None:
    """An edit asks the file of one id, then that file's ids: two shards are read, not all."""
    made = {f"task-{number}": f"data/tasks/{number % 50}.yaml" for number in range(5000)}
    kept = pickle.loads(pickle.dumps(IdIndex(made)))
    assert kept.ids_of(kept["task-4242"]) == tuple(f"task-{n}" for n in range(42, 5000, 50))
    assert len(kept._by_id) == 5 and len(kept._read) == 2  # of 5 shards of ids and 1 of files
