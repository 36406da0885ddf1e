"""A pack's locality and ministry pages as Word documents, from their Markdown.

The pages are short: headings, a few lines, a table or two, a list. Their Markdown (already
escaped by the templates) is read with markdown-it-py and written with python-docx on the same
page setup as the briefing, so a pack made with ``--to docx`` is Word from end to end.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from markdown_it.token import Token

from dothi.messages import Catalogue
from dothi.render.briefing import MARKER
from dothi.render.controls import for_document
from dothi.render.markdown import reader


def page_docx(markdown: str, t: Catalogue, as_of: date) -> bytes:
    from docx import Document

    from dothi.render.docx import docx_bytes, setup_document

    document = Document()
    setup_document(document, datetime(as_of.year, as_of.month, as_of.day), t.lang)
    page = for_document(markdown.removeprefix(MARKER + "\n"))  # a template may write them too
    _Writer(document).write(reader().parse(page))
    return docx_bytes(document, as_of)


class _Writer:
    """Walks the block tokens: headings, paragraphs, list items and tables."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.level = 0

    def write(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "heading_open":
                self.level = int(token.tag[1])
            elif token.type == "inline" and tokens[index - 1].type == "heading_open":
                self.document.add_heading(_text(token), level=min(self.level, 3))
            elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
                style = "List Bullet" if index >= 2 and tokens[index - 2].type == "list_item_open" else None
                self._paragraph(token, style)
            elif token.type == "table_open":
                index = self._table(tokens, index)
            index += 1

    def _paragraph(self, inline: Token, style: str | None) -> None:
        paragraph = self.document.add_paragraph(style=style)
        bold = italic = False
        for child in _without_back_link(inline.children or []):
            if child.type in ("strong_open", "strong_close"):
                bold = child.type == "strong_open"
            elif child.type in ("em_open", "em_close"):
                italic = child.type == "em_open"
            elif child.type in ("softbreak", "hardbreak"):
                paragraph.add_run().add_break()
            elif child.type in ("text", "text_special", "code_inline"):
                run = paragraph.add_run(child.content)
                run.bold, run.italic = bold or None, italic or None

    def _table(self, tokens: list[Token], start: int) -> int:
        rows: list[list[str]] = []
        index = start
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline":
                rows[-1].append(_text(token))
            index += 1
        from dothi.render.docx import add_table

        add_table(self.document, rows[0], rows[1:])
        return index


def _text(inline: Token) -> str:
    parts = []
    for child in inline.children or []:
        if child.type == "text":
            parts.append(child.content.replace("<br>", "\n"))  # how a Markdown table cell breaks a line
        elif child.type in ("text_special", "code_inline"):  # an escaped "<br>" in the data stays text
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _without_back_link(children: list[Token]) -> list[Token]:
    """A page's link back to the index means nothing in a Word file: drop it and its « · »."""
    kept: list[Token] = []
    skipping = False
    for child in children:
        if child.type == "link_open" and str(child.attrGet("href") or "").endswith("index.md"):
            skipping = True
            if kept and kept[-1].type == "text":
                kept[-1].content = kept[-1].content.rstrip(" ·")
        elif child.type == "link_close" and skipping:
            skipping = False
        elif not skipping:
            kept.append(child)
    return kept
