"""Issue 19 item 5: an edit of one item round-trips that item's lines only (``edit.part``).

The promise is that nobody can tell: wherever the whole file's round trip writes a change, the
item's own round trip writes the same bytes, and wherever the whole file's refuses it for what
the change is (done already, an anchor shared), so does the item's. The one difference allowed
is the point of it: a file whose other lines ruamel would write back otherwise (``lead:    bxd``
in another task) is refused by the whole file's round trip and edited by the item's, leaving
those lines as they are.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dothi.edit import changes, part, transaction
from dothi.edit.changes import Target
from dothi.edit.document import INDENTS, Document, _yaml
from dothi.edit.errors import EditError

PROJECT = Path(__file__).parent.parent / "data"
FIXTURE = Path(__file__).parent / "fixtures" / "edit" / "data"
DAY = date(2025, 9, 1)
Change = Callable[[Document, Target], object]
CHANGES: dict[str, Change] = {
    "done": lambda doc, t: changes.done(doc, t, DAY, "Đã hoàn thành"),
    "done-corrected": lambda doc, t: changes.done(doc, t, date(2025, 9, 2), None, correct=True),
    "update": lambda doc, t: changes.update(doc, t, DAY, "Đã trình", "bxd", 50),
    "respond": lambda doc, t: changes.respond(doc, t, "in_progress", DAY, None, "Đang làm"),
    "obstacle": lambda doc, t: changes.obstacle(doc, t, DAY, "Thiếu kinh phí", "group"),
    "cancel": lambda doc, t: changes.cancel(doc, t, "Không còn cần", DAY),
    "reopen": lambda doc, t: changes.reopen(doc, t),
    "extend": lambda doc, t: changes.extend(doc, t, DAY, "trước ngày 31/12/2025", "ttg"),
    "transfer": lambda doc, t: changes.transfer(doc, t, DAY, "bkhcn", None),
}


def targets(relative: str, text: str) -> list[Target]:
    """Every task, milestone and (for a task each body answers) first assignee of a file."""
    data = yaml.safe_load(text)
    found: list[Target] = []
    for key, kind in (("tasks", "task"), ("roadmap", "milestone")):
        for item in data.get(key) or [] if isinstance(data, dict) else []:
            if not isinstance(item, dict) or "id" not in item:
                continue
            found.append(Target(kind, str(item["id"]), relative))  # type: ignore[arg-type]
            answers = item.get("responses")
            if item.get("each") and isinstance(answers, dict) and answers:
                found.append(Target("assignment", str(item["id"]), relative, str(next(iter(answers)))))
    return found


def written(root: Path, relative: str, change: Change, target: Target, by_item: bool) -> tuple[str, str]:
    """("ok", the file's new text) or ("refused", the refusal's text), as an edit makes it."""
    item = target.item if by_item else None
    try:
        doc = transaction._changed(root, relative, lambda d: change(d, target), None, item)
    except EditError as refused:
        return "refused", f"{refused.text.key} {refused.text.params}"
    return "ok", doc.dump()


def compare(root: Path, relative: str, target: Target, name: str) -> bool:
    """Hold the item's round trip to the whole file's; True when the item's lines were cut out."""
    text = (root / relative).read_text(encoding="utf-8")
    whole = written(root, relative, CHANGES[name], target, by_item=False)
    alone = written(root, relative, CHANGES[name], target, by_item=True)
    if whole[0] == "refused" and whole[1].startswith("edit.layout") and alone[0] == "ok":
        assert_only_the_item_changed(text, alone[1], target)
    elif whole[0] == "refused" and whole[1].startswith("edit.layout") and alone != whole:
        assert alone == refusal_of_the_item(relative, text, target, CHANGES[name]), (target, name)
    else:
        assert alone == whole, (relative, target, name)
    return target.item is not None and part.parse_part(relative, text, *target.item) is not None


def refusal_of_the_item(relative: str, text: str, target: Target, change: Change) -> tuple[str, str]:
    """What the change itself refuses, made on the item's lines alone."""
    assert target.item is not None
    alone = part.parse_part(relative, text, *target.item)
    assert alone is not None
    with pytest.raises(EditError) as refused:
        change(alone, target)
    return "refused", f"{refused.value.text.key} {refused.value.text.params}"


def assert_only_the_item_changed(before: str, after: str, target: Target) -> None:
    """The lines the diff touches lie within the item's lines in the file as it was."""
    assert target.item is not None
    cut = part._cut(target.file, before, *target.item)
    assert cut is not None
    first = cut.before.count("\n")
    last = first + cut.item.count("\n")
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    for tag, start, end, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert first <= start <= end <= last, (start, end, first, last)


