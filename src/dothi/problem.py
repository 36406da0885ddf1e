"""Problems found in a data repository, kept as data.

Loaders and checks return problems instead of raising, so that one run reports every mistake
in every file (beancount and hledger users rely on that). Only bugs in dothi itself raise.
The message is kept as a catalogue key and its parameters, not as text, so that the same
problem can be shown in Vietnamese or English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

# Every problem code, stable across releases (scripts and CI rely on them); each is documented
# in docs/problems.md.
PROBLEM_CODES = frozenset(
    {
        # reading files
        "encoding",
        "empty-file",
        "conflict-marker",
        "tab-indent",
        "yaml-syntax",
        "unsafe-tag",
        "alias-bomb",
        "duplicate-key",
        "not-nfc",
        "unreadable",
        # one file against its model
        "wrong-type",
        "unknown-key",
        "missing-key",
        "invalid-choice",
        "invalid-number",
        "invalid-value",
        "invalid-date",
        "invalid-deadline",
        "invalid-id",
        # across files
        "missing-members",
        "duplicate-id",
        "duplicate-code",
        "unknown-reference",
        "assignee-form",
        "support-with-each",
        "responses-without-each",
        "response-not-assignee",
        "done-without-date",
        "cancel-without-reason",
        "leader-count",
        "date-order",
        "document-number",
        "unknown-code",
        "recurrence",
        # --- h1: files not read, control characters, assignees, early recurrences
        "unread-file",
        "control-character",
        "empty-selector",
        "early-start",
        # --- h6: deadlines that can never start
        "deadline-start",
        "deadline-cycle",
        # --- h8: what is known and what is not (issue 16)
        "done-by-with-done-on",
        "done-by-not-done",
        "unknown-with-result",
        # issue 15: changes over time (SPEC §9)
        "history-date",
        "transfer-without-lead",
        "ended-body",
        "not-yet-formed",
    }
)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing sentence: a message-catalogue key and the values it names."""

    key: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: object) -> Text:
        return cls(key, tuple((name, str(value)) for name, value in params.items()))


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake or suspicious thing, at a place in a file (1-based line and column)."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: Text
    hint: Text | None = None
    waivable: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if self.code not in PROBLEM_CODES:  # a bug in dothi, not in the data
            raise ValueError(f"unregistered problem code {self.code!r}")

    @property
    def sort_key(self) -> tuple[str, int, int, str, str, tuple[tuple[str, str], ...]]:
        return (self.file, self.line, self.column, self.code, self.message.key, self.message.params)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order by file, line, column, as SPEC §5 promises; drop exact repeats."""
    return sorted(set(problems), key=lambda p: p.sort_key)
