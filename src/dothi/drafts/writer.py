"""A ``Draft`` → the round-trip document the edit transaction validates and writes.

The file is made with ``edit.document`` (ruamel's round trip), as ``dothi add`` makes one, and
carries the reader's account as comments: where each task came from, quoted; what the reader
decided that a person should check; and, at the end, what it could not place at all.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from dothi.data.repository import Repository
from dothi.edit.document import Document, mapping
from dothi.importer.model import Draft, DraftTask
from dothi.importer.names import Directory
from dothi.messages import Catalogue
from dothi.problem import Text

WIDTH = 100  # the data files' own width
LINE = WIDTH - 6  # a task's text is indented by six
QUOTED = 300  # characters of the source quoted above a task; the detail holds it all


@dataclass
class DraftDocument(Document):
    """A new task file whose last lines are comments: what a person has to finish."""

    trailer: str = ""

    def dump(self) -> str:
        return super().dump() + self.trailer


def task_ids(draft: Draft, file_id: str, taken: set[str]) -> list[str]:
    """``<number>-<n>`` (``4720-1``), or ``<file id>-<n>`` where that is taken: unique in the repository."""
    prefix = file_id.split("-", 1)[0] if file_id[:1].isdigit() else file_id
    made: list[str] = []
    for n, _ in enumerate(draft.tasks, start=1):
        ident = f"{prefix}-{n}"
        if ident in taken or ident in made:
            ident = f"{file_id}-{n}"
        suffix = 2
        while ident in taken or ident in made:
            ident, suffix = f"{file_id}-{n}-{suffix}", suffix + 1
        made.append(ident)
    return made


def build(
    draft: Draft, relative: str, file_id: str, taken: set[str], catalogue: Catalogue, source: str
) -> DraftDocument:
    header = draft.header
    directive = mapping(
        number=header.number,
        kind=header.kind,
        date=header.day,
        issuer=header.issuer,
        signer=header.signer,
        subject=_text(header.subject) if header.subject else None,
    )
    tasks = CommentedSeq()
    for ident, task in zip(task_ids(draft, file_id, taken), draft.tasks, strict=True):
        tasks.append(_task(ident, task))
    data = mapping(directive=directive)
    data["tasks"] = tasks
    data.yaml_set_start_comment(_comment(catalogue.get("import.comment.made", file=source), WIDTH - 2))
    for index, task in enumerate(draft.tasks):
        lines = [_quote(catalogue, task)] + [catalogue.text(note) for note in task.notes]
        before = "\n" + "\n".join(_comment(line, WIDTH - 6) for line in lines)
        tasks.yaml_set_comment_before_after_key(
            index, before=before.lstrip("\n") if index == 0 else before, indent=2
        )
    doc = DraftDocument(relative, "", data, Document.new(relative, data).yaml)
    doc.trailer = _trailer(draft, catalogue)
    return doc


def _task(ident: str, task: DraftTask) -> CommentedMap:
    made = mapping(id=ident, title=_text(task.title), detail=_text(task.detail))
    if task.lead is not None:
        made["lead"] = task.lead
        if task.support:
            made["support"] = _flow(task.support)
    else:
        made["each"] = _flow(task.each)
    if task.deadline is not None:
        made["deadline"] = task.deadline
    made["status"] = "open"
    return made


def _flow(ids: list[str]) -> CommentedSeq:
    seq = CommentedSeq(ids)
    seq.fa.set_flow_style()
    return seq


def _text(value: str) -> str:
    """A long text as a folded block within the files' width; a short one as it is."""
    if len(value) <= WIDTH - 14:
        return value
    folded = FoldedScalarString(value)
    positions: list[int] = []
    line_start = last_space = 0
    for index, char in enumerate(value):
        if char == " " and value[index - 1 : index] != " " and value[index + 1 : index + 2] not in (" ", ""):
            if index - line_start > LINE and last_space > line_start:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = index
    if len(value) - line_start > LINE and last_space > line_start:
        positions.append(last_space)
    folded.fold_pos = positions
    made: str = folded
    return made


def _quote(catalogue: Catalogue, task: DraftTask) -> str:
    quoted = task.detail if len(task.detail) <= QUOTED else task.detail[:QUOTED].rsplit(" ", 1)[0] + " …"
    return catalogue.get("import.comment.source", where=catalogue.text(task.source), text=quoted)


def _comment(text: str, width: int) -> str:
    """``text`` as comment lines (ruamel adds the "# "), broken between words."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))


def _trailer(draft: Draft, catalogue: Catalogue) -> str:
    if not draft.unplaced:
        return ""
    out = ["", "# " + catalogue.get("import.comment.unplaced")]
    for item in draft.unplaced:
        where = catalogue.text(item.source) + ": " if item.source is not None else ""
        reason = catalogue.text(item.reason)
        out.append("# - " + _comment(where + reason, WIDTH - 4).replace("\n", "\n#   "))
        if item.text not in reason:
            out.append("#   " + _comment(f"“{item.text}”", WIDTH - 4).replace("\n", "\n#   "))
    return "\n".join(out) + "\n"


def summary(draft: Draft) -> Text:
    dated = sum(1 for task in draft.tasks if task.deadline is not None)
    return Text.of(
        "import.summary",
        tasks=len(draft.tasks),
        dated=dated,
        unknown=draft.unknown_names,
        unplaced=len(draft.unplaced),
    )


def directory_of(repository: Repository) -> Directory:
    """The names the reader may match: the repository's organizations and localities, nothing else."""
    organizations = [(org.id, org.name, org.short, org.kind) for org in repository.members.organizations]
    localities = [(loc.id, loc.data.name, loc.data.aliases) for loc in repository.localities.values()]
    return Directory.build(organizations, localities)


def missing_fields(draft: Draft) -> list[str]:
    """The header's required keys that the reader did not find."""
    header = draft.header
    values = {"kind": header.kind, "date": header.day, "issuer": header.issuer, "subject": header.subject}
    return [key for key, value in values.items() if value is None]