def files(folder: Path) -> list[Path]:
    """The task and locality files that have items (a locality may have no roadmap yet)."""
    found = sorted([*folder.glob("tasks/*.yaml"), *folder.glob("localities/*.yaml")])
    return [path for path in found if targets(path.name, path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("path", files(PROJECT) + files(FIXTURE), ids=lambda p: p.name)
def test_every_edit_of_every_item_writes_what_the_whole_files_round_trip_writes(
    path: Path, tmp_path: Path
) -> None:
    relative = f"data/{path.parent.name}/{path.name}"
    (tmp_path / relative).parent.mkdir(parents=True)
    (tmp_path / relative).write_bytes(path.read_bytes())
    cuts = [
        compare(tmp_path, relative, target, name)
        for target in targets(relative, path.read_text(encoding="utf-8"))
        for name in CHANGES
    ]
    assert all(cuts)  # the items of the shipped data are all cut out, not left to the whole file


def restyled(text: str, indent: tuple[int, int, int]) -> str:
    """The fixture as a file written in another indentation style."""
    loader = _yaml(INDENTS[0])
    data = loader.load(text)
    writer = _yaml(indent)
    out = io.StringIO()
    writer.dump(data, out)
    return out.getvalue()


TB_100 = (FIXTURE / "tasks/tb-100.yaml").read_text(encoding="utf-8")
COMMENT_LINES = ["# ghi chú", "  # ghi chú", "    # ghi chú thụt sâu", "", "      # sâu hơn"]


@st.composite
def variants(draw: st.DrawFn) -> str:
    """tb-100 in another style, with comment and blank lines put anywhere, in an envelope."""
    text = restyled(TB_100, draw(st.sampled_from(INDENTS)))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        lines.insert(draw(st.integers(0, len(lines) - 1)), draw(st.sampled_from(COMMENT_LINES)))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = "---\n" + text
    if draw(st.booleans()):
        text = text.replace("lead: bxd\n", "lead:    bxd\n", 1)  # a layout ruamel would change
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if draw(st.booleans()) else "") + text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=variants(), pick=st.integers(0, 100), name=st.sampled_from(sorted(CHANGES)))
def test_an_items_round_trip_writes_what_the_whole_files_writes_whatever_the_layout(
    tmp_path: Path, text: str, pick: int, name: str
) -> None:
    try:
        yaml.safe_load(text)
    except yaml.YAMLError:  # a comment line put inside a flow mapping: no YAML at all
        return
    relative = "data/tasks/tb-100.yaml"
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    found = targets(relative, text.removeprefix("\ufeff"))
    compare(tmp_path, relative, found[pick % len(found)], name)


def test_a_layout_ruamel_would_change_in_another_item_no_longer_stops_the_edit(tmp_path: Path) -> None:
    """t3's lead is written ``lead:    bxd``: the whole file's round trip would write ``lead: bxd``.
    An edit of t1 leaves t3's line as it is, where it used to refuse the whole file."""
    relative = "data/tasks/tb-100.yaml"
    text = TB_100.replace("    lead: bxd\n    deadline: quý IV", "    lead:    bxd\n    deadline: quý IV")
    path = tmp_path / relative
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    t1, t3 = Target("task", "t1", relative), Target("task", "t3", relative)
    assert written(tmp_path, relative, CHANGES["update"], t1, by_item=False)[0] == "refused"
    status, after = written(tmp_path, relative, CHANGES["update"], t1, by_item=True)
    assert status == "ok"
    assert "    lead:    bxd\n" in after
    assert_only_the_item_changed(text, after, t1)
    # the odd line in the item itself: refused, as before
    refused = written(tmp_path, relative, CHANGES["update"], t3, by_item=True)
    assert refused[0] == "refused" and refused[1].startswith("edit.layout")


@pytest.mark.parametrize(
    ("name", "target", "key"),
    [
        ("done", Target("task", "t2", "data/tasks/tb-100.yaml"), "edit.done_each"),
        ("reopen", Target("task", "t1", "data/tasks/tb-100.yaml"), "edit.already_open"),
    ],
)
def test_what_the_change_refuses_is_said_even_where_the_whole_file_could_not_be_written(
    tmp_path: Path, name: str, target: Target, key: str
) -> None:
    """An odd line in another item (t3's ``lead:    bxd``) stops only the whole file's round trip:
    a change refused for what it asks (``done`` on an ``each`` task, ``reopen`` of an open one)
    says so, not that the file is laid out oddly."""
    relative = target.file
    text = TB_100.replace("    lead: bxd\n    deadline: quý IV", "    lead:    bxd\n    deadline: quý IV")
    path = tmp_path / relative
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    assert written(tmp_path, relative, CHANGES[name], target, by_item=False)[1].startswith("edit.layout")
    status, said = written(tmp_path, relative, CHANGES[name], target, by_item=True)
    assert status == "refused" and said.startswith(key + " ")


