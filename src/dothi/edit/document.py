"""A data file edited the way a careful person edits it.

ruamel.yaml's round trip keeps comments, key order, quoting and flow style. Indentation is a
setting of the dumper, not something it reads, so the file's own is found by trying the common
styles until one writes the unchanged file back byte for byte. A file that no style writes back
unchanged is not edited at all: saving it would reformat lines the user did not ask to change.

What Windows and editors put around the YAML (a byte order mark, CRLF line ends, no newline at
the end, a leading ``---``) is not YAML style the dumper knows: it is taken off before the round
trip and put back as it was, so such a file is edited like any other and keeps its habits.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from dothi.calendar.dates import format_day_first
from dothi.edit.errors import EditError
from dothi.problem import Text

# (mapping, sequence, offset): "key:\n  - a" is (2, 4, 2); "key:\n- a" is (2, 2, 0).
Indent = tuple[int, int, int]
INDENTS: tuple[Indent, ...] = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 0), (4, 4, 2), (3, 5, 3))
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_VN_DAY = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
# A date that is a key's whole value, "  - on: 5/6/2025" or "done_on: '2025-06-05'  # …": key, date.
_DATE_FIELD = re.compile(
    r"^[ \t-]*(\w+):[ \t]*[\"']?(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})[\"']?[ \t]*(?:#.*)?$",
    re.MULTILINE,
)
# Comment lines, blank lines and %directives, then a "---" line (with a comment, perhaps).
_START = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n|%[^\n]*\n)*---[ \t]*(?:#[^\n]*)?\n")
BOM = "\ufeff"


@dataclass(frozen=True)
class Envelope:
    """What surrounds a file's YAML and is kept as the file has it: BOM, line ends, ``---``."""

    bom: bool = False
    crlf: bool = False
    final_newline: bool = True
    start: str = ""  # the lines up to and including a leading "---", as written

    @classmethod
    def split(cls, relative: str, text: str) -> tuple[Envelope, str]:
        """The envelope and the YAML inside it, with LF line ends and a final newline."""
        bom = text.startswith(BOM)
        body = text.removeprefix(BOM)
        crlf = "\r\n" in body
        if crlf or "\r" in body:
            body = body.replace("\r\n", "\n")
            if "\r" in body or body.count("\n") != text.count("\r\n"):
                raise EditError(Text.of("edit.mixed_line_ends", path=relative))
        final_newline = body.endswith("\n") or not body
        body = body if final_newline else body + "\n"
        start = _START.match(body)
        written = start.group() if start else ""
        return cls(bom, crlf, final_newline, written), body[len(written) :]

    def wrap(self, body: str) -> str:
        """``body`` (LF line ends, a final newline) written back inside this envelope."""
        text = self.start + body
        if not self.final_newline:
            text = text.removesuffix("\n")
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return BOM + text if self.bom else text


def _yaml(indent: Indent) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the user wrote on one
    return _styled(yaml, indent)


class Part(Protocol):
    """Where a document of one part of a file goes back in the file (``part.Cut``)."""

    def splice(self, small: str) -> str | None: ...


