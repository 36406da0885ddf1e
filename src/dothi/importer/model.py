"""What the reader makes of a directive: plain data, written out by ``dothi.drafts``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dothi.problem import Text


@dataclass(frozen=True, slots=True)
class Header:
    """What the importer read of a directive's header; None where the text did not say it."""

    number: str | None = None
    kind: str | None = None
    day: date | None = None
    issuer: str | None = None
    issuer_written: str | None = None  # the name as written, when it matched no organization
    subject: str | None = None
    signer: str | None = None


@dataclass(slots=True)
class DraftTask:
    """One task as read: where it came from, who does it, by when."""

    source: Text  # where in the text: point 2.a, paragraph 3
    detail: str  # the sentence(s) as written
    title: str
    lead: str | None = None
    support: list[str] = field(default_factory=list)
    each: list[str] = field(default_factory=list)
    deadline: str | None = None
    notes: list[Text] = field(default_factory=list)  # comments for the person who checks the draft

    @property
    def placed(self) -> bool:
        return self.lead is not None or bool(self.each)


@dataclass(frozen=True, slots=True)
class Unplaced:
    """Something the reader saw and could not put in the file: shown on stderr and left as a comment."""

    source: Text | None  # None: the header
    text: str
    reason: Text


@dataclass(slots=True)
class Draft:
    """A directive as read from its text: the header, the tasks, and the paragraphs it could not
    place (left in the file as a comment for a person to place)."""

    header: Header
    tasks: list[DraftTask] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)

    @property
    def unknown_names(self) -> int:
        return sum(1 for item in self.unplaced if item.reason.key == "import.unplaced.unknown_name")