def test_a_change_that_writes_outside_its_item_is_made_on_the_whole_file(tmp_path: Path) -> None:
    """A milestone's obstacle is its locality's (``obstacles`` at the top): the item's round trip
    cannot hold it, sees so, and the whole file's makes it."""
    relative = "data/localities/ha-noi.yaml"
    path = tmp_path / relative
    path.parent.mkdir(parents=True)
    path.write_bytes((FIXTURE / "localities/ha-noi.yaml").read_bytes())
    milestone = Target("milestone", "hn-2026", relative)
    alone = part.parse_part(relative, path.read_text(encoding="utf-8"), "roadmap", "hn-2026")
    assert alone is not None
    CHANGES["obstacle"](alone, milestone)
    assert part.faithful(alone) is False
    assert written(tmp_path, relative, CHANGES["obstacle"], milestone, by_item=True) == written(
        tmp_path, relative, CHANGES["obstacle"], milestone, by_item=False
    )


@pytest.mark.parametrize(
    "text",
    [
        "tasks: [{id: t1, title: a}]\n",  # a flow list
        "tasks:\n  - id: t1\n    title: a\n\ntasks:\n  - id: t1\n",  # the key twice
        "tasks:\n  - id: t1\n- id: t2\n",  # items the text and the data count differently
    ],
)
def test_what_cannot_be_cut_out_for_sure_is_left_to_the_whole_file(text: str) -> None:
    assert part.parse_part("data/tasks/x.yaml", text, "tasks", "t1") is None


def test_an_item_another_one_aliases_is_left_to_the_whole_file() -> None:
    """t2 is t1 (``*one``): the item's lines alone would change t2 too, unseen."""
    text = "tasks:\n  - &one\n    id: t1\n    title: a\n  - *one\n"
    doc = part.parse_part("data/tasks/x.yaml", text, "tasks", "t1")
    assert doc is not None
    CHANGES["update"](doc, Target("task", "t1", "data/tasks/x.yaml"))
    assert part.faithful(doc) is False


def test_the_trial_of_one_style_leaves_the_tree_as_the_next_one_reads_it() -> None:
    """Writing a folded scalar moves the column of the comment after it, in the tree, when the
    style indents less: a trial of (2, 2, 0) used to shift that comment for the dump after it."""
    text = "tasks:\n  - id: t1\n    detail: >-\n      Văn bản dài\n    # ghi chú\n    lead: bxd\n"
    doc = Document.parse("x.yaml", text)
    assert doc.fitting() == ((2, 4, 2),)
    assert doc.dump_tree() == text


def test_an_item_that_fits_two_styles_is_written_by_both_or_left_to_the_whole_file(tmp_path: Path) -> None:
    """Without a mapping inside a mapping, an item reads the same with a mapping indentation of 2
    or 4; the answers an edit adds under ``responses`` would not. The whole file (its header)
    decides which, so the item's round trip gives way."""
    relative = "data/tasks/tb-4.yaml"
    text = (
        "directive:\n    number: 4/TB-VPCP\n    kind: thong-bao\n    date: 1/7/2025\n    issuer: vpcp\n"
        "    subject: Kết luận\ntasks:\n  - id: t1\n    title: a\n    each: [bxd, bkhcn]\n"
    )
    path = tmp_path / relative
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    alone = part.parse_part(relative, text, "tasks", "t1")
    assert alone is not None and isinstance(alone.part, part.Cut)
    assert alone.part.styles == ((2, 4, 2), (4, 4, 2))
    answer = Target("assignment", "t1", relative, "bxd")
    CHANGES["respond"](alone, answer)
    assert part.faithful(alone) is False
    status, after = written(tmp_path, relative, CHANGES["respond"], answer, by_item=True)
    assert (status, after) == written(tmp_path, relative, CHANGES["respond"], answer, by_item=False)
    assert "    responses:\n        bxd:\n            status: in_progress\n" in after  # by 4, as the header


def test_a_file_of_a_later_style_is_not_refused_for_what_the_earlier_trials_did_to_it() -> None:
    """Lists indented by 4 and a comment after a folded scalar: the trials of (2, 4, 2) and
    (2, 2, 0) moved the comment left in the tree, so (4, 6, 4) no longer wrote the file back and
    the whole file was refused as laid out oddly."""
    text = "tasks:\n    - id: t1\n      detail: >-\n          Văn bản dài\n      # ghi chú\n      lead: bxd\n"
    doc = Document.parse("x.yaml", text)
    assert doc.indent == (4, 6, 4)
    assert doc.dump() == text