@dataclass
class Document:
    """One file's round-trip tree and the dumper that writes it back as it was; or (``part``)
    the tree of one item of the file, with the list's key above it (see ``edit.part``)."""

    relative: str
    original: str  # the file's text as read, envelope and all
    data: Any
    yaml: YAML
    envelope: Envelope = Envelope()
    part: Part | None = None
    indent: Indent = INDENTS[0]  # the style that writes the file back as it was

    @classmethod
    def parse(cls, relative: str, text: str) -> Document:
        envelope, body = Envelope.split(relative, text)
        yaml = _yaml(INDENTS[0])
        try:
            data = yaml.load(body)
        except YAMLError:
            raise EditError(Text.of("edit.unreadable", path=relative)) from None
        if not isinstance(data, CommentedMap):
            raise EditError(Text.of("edit.unreadable", path=relative))
        _keep_anchors(data)
        for indent in INDENTS:
            if _dump_kept(_styled(yaml, indent), data) == body:
                return cls(relative, text, data, yaml, envelope, indent=indent)
        raise EditError(Text.of("edit.layout", path=relative))

    @classmethod
    def new(cls, relative: str, data: CommentedMap) -> Document:
        return cls(relative, "", data, _yaml(INDENTS[0]))

    def dump(self) -> str:
        """The whole file's new text."""
        body = self.dump_tree()
        if self.part is not None:
            spliced = self.part.splice(body)
            if spliced is None:  # pragma: no cover - part.faithful said it goes back
                raise RuntimeError(f"{self.relative}: the edited item no longer fits its file")
            body = spliced
        return self.envelope.wrap(body)

    def dump_tree(self) -> str:
        """The tree as ruamel writes it: the file's body, or one part's small document."""
        return _dump_kept(self.yaml, self.data)

    def fitting(self) -> tuple[Indent, ...]:
        """Every style that writes the tree, as read, back unchanged: a small part of a file may
        fit more than one, where the whole file fits only the first. Only the styles that put a
        list's dashes and items where this one does can (they differ in nested mappings only)."""
        body = Envelope.split(self.relative, self.original)[1]
        alike = [indent for indent in INDENTS if indent[1:] == self.indent[1:]]
        return tuple(i for i in alike if i == self.indent or self.dump_with(i) == body)

    def dump_with(self, indent: Indent) -> str:
        """The tree as another style writes it; the document keeps its own, and its tree."""
        try:
            return _dump_kept(_styled(self.yaml, indent), self.data)
        finally:
            _styled(self.yaml, self.indent)

    def day(self, value: date, key: str | None = None) -> Any:
        """A date written as this file writes its dates: ISO, or day first (5/6/2025). The style of
        the same field (``key``) decides, then that of the file's other date fields, then that of
        any date in its text; day first when nothing tells (or the styles are as many)."""
        fields = _DATE_FIELD.findall(self.original)
        votes = (
            [written for name, written in fields if name == key],
            [written for _, written in fields],
            _ISO_DAY.findall(self.original) + _VN_DAY.findall(self.original),
        )
        for written in votes:
            iso = sum(1 for day in written if _ISO_DAY.fullmatch(day))
            if iso != len(written) - iso:
                return value if iso > len(written) - iso else format_day_first(value)
        return format_day_first(value)

    def entity(self, key: str, ident: str) -> CommentedMap | None:
        """The mapping with ``id: ident`` in the list under ``key`` (tasks, roadmap)."""
        for item in self.data.get(key) or []:
            if isinstance(item, CommentedMap) and str(item.get("id")) == ident:
                return item
        return None


def _keep_anchors(data: CommentedMap) -> None:
    """Write back the anchors no alias uses too: ruamel would drop ``&name`` from a mapping or list."""
    seen: set[int] = set()
    pending: list[Any] = [data]
    while pending:
        node = pending.pop()
        if id(node) in seen or not isinstance(node, CommentedMap | CommentedSeq):
            continue
        seen.add(id(node))
        if node.anchor.value is not None:
            node.yaml_set_anchor(node.anchor.value, always_dump=True)
        pending.extend(node.values() if isinstance(node, CommentedMap) else node)


def set_key(owner: CommentedMap, key: str, value: Any) -> None:
    """Set ``key``: in place when it is there (its comments stay), else added at the end."""
    if key in owner:
        owner[key] = value
    else:
        append(owner, key, value)


def remove_key(owner: CommentedMap, key: str) -> None:
    """Delete ``key`` and its line(s); the comment lines after it stay, above what follows them."""
    keys = list(owner)
    index = keys.index(key)
    value = owner[key]
    inside = _deepest_last(value) if isinstance(value, CommentedMap | CommentedSeq) else None
    moved = _take_trailing(inside or (owner, key))
    del owner[key]
    if moved is None or index == 0:
        return
    before = owner[keys[index - 1]]
    deepest = _deepest_last(before) if isinstance(before, CommentedMap | CommentedSeq) else None
    _give_trailing(deepest or (owner, keys[index - 1]), moved)


def add_to_list(owner: CommentedMap, key: str, item: Any) -> None:
    """Add ``item`` to the list under ``key``, making a block list when there is none (or ``[]``)."""
    found = owner.get(key)
    if isinstance(found, CommentedSeq) and len(found):
        append(found, None, item)
        return
    fresh = CommentedSeq([item])
    fresh.fa.set_block_style()
    set_key(owner, key, fresh)


def append(container: CommentedMap | CommentedSeq, key: str | None, value: Any) -> None:
    """Add ``value`` at the end of a mapping (under ``key``) or a list, where a person would.

    ruamel keeps the comment lines that follow a node with that node's last value, so a value
    added after it would land below a comment that belongs to what comes next (the next task).
    The comment lines move to the new last value; a comment on the same line stays where it is.
    """
    before = _deepest_last(container)
    moved = _take_trailing(before, getattr(container.lc, "col", None)) if before else None
    if isinstance(container, CommentedMap):
        container[key] = value
    else:
        container.append(value)
    after = _deepest_last(container)
    if moved is not None and after is not None:
        _give_trailing(after, moved)


