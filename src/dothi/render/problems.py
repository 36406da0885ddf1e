"""The faces of a list of problems: text for people, JSON for scripts, and what CI systems read:
GitHub annotations, a GitLab Code Quality report and SARIF (GitHub code scanning, Azure DevOps,
editors)."""

from __future__ import annotations

import hashlib
import json
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
        message = _message_and_hint(p, catalogue)
        props = (
            f"file={_escape_property(p.file)},line={p.line},col={p.column},title={_escape_property(p.code)}"
        )
        lines.append(f"::{p.severity.value} {props}::{_escape_data(message)}")
    return lines


def _message_and_hint(problem: Problem, catalogue: Catalogue) -> str:
    message = catalogue.text(problem.message)
    return message + " — " + catalogue.text(problem.hint) if problem.hint else message


def fingerprint(problem: Problem) -> str:
    """The same problem at the same place has the same fingerprint in every run and language, so
    that GitLab tells new problems from fixed ones (its report requires one per problem)."""
    parts = [problem.file, str(problem.line), str(problem.column), problem.code, problem.message.key]
    parts += [f"{name}={value}" for name, value in problem.message.params]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


# GitLab's Code Quality severities, as linters map theirs (eslint's formatter, for one).
GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def as_gitlab(problems: Sequence[Problem], catalogue: Catalogue) -> str:
    """A GitLab Code Quality report: a JSON array, one issue per problem, ``path`` relative to the
    data repository's root (the root of the project GitLab checks out)."""
    issues = [
        {
            "description": _message_and_hint(p, catalogue),
            "check_name": p.code,
            "fingerprint": fingerprint(p),
            "severity": GITLAB_SEVERITY[p.severity],
            "location": {"path": p.file, "lines": {"begin": max(p.line, 1)}},
        }
        for p in problems
    ]
    if not issues:
        return "[]"
    return json_output.escaped("[\n" + ",\n".join("  " + _dumps(issue) for issue in issues) + "\n]")


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def as_sarif(problems: Sequence[Problem], catalogue: Catalogue, version: str) -> str:
    """SARIF 2.1.0: one run of the tool ``dothi``, a rule per code that occurs (its help names the
    section of docs/problems.md), a result per problem, located relative to the repository's root
    (``%SRCROOT%``). A problem of a whole file (line 0) has no region."""
    codes = sorted({p.code for p in problems})
    index = {code: number for number, code in enumerate(codes)}
    results = []
    for p in problems:
        location: dict[str, object] = {"artifactLocation": {"uri": p.file, "uriBaseId": "%SRCROOT%"}}
        if p.line > 0:
            location["region"] = {"startLine": p.line, "startColumn": max(p.column, 1)}
        results.append(
            {
                "ruleId": p.code,
                "ruleIndex": index[p.code],
                "level": p.severity.value,
                "message": {"text": _message_and_hint(p, catalogue)},
                "locations": [{"physicalLocation": location}],
                "partialFingerprints": {"dothi/v1": fingerprint(p)},
            }
        )
    driver = {
        "name": "dothi",
        "version": version,
        "rules": [{"id": code, "help": {"text": f"docs/problems.md#{code}"}} for code in codes],
    }
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "language": catalogue.lang, "results": results}],
    }
    return json_output.escaped(json.dumps(document, ensure_ascii=False, indent=2))


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


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
