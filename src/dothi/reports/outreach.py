"""Urging (đôn đốc): for each organization or locality, what it owes as of a date.

A pure function of the repository and dates, like every report: who has items overdue or due
within ``soon`` days (or items of which nothing is known that would be, unless done), those
items in listing order (the longest overdue first), the directives they come from, and the day
to answer by (by default ``REPLY_DAYS`` working days after the date, on the repository's
working-day calendar, so a letter sent before Tết does not ask for an answer during it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dothi.data.repository import Repository
from dothi.defaults import DEFAULT_SOON
from dothi.reports.document import DocumentHead, document_head
from dothi.reports.item import Item, State
from dothi.reports.states import items_as_of
from dothi.reports.status import listing_key

REPLY_DAYS = 5


@dataclass(frozen=True)
class Cited:
    """A directive as a letter cites it: its number, date and trích yếu."""

    ident: str
    number: str | None
    day: date
    subject: str


@dataclass(frozen=True)
class Line:
    """One item a letter asks about."""

    ident: str
    title: str
    directive: str | None  # the directive's number (its trích yếu when it has none); None for a milestone
    deadline: str | None
    due: date | None
    state: State
    days_overdue: int | None


@dataclass(frozen=True)
class Committee:
    """The People's Committee a province's or city's letter goes to: its kind and its name
    without “Tỉnh”/“Thành phố”, which each language places as it writes it (“Ủy ban nhân dân
    thành phố Hà Nội”, Decree 30 Appendix II; “People's Committee of Hà Nội City”)."""

    kind: str  # city or province
    name: str


@dataclass(frozen=True)
class Request:
    """What one organization or locality is asked about."""

    org: str
    name: str
    lines: tuple[Line, ...]
    cited: tuple[Cited, ...]
    committee: Committee | None = None  # a province or city: the letter goes to its People's Committee

    @property
    def overdue(self) -> int:
        return sum(1 for line in self.lines if line.state is State.OVERDUE)


@dataclass(frozen=True)
class Outreach:
    """The letters and forms of one request: what each agency is asked about, by when, in the
    Decree 30 frame every letter carries."""

    as_of: date
    reply_by: date
    group_name: str
    requests: tuple[Request, ...]
    document: DocumentHead  # the Decree 30 frame every letter carries, as the briefing does


def _owed(item: Item, as_of: date, soon: int) -> bool:
    """Overdue, or due within ``soon`` days; or nothing is known of it (SPEC §10) though it is as
    far along: the answer is what the letter asks for."""
    if item.state is State.OVERDUE or item.due_soon:
        return True
    return item.state is State.UNKNOWN and item.due is not None and (item.due - as_of).days <= soon


def _committee(repo: Repository, org: str) -> Committee | None:
    locality = repo.localities.get(org)
    return Committee(locality.data.kind, repo.short_name_of(org)) if locality is not None else None


def reply_day(repo: Repository, as_of: date) -> date:
    return repo.calendar.add_working_days(as_of, REPLY_DAYS)


def outreach(
    repo: Repository,
    as_of: date,
    soon: int = DEFAULT_SOON,
    leads: Sequence[str] = (),
    reply_by: date | None = None,
) -> Outreach:
    """One request per lead (``leads`` only, when given) that has items overdue or due soon."""
    owed: dict[str, list[Line]] = {}
    cited: dict[str, dict[str, Cited]] = {}
    for item in sorted(items_as_of(repo, as_of, soon), key=listing_key):
        if not _owed(item, as_of, soon):
            continue
        if leads and item.lead not in leads:
            continue
        header = repo.headers.get(item.directive) if item.directive else None
        number = (header.number or header.subject) if header else None  # a name, never an id
        owed.setdefault(item.lead, []).append(
            Line(item.id, item.title, number, item.deadline, item.due, item.state, item.days_overdue)
        )
        if item.directive is not None and header is not None:
            cited.setdefault(item.lead, {})[item.directive] = Cited(
                item.directive, header.number, header.date, header.subject
            )
    requests = tuple(
        Request(
            org,
            repo.name_of(org),
            tuple(lines),
            tuple(sorted(cited.get(org, {}).values(), key=lambda c: (c.day, c.ident))),
            _committee(repo, org),
        )
        for org, lines in sorted(owed.items())
    )
    reply = reply_by or reply_day(repo, as_of)
    return Outreach(as_of, reply, repo.members.group.name, requests, document_head(repo, as_of))
