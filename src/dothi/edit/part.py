"""The lines of one task or milestone, edited without the round trip of the whole file.

ruamel's round trip is pure Python: reading a 14 KB directive file, checking that it writes it
back unchanged and writing the change took 0.15 s, a third of an edit. An edit of one item
(``done``, ``update``, ``respond``…) changes only that item's lines. So those lines are cut out
with the list's key above them (``tasks:`` and the task), that small document goes through the
same round trip as a whole file would (:meth:`Document.parse`: its layout kept, or the edit
refused), and the result is put back between the file's other lines, which stay byte for byte.

The cut is found from the text (the list's items start at one column) and believed only when
libyaml, reading as dothi reads (``load_bytes``), agrees: the lines cut out hold exactly the
item, and the whole file with the edited lines put back holds exactly what it held, with that
one item as the edit made it. Anything else (an anchor used across items, a flow list, a
comment at the wrong column, items the text and the data count differently) gives None, and
the edit takes the whole file's round trip as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from dothi.data.loader import load_bytes
from dothi.edit.document import Document, Envelope, Indent
from dothi.edit.errors import EditError

_ITEM = re.compile(r"( *)-(?: |\n)")  # a block list's item starts: "  - id: t1", or "  -" alone


@dataclass(frozen=True)
class Cut:
    """A file's body in three: the lines before the item (the list's key line and the items
    before it), the item's lines, and the lines after it; with what dothi reads in the file."""

    before: str
    header: str  # the list's key line, "tasks:\n": the small document starts with it
    item: str
    after: str
    key: str
    index: int
    whole: Any
    styles: tuple[Indent, ...] = ()  # every style that writes the item back unchanged

    def splice(self, small: str) -> str | None:
        """The whole body with the small document's item put back; None if it lost its header."""
        if not small.startswith(self.header):
            return None
        return self.before + small[len(self.header) :] + self.after

    def holds(self, relative: str, body: str, small: str) -> bool:
        """True when ``body`` reads as the whole file with item ``index`` as ``small`` holds it."""
        edited = _read(relative, small)
        if not isinstance(edited, dict) or not _one_item(edited, self.key):
            return False
        expected = dict(self.whole)
        expected[self.key] = [*self.whole[self.key]]
        expected[self.key][self.index] = edited[self.key][0]
        return bool(_read(relative, body) == expected)


def parse_part(relative: str, text: str, key: str, ident: str) -> Document | None:
    """The document of the item ``ident`` of the list ``key``, or None when it cannot be cut out
    as the module says; a layout the round trip would change is None too (the whole file's
    round trip then refuses it, or finds that only another part of the file is at fault)."""
    try:
        envelope, body = Envelope.split(relative, text)
        cut = _cut(relative, body, key, ident)
        small = Document.parse(relative, cut.header + cut.item) if cut is not None else None
    except EditError:  # the whole file's round trip says why
        return None
    if cut is None or small is None:
        return None
    cut = replace(cut, styles=small.fitting())  # of the small document, as read
    return replace(small, original=text, envelope=envelope, part=cut)


def faithful(doc: Document) -> bool:
    """True when a document of one part (:func:`parse_part`), as the change left it, gives the
    whole file the data meant (see :meth:`Cut.holds`); a whole file's document always does."""
    if not isinstance(doc.part, Cut):
        return doc.part is None
    small = doc.dump_tree()
    if any(doc.dump_with(style) != small for style in doc.part.styles if style != doc.indent):
        return False  # the styles the item fits write the change apart: the whole file decides
    body = doc.part.splice(small)
    return body is not None and doc.part.holds(doc.relative, body, small)


def _cut(relative: str, body: str, key: str, ident: str) -> Cut | None:
    whole = _read(relative, body)
    items = whole.get(key) if isinstance(whole, dict) else None
    if not isinstance(items, list):
        return None
    named = (i for i, item in enumerate(items) if isinstance(item, dict) and str(item.get("id")) == ident)
    index = next(named, None)  # the first, as Document.entity finds it
    lines = body.splitlines(keepends=True)
    head = re.compile(rf"{re.escape(key)}:[ \t]*(?:#.*)?\n")
    heads = [number for number, line in enumerate(lines) if head.fullmatch(line)]
    if index is None or len(heads) != 1:
        return None
    starts, end = _items(lines, heads[0] + 1)
    if len(starts) != len(items):
        return None
    bounds = [*starts, end]
    cut = Cut(
        "".join(lines[: bounds[index]]),
        lines[heads[0]],
        "".join(lines[bounds[index] : bounds[index + 1]]),
        "".join(lines[bounds[index + 1] :]),
        key,
        index,
        whole,
    )
    alone = _read(relative, cut.header + cut.item)
    if not isinstance(alone, dict) or not _one_item(alone, key) or alone[key][0] != items[index]:
        return None
    return cut


def _items(lines: list[str], first: int) -> tuple[list[int], int]:
    """The lines where the list's items start (at the first item's column), and where it ends:
    at the next line written at the first column that is no comment and no item."""
    starts: list[int] = []
    column: int | None = None
    for number in range(first, len(lines)):
        line = lines[number]
        item = _ITEM.match(line)
        if item is not None and column in (None, len(item.group(1))):
            column = len(item.group(1))
            starts.append(number)
        elif line[:1] not in ("", " ", "\n", "#"):
            return starts, number
    return starts, len(lines)


def _one_item(data: dict[str, Any], key: str) -> bool:
    return list(data) == [key] and isinstance(data[key], list) and len(data[key]) == 1


def _read(relative: str, text: str) -> Any:
    """What dothi reads in ``text`` (None when it reads it with a problem)."""
    loaded = load_bytes(relative, text.encode("utf-8"), positions=False)
    return None if loaded.problems else loaded.data


__all__ = ["Cut", "faithful", "parse_part"]
