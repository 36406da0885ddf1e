"""The edge: a file on disk → its text. .txt and .md as UTF-8, .docx through python-docx (the
paragraphs and the tables, in document order), .pdf through pypdf's text layer.

pypdf is pure Python with no dependencies of its own, is actively maintained, and its
``extract_text`` gives the lines a notice's text layer holds, which is all the reader needs
(the line breaks are joined by ``normalize``). pdfminer.six lays out pages more finely, but
brings two dependencies for positions the reader does not use.

Every failure is an ``ImportFileError`` holding the message to show: never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dothi.problem import Text

SUFFIXES = (".txt", ".md", ".docx", ".pdf")
MAX_BYTES = 50 * 1024 * 1024  # no directive is this big: a bigger file is not one


class ImportFileError(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(text.key)
        self.text = text


def read_text(path: Path) -> str:
    """The text of ``path``, or ImportFileError saying why it cannot be read."""
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFileError(Text.of("import.error.suffix", path=shown, suffixes=", ".join(SUFFIXES)))
    if not path.is_file():
        key = "import.error.missing" if not path.exists() else "import.error.not_a_file"
        raise ImportFileError(Text.of(key, path=shown))
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportFileError(Text.of("import.error.too_big", path=shown))
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(
            Text.of("import.error.unreadable", path=shown, reason=error.strerror or error)
        ) from None
    if suffix == ".docx":
        text = _docx(raw, shown)
    elif suffix == ".pdf":
        text = _pdf(raw, shown)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(Text.of("import.error.encoding", path=shown)) from None
    if not text.strip():
        raise ImportFileError(Text.of("import.error.no_text", path=shown))
    return text


def _docx(raw: bytes, shown: str) -> str:
    import io

    from docx import Document

    try:
        document = Document(io.BytesIO(raw))
    except Exception:  # python-docx raises whatever its zip and XML layers raise on a bad file
        raise ImportFileError(Text.of("import.error.damaged", path=shown, kind="Word")) from None
    lines: list[str] = []
    _blocks(document.iter_inner_content(), lines)
    return "\n".join(lines)


def _blocks(blocks: Iterable[Any], lines: list[str]) -> None:
    """Paragraphs and tables in document order; a table cell by cell (a merged cell once)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # a merged cell is listed once per column it spans
                        seen.add(id(cell._tc))
                        _blocks(cell.iter_inner_content(), lines)


def _pdf(raw: bytes, shown: str) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy files are not ours
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFileError(Text.of("import.error.encrypted", path=shown))
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportFileError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError):
        raise ImportFileError(Text.of("import.error.damaged", path=shown, kind="PDF")) from None
    text = "\n".join(pages)
    if not text.strip():
        raise ImportFileError(Text.of("import.error.scan", path=shown))
    return text
