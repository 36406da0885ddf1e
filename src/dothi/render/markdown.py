"""Markdown that shows data as data (SPEC §6, and issue 21: titles are text).

A value lands either in a table cell, where a ``|`` or a line break would end the cell or the
row, or in running text, where a ``#``, ``>``, ``|`` or list marker at the start of a line would
turn it into a heading, a quote, a table or a list, and a line of ``=`` or ``-`` would underline
the line above into a heading. Those are escaped, and so is every character that starts inline
markup anywhere (``\\ ` * _ [ ] < & ~``: emphasis, code, links and images, autolinks and raw HTML,
entities, strikethrough): a title ``![x](https://…)`` is the text ``![x](https://…)``, never an
image fetched from elsewhere. A backslash escape shows as the character itself, so what a reader
sees is the value as written. Control characters are dropped (``validate`` warns about them).

The same escaping is what makes the briefing's marked blocks safe. A template marks a part of the
document (the masthead, the date line, the signature) with a line ``<!-- dothi:NAME -->`` and ends
it with ``<!-- /dothi:NAME -->``: an HTML comment, which Markdown viewers do not show, and which
``reader`` turns into tokens the web page and the Word writer lay out by name. Data cannot write
one, since its ``<`` is always escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from dothi.render.controls import for_document

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

# A line starts after any of Markdown's line endings: LF, CRLF and a lone CR.
_LINE_START = re.compile(
    r"(?:^|(?<=[\r\n]))([ \t]*)"
    r"(?:([#>|]|[-*+](?=\s|$)|[=-](?=[=-]*[ \t]*(?:[\r\n]|$)))|(\d+)([.)])(?=\s|$))"
)
# A tilde strikes text through (GFM) only when it touches text: a "~" alone, check's mark for a
# thin section, stays as it is.
_INLINE = re.compile(r"[\\`*_\[\]<&]|~(?=\S)|(?<=\S)~")


def _escape_marker(match: re.Match[str]) -> str:
    """A backslash only escapes punctuation, so an ordered marker is escaped at its ``.`` or ``)``."""
    indent, marker, digits, delimiter = match.groups()
    if marker is not None:
        return f"{indent}\\{marker}"
    return f"{indent}{digits}\\{delimiter}"


class Safe(str):
    """Text already escaped for where it lands; the briefing environment leaves it alone."""


def _inline(value: object) -> str:
    """Inline markup escaped, control characters dropped; a Safe value is escaped already."""
    if isinstance(value, Safe):
        return str(value)
    return _INLINE.sub(r"\\\g<0>", for_document(str(value)))


def cell(value: object) -> Safe:
    text = _inline(value)
    text = text.replace("|", "\\|").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return Safe(_LINE_START.sub(_escape_marker, text))


def text(value: object) -> Safe:
    return Safe(_LINE_START.sub(_escape_marker, _inline(value)))


BREAK = "<br>"  # how a table cell breaks a line; a title's own "<br>" is escaped, a token of its own
BLOCK_OPEN, BLOCK_CLOSE = "dothi_block_open", "dothi_block_close"
# A table in one of these is columns side by side, not data (reference: a letter's "Số" and "V/v").
LAYOUT_BLOCKS = ("masthead", "signature", "reference")
_BLOCK_MARK = re.compile(r"<!-- (/?)dothi:([a-z][a-z0-9-]*) -->[ \t]*")


def reader(deferred: bool = False) -> MarkdownIt:
    """How dothi reads its own Markdown back (for HTML and Word): GFM tables, raw HTML as text.

    Escaped characters stay tokens of their own (``text_special``), so that the ``<br>`` a cell
    breaks its lines with, which is in a ``text`` token, is never confused with a title that
    reads ``<br>``, escaped as ``\\<br>``. Marked blocks become ``dothi_block_open`` and
    ``dothi_block_close`` tokens (the name in ``info``), always in pairs; a table row whose only
    content is the template's bold text (the roster's roles) becomes one cell across the row,
    its ``tr`` of class ``band``.

    ``deferred``: each data table at the top level of the page stays one ``dothi_table_source``
    token holding its lines, to be read with ``reader()`` when the writer comes to it, so that
    only one table's tokens are alive at a time (a national briefing's tables are hundreds of
    thousands of tokens). Reading those lines alone gives the tokens the page would have given:
    a table's rows are read one by one against its header, and its end is where the page ended it.
    Tables of the masthead and the signature (laid out as columns) are read in place, as ever.
    """
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import table

    md = MarkdownIt("commonmark", {"html": False}).enable("table").disable("text_join")
    md.block.ruler.before(
        "table", "dothi_block", _block_mark, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.core.ruler.push("dothi_pairs", _pair_blocks)
    if deferred:
        md.block.ruler.at("table", _deferring(table), {"alt": ["paragraph", "reference"]})
        md.core.ruler.push("dothi_layout_tables", _layout_tables)
    md.core.ruler.push("dothi_columns", _columns)
    md.core.ruler.push("dothi_bands", _bands)
    return md


TABLE_SOURCE = "dothi_table_source"  # a table's lines, read when written (``reader(deferred=True)``)


def _deferring(
    table: Callable[[StateBlock, int, int, bool], bool],
) -> Callable[[StateBlock, int, int, bool], bool]:
    """markdown-it's table rule, its tokens at the top level replaced by one holding the lines."""

    def deferred(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if silent or state.level > 0 or state.blkIndent:  # in a list or a quote: read as ever
            return table(state, start, end, silent)
        first = len(state.tokens)
        if not table(state, start, end, silent):
            return False
        del state.tokens[first:]  # the table's end is known (state.line): its tokens can go
        token = state.push(TABLE_SOURCE, "table", 0)
        token.map = [start, state.line]
        token.content = state.src[state.bMarks[start] : state.eMarks[state.line - 1]] + "\n"
        return True

    return deferred


def _layout_tables(state: StateCore) -> None:
    """A deferred table inside a layout block read at once, before ``_columns`` lays it out, by a
    reader without dothi's rules (``_bands`` must not see it before ``_columns`` does)."""
    from markdown_it import MarkdownIt

    plain_reader = MarkdownIt("commonmark", {"html": False}).enable("table").disable("text_join")
    tokens = state.tokens
    layout = 0
    for index, token in enumerate(tokens):  # what is put in holds no block marks nor sources
        if token.type in (BLOCK_OPEN, BLOCK_CLOSE) and token.info in LAYOUT_BLOCKS:
            layout += 1 if token.type == BLOCK_OPEN else -1
        elif token.type == TABLE_SOURCE and layout:
            tokens[index : index + 1] = plain_reader.parse(token.content, state.env)


def _block_mark(state: StateBlock, start: int, _end: int, silent: bool) -> bool:
    """A line ``<!-- dothi:NAME -->`` or ``<!-- /dothi:NAME -->`` at the top level of the page."""
    if state.level > 0 or state.is_code_block(start):
        return False
    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    found = _BLOCK_MARK.fullmatch(line)
    if found is None:
        return False
    if not silent:
        token = state.push(BLOCK_CLOSE if found[1] else BLOCK_OPEN, "div", 0)
        token.info, token.map, token.block = found[2], [start, start + 1], True
        state.line = start + 1
    return True


def _pair_blocks(state: StateCore) -> None:
    """Every block closed, innermost first: a close without its open is dropped, an open without
    its close is closed where the block around it (or the page) ends."""
    kept: list[Token] = []
    opened: list[Token] = []
    for token in state.tokens:
        if token.type == BLOCK_CLOSE:
            if token.info not in [o.info for o in opened]:
                continue
            while opened[-1].info != token.info:
                kept.append(_closing(opened.pop()))
            opened.pop()
        elif token.type == BLOCK_OPEN:
            opened.append(token)
        kept.append(token)
    kept.extend(_closing(token) for token in reversed(opened))
    state.tokens = kept


def _closing(opening: Token) -> Token:
    from markdown_it.token import Token

    token = Token(BLOCK_CLOSE, "div", 0, info=opening.info, block=True)
    return token


def _columns(state: StateCore) -> None:
    """A table in a layout block is columns side by side, each column its cells one under the other
    (the country's name, then the motto), not rows: ``columns_open``, then per column a
    ``column_open`` holding a paragraph per filled cell (``meta["row"]``: the row it was in; the
    header row's of class ``head``), then the closes."""
    tokens = state.tokens
    layout = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in (BLOCK_OPEN, BLOCK_CLOSE) and token.info in LAYOUT_BLOCKS:
            layout += 1 if token.type == BLOCK_OPEN else -1
        elif token.type == "table_open" and layout:
            end = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            tokens[index : end + 1] = _as_columns(tokens[index : end + 1])
        index += 1


def _as_columns(table: list[Token]) -> list[Token]:
    from markdown_it.token import Token

    rows: list[list[Token]] = []  # the open token of each cell, then its inline: [open, inline, …]
    for index, token in enumerate(table):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1] += [token, table[index + 1]]
    out = [Token("columns_open", "div", 1, attrs={"class": "columns"}, block=True)]
    for column in range(len(rows[0]) // 2):
        out.append(Token("column_open", "div", 1, attrs={"class": "column"}, block=True))
        for number, row in enumerate(rows):
            cell, inline = row[2 * column], row[2 * column + 1]
            if plain(inline.children or []).strip():
                out += _line(cell, inline, number)
        out.append(Token("column_close", "div", -1, block=True))
    return [*out, Token("columns_close", "div", -1, block=True)]


def _line(cell: Token, inline: Token, row: int) -> list[Token]:
    """A cell as a paragraph of its column, keeping its alignment and the row it came from."""
    from markdown_it.token import Token

    opening = Token("paragraph_open", "p", 1, attrs=dict(cell.attrs), block=True, meta={"row": row})
    opening.attrSet("class", "head" if row == 0 else f"row{row}")  # the style sheet rules under row 1
    return [opening, inline, Token("paragraph_close", "p", -1, block=True)]


def _bands(state: StateCore) -> None:
    """A body row with one cell of bold text and the rest empty: that cell spans the row."""
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        if tokens[index].type == "tr_open" and tokens[index - 1].type != "thead_open":
            index = _band(tokens, index)
        index += 1


def _band(tokens: list[Token], start: int) -> int:
    """Merge the row starting at ``start`` if it is a band; the index of its ``tr_close``."""
    end = start
    while tokens[end].type != "tr_close":
        end += 1
    cells = [i for i in range(start + 1, end) if tokens[i].type == "td_open"]
    filled = [i for i in cells if plain(tokens[i + 1].children or []).strip()]
    if len(cells) < 2 or len(filled) != 1 or not _all_bold(tokens[filled[0] + 1]):
        return end
    cell = tokens[filled[0] : filled[0] + 3]
    cell[0].attrSet("colspan", str(len(cells)))
    tokens[start].attrSet("class", "band")
    tokens[start + 1 : end] = cell
    return start + 4


def _all_bold(inline: Token) -> bool:
    """Inline content wholly in one ``**…**`` (markdown-it leaves empty text tokens around it)."""
    kinds = [child.type for child in inline.children or [] if child.type != "text" or child.content]
    return (
        len(kinds) >= 3
        and kinds[0] == "strong_open"
        and kinds[-1] == "strong_close"
        and (kinds.count("strong_open") == 1)
    )


def plain(children: Sequence[Token]) -> str:
    """What a reader sees of inline tokens, as plain text: escapes read back, a line break "\\n"."""
    parts = []
    for child in children:
        if child.type == "text":
            parts.append(child.content.replace(BREAK, "\n"))
        elif child.type in ("text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" " if child.type == "softbreak" else "\n")
        elif child.type == "image":
            parts.append(plain(child.children or []))
    return "".join(parts)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric_from: int = 99) -> list[str]:
    align = ["---:" if i >= numeric_from else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in cells) + " |" for cells in rows]
    return lines
