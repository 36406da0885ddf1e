"""A data file edited the way a careful person edits it.

ruamel.yaml's round trip keeps comments, key order, quoting and flow style. Indentation is a
setting of the dumper, not something it reads, so the file's own is found by trying the common
styles until one writes the unchanged file back byte for byte. A file that no style writes back
unchanged is not edited at all: saving it would reformat lines the user did not ask to change.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from dothi.edit.errors import EditError
from dothi.problem import Text

# (mapping, sequence, offset): "key:\n  - a" is (2, 4, 2); "key:\n- a" is (2, 2, 0).
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 0), (4, 4, 2), (3, 5, 3))
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_VN_DAY = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the user wrote on one
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


@dataclass
class Document:
    """One file's round-trip tree and the dumper that writes it back as it was."""

    relative: str
    original: str
    data: Any
    yaml: YAML

    @classmethod
    def parse(cls, relative: str, text: str) -> Document:
        yaml = _yaml(INDENTS[0])
        try:
            data = yaml.load(text)
        except YAMLError:
            raise EditError(Text.of("edit.unreadable", path=relative)) from None
        if not isinstance(data, CommentedMap):
            raise EditError(Text.of("edit.unreadable", path=relative))
        for mapping_indent, sequence_indent, offset in INDENTS:
            yaml.indent(mapping=mapping_indent, sequence=sequence_indent, offset=offset)
            if _dump(yaml, data) == text:
                return cls(relative, text, data, yaml)
        raise EditError(Text.of("edit.layout", path=relative))

    @classmethod
    def new(cls, relative: str, data: CommentedMap) -> Document:
        return cls(relative, "", data, _yaml(INDENTS[0]))

    def dump(self) -> str:
        return _dump(self.yaml, self.data)

    def day(self, value: date) -> Any:
        """A date written as this file writes its dates: ISO, or day first (5/6/2025)."""
        if len(_ISO_DAY.findall(self.original)) > len(_VN_DAY.findall(self.original)):
            return value  # ruamel writes a date plainly, 2025-06-05
        return f"{value.day}/{value.month}/{value.year}"

    def entity(self, key: str, ident: str) -> CommentedMap | None:
        """The mapping with ``id: ident`` in the list under ``key`` (tasks, roadmap)."""
        for item in self.data.get(key) or []:
            if isinstance(item, CommentedMap) and str(item.get("id")) == ident:
                return item
        return None


def set_key(owner: CommentedMap, key: str, value: Any) -> None:
    """Set ``key``: in place when it is there (its comments stay), else added at the end."""
    if key in owner:
        owner[key] = value
    else:
        append(owner, key, value)


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
    moved = _take_trailing(before) if before else None
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
        container, key = child, _last(child)
    return container, key


def _slot(container: CommentedMap | CommentedSeq) -> int:
    return 2 if isinstance(container, CommentedMap) else 0  # where ruamel keeps a trailing comment


def _take_trailing(position: Position) -> CommentToken | None:
    """The comment lines after ``position``, detached; its same-line comment stays."""
    container, key = position
    entry = container.ca.items.get(key)
    token = entry[_slot(container)] if entry else None
    if token is None:
        return None
    if isinstance(container[key], LiteralScalarString | FoldedScalarString):
        same_line, following = "", token.value  # a block scalar ends its own line: all of it follows
    else:
        same_line, _, following = token.value.partition("\n")
    if not following:
        return None
    moved: CommentToken = copy.copy(token)
    moved.value = "\n" + following
    if same_line:
        token.value = same_line + "\n"
    else:
        entry[_slot(container)] = None
    return moved


def _give_trailing(position: Position, token: CommentToken) -> None:
    container, key = position
    empty = [None, None, None, None] if isinstance(container, CommentedMap) else [None, None]
    entry = container.ca.items.setdefault(key, empty)
    current = entry[_slot(container)]
    if current is not None:  # the new value came with a same-line comment: keep it first
        token.value = current.value.rstrip("\n") + token.value
    entry[_slot(container)] = token


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