Position = tuple[CommentedMap | CommentedSeq, Any]


def _last(node: CommentedMap | CommentedSeq) -> Any:
    return next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1


def _deepest_last(node: CommentedMap | CommentedSeq) -> Position | None:
    if not len(node):
        return None
    container, key = node, _last(node)
    while isinstance(child := container[key], CommentedMap | CommentedSeq) and len(child):
        if child.fa.flow_style():  # written on one line: its comments belong to its key
            break
        container, key = child, _last(child)
    return container, key


def _slot(container: CommentedMap | CommentedSeq) -> int:
    return 2 if isinstance(container, CommentedMap) else 0  # where ruamel keeps a trailing comment


def _take_trailing(position: Position, column: int | None = None) -> CommentToken | None:
    """The comment lines after ``position`` that belong to what follows, detached.

    A same-line comment stays. When a node is about to be added at ``column``, the comment lines
    indented deeper than that belong to the node before (a closing note inside the last task) and
    stay too; from the first blank or shallower line on, they move with what follows.
    """
    container, key = position
    entry = container.ca.items.get(key)
    token: CommentToken | None = entry[_slot(container)] if entry else None
    if token is None:
        return None
    block = isinstance(container[key], LiteralScalarString | FoldedScalarString)
    if block:  # a block scalar ends its own line: every line of the token follows it
        same_line, following = None, token.value
    else:
        same_line, _, following = token.value.partition("\n")
    lines = following.split("\n")
    split = 0
    while column is not None and split < len(lines) - 1 and _deeper(lines[split], column):
        split += 1
    stay, move = lines[:split], lines[split:]
    if not "".join(move).strip() and not any(line == "" for line in move[:-1]):
        return None  # nothing but the line's own end: nothing to move
    moved: CommentToken = copy.copy(token)
    moved.value = "\n" + "\n".join(move)
    kept = "".join(line + "\n" for line in stay)
    kept = kept if block else f"{same_line}\n{kept}"
    if kept.strip() or (not block and same_line):
        token.value = kept
    else:
        entry[_slot(container)] = None
    return moved


def _deeper(line: str, column: int) -> bool:
    return bool(line.strip()) and len(line) - len(line.lstrip(" ")) > column


def _give_trailing(position: Position, token: CommentToken) -> None:
    container, key = position
    empty = [None, None, None, None] if isinstance(container, CommentedMap) else [None, None]
    entry = container.ca.items.setdefault(key, empty)
    current = entry[_slot(container)]
    if current is not None:  # the new value came with a same-line comment: keep it first
        token.value = current.value.rstrip("\n") + token.value
    entry[_slot(container)] = token


def _styled(yaml: YAML, indent: Indent) -> YAML:
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump_kept(yaml: YAML, data: Any) -> str:
    """``_dump``, the tree left as it was: writing a block scalar (``>-``, ``|``) moves the column
    of the comment after it to the left of the style's indentation, in the tree itself, so one
    style's trial would change what the next one writes."""
    marks = [(mark, mark.column) for mark in _comment_marks(data)]
    try:
        return _dump(yaml, data)
    finally:
        for mark, column in marks:
            mark.column = column


def _comment_marks(data: Any) -> list[Any]:
    """The position marks of every comment of the tree (where ruamel keeps their columns)."""
    marks: list[Any] = []
    seen: set[int] = set()
    pending: list[Any] = [data]
    while pending:
        node = pending.pop()
        if isinstance(node, CommentToken):
            if node.start_mark is not None:
                marks.append(node.start_mark)
        elif isinstance(node, list | tuple) and not isinstance(node, CommentedSeq):
            pending.extend(node)
        elif isinstance(node, CommentedMap | CommentedSeq) and id(node) not in seen:
            seen.add(id(node))
            attributes = node.ca
            pending.extend([attributes.comment, attributes.end, *attributes.items.values()])
            pending.extend(node.values() if isinstance(node, CommentedMap) else node)
    return marks


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def mapping(**values: Any) -> CommentedMap:
    """A new block mapping without the keys whose value is None."""
    made = CommentedMap()
    for key, value in values.items():
        if value is not None:
            made[key] = value
    made.fa.set_block_style()
    return made
