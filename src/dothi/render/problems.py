"""The three faces of a list of problems: text for people, JSON for scripts, GitHub annotations."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from dothi.messages import Catalogue
from dothi.problem import Problem, Severity
from dothi.render import json_output


def problem_dict(problem: Problem, catalogue: Catalogue) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity.value,
        "code": problem.code,
        "message": catalogue.text(problem.message),
        "hint": catalogue.text(problem.hint) if problem.hint else None,
    }


def as_json(problems: Sequence[Problem], files: int, ok: bool, catalogue: Catalogue) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    document = {
        "ok": ok,
        "files": files,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [problem_dict(p, catalogue) for p in problems],
    }
    return json_output.dumps(document)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem], catalogue: Catalogue) -> list[str]:
    """GitHub Actions workflow commands: one annotation per problem, on its line."""
    lines = []
    for p in problems:
        message = catalogue.text(p.message)
        if p.hint:
            message += " — " + catalogue.text(p.hint)
        props = (
            f"file={_escape_property(p.file)},line={p.line},col={p.column},title={_escape_property(p.code)}"
        )
        lines.append(f"::{p.severity.value} {props}::{_escape_data(message)}")
    return lines


def _visible(char: str) -> str:
    """One character as it can be echoed: a tab as a space, a control character as its picture.

    A control character would act on the terminal (an ANSI escape clears the screen), and the
    echoed line must keep one cell per character so that the caret stays under the column.
    """
    code = ord(char)
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC: Unicode's "control pictures"
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code < 0xA0:
        return "\ufffd"
    return char


def _cells(char: str) -> int:
    """Columns ``char`` takes on a terminal: 0 for a combining mark, 2 for a wide character."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def source_and_caret(line: str, column: int) -> tuple[str, str]:
    """The source line made safe to print, and the padding that puts a caret under ``column``."""
    shown = "".join(_visible(char) for char in line)
    return shown, " " * sum(_cells(char) for char in shown[: column - 1])


def as_text(
    problems: Sequence[Problem], sources: Mapping[str, list[str]], catalogue: Catalogue
) -> list[tuple[str, str]]:
    """Lines with a style name: the located message, the source line, a caret, the hint."""
    out: list[tuple[str, str]] = []
    for p in problems:
        style = "error" if p.severity is Severity.ERROR else "warning"
        header = f"{p.file}:{p.line}:{p.column}: {p.severity.value} {p.code} {catalogue.text(p.message)}"
        out.append((header, style))
        lines = sources.get(p.file, [])
        if 0 < p.line <= len(lines):
            gutter = f"{p.line:>5} | "
            source, padding = source_and_caret(lines[p.line - 1], p.column)
            out.append((gutter + source, "source"))
            out.append((" " * (len(gutter) - 2) + "| " + padding + "^", "caret"))
        if p.hint:
            out.append(("      = " + catalogue.get("hint.label") + catalogue.text(p.hint), "hint"))
    return out
