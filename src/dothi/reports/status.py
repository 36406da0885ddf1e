"""``dothi status``: counts by state, both completion rates, per lead, and the items to act on."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dothi.defaults import DEFAULT_SOON
from dothi.reports.item import DONE_STATES, STATES, Item, State
from dothi.text import collation_key

if TYPE_CHECKING:
    from dothi.data.names import Names
    from dothi.data.repository import Repository

# The order of states wherever items are listed for people to act on (status, the briefing's
# pages): what needs action first, what is settled last. Every state has its place.
LISTING_ORDER = (
    State.OVERDUE,
    State.IN_PROGRESS,
    State.ONGOING,
    State.NO_DEADLINE,
    State.UNKNOWN,
    State.DONE_LATE,
    State.DONE_UNDATED,
    State.DONE_ON_TIME,
    State.CANCELLED,
)
_RANK = {state: rank for rank, state in enumerate(LISTING_ORDER)}
# How long overdue items have waited, in days: up to 30, 31 to 90, more than 90.
AGE_LIMITS = (30, 90)


@dataclass(frozen=True)
class Rates:
    """The Government Office's two completion rates; None when there is nothing to divide by.

    Both leave out what is not known (SPEC §10): an unknown item is neither done nor overdue, and
    the overall rate divides by the items that are neither cancelled nor unknown.
    """

    due: float | None
    all: float | None


def _ratio(done: int, base: int) -> float | None:
    return done / base if base else None


@dataclass(frozen=True)
class Tally:
    """Counts by state for a set of items, and the rates derived from them."""

    counts: dict[State, int]

    @classmethod
    def of(cls, items: Iterable[Item]) -> Tally:
        found = Counter(item.state for item in items)
        return cls({state: found.get(state, 0) for state in STATES})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return sum(self.counts[state] for state in DONE_STATES)

    @property
    def unknown(self) -> int:
        """Items of which nothing is known: printed beside the rates, which leave them out."""
        return self.counts[State.UNKNOWN]

    @property
    def rates(self) -> Rates:
        due_base = self.done + self.counts[State.OVERDUE]
        all_base = self.total - self.counts[State.CANCELLED] - self.unknown
        return Rates(_ratio(self.done, due_base), _ratio(self.done, all_base))


@dataclass(frozen=True)
class LeadSummary:
    """One lead's figures: how many of its items are in each state."""

    lead: str
    tally: Tally


@dataclass(frozen=True)
class Filters:
    """What narrows the view: the listing, and the figures shown beside it (the whole
    repository's figures stay in the report too)."""

    leads: tuple[str, ...] = ()
    states: tuple[State, ...] = ()
    localities: tuple[str, ...] = ()
    directives: tuple[str, ...] = ()
    everything: bool = False

    @property
    def narrows(self) -> bool:
        """True when the listing leaves out items that match nothing asked for."""
        return bool(self.leads or self.states or self.localities or self.directives)

    def keep(self, item: Item) -> bool:
        return (
            (not self.leads or item.lead in self.leads)
            and (not self.states or item.state in self.states)
            and (not self.localities or item.lead in self.localities)
            and (not self.directives or item.directive in self.directives)
        )


@dataclass(frozen=True)
class Figures:
    """Counts, rates and the table by lead of one set of items."""

    tally: Tally
    by_lead: tuple[LeadSummary, ...]


@dataclass(frozen=True)
class StatusReport:
    """The status of every item on a day, its figures overall and by lead, and the listing the
    filters keep; the formats (table, JSON, CSV) only lay it out."""

    as_of: date
    soon: int
    items: tuple[Item, ...]
    tally: Tally
    by_lead: tuple[LeadSummary, ...]
    listing: tuple[Item, ...]
    filters: Filters = field(default_factory=Filters)
    notice: str | None = None  # the repository's caveat (settings.yaml), printed above the report
    # The figures of the items the filters keep (every state, not only the listed ones); None
    # when nothing narrows the view, where they would be ``tally`` and ``by_lead`` again.
    filtered: Figures | None = None

    @property
    def shown(self) -> Figures:
        """The figures a person is shown: the filtered ones in a filtered view."""
        return self.filtered or Figures(self.tally, self.by_lead)

    @property
    def extended(self) -> int:
        """How many items have an extension in force (SPEC §9): the overview counts them."""
        return sum(1 for item in self.items if item.extended)

    @property
    def overdue(self) -> list[Item]:
        return [item for item in self.listing if item.state is State.OVERDUE]

    @property
    def due_soon(self) -> list[Item]:
        return [item for item in self.listing if item.due_soon]

    @property
    def overdue_by_age(self) -> tuple[int, ...]:
        """How many of all the overdue items fall in each bucket of ``AGE_LIMITS`` (one more bucket
        than limits: the last holds those past the last limit)."""
        counts = [0] * (len(AGE_LIMITS) + 1)
        for item in self.items:
            if item.state is State.OVERDUE and item.days_overdue is not None:
                counts[bisect.bisect_left(AGE_LIMITS, item.days_overdue)] += 1
        return tuple(counts)


def listing_key(item: Item) -> tuple[int, int, date, str]:
    """Items in listing order: by state, the longest overdue first, then by due date."""
    return (_RANK[item.state], -(item.days_overdue or 0), item.due or date.max, item.id)


def _due_key(item: Item) -> tuple[date, str]:
    return (item.due or date.max, item.id)


def select(items: Sequence[Item], filters: Filters) -> list[Item]:
    """Overdue items (longest first) then the due-soon ones by date, unless told otherwise."""
    kept = [item for item in items if filters.keep(item)]
    if filters.everything or filters.states:
        return sorted(kept, key=listing_key)
    overdue = sorted((i for i in kept if i.state is State.OVERDUE), key=listing_key)
    return overdue + sorted((i for i in kept if i.due_soon), key=_due_key)


def summarise_leads(items: Sequence[Item], name_of: dict[str, str]) -> tuple[LeadSummary, ...]:
    """One summary per lead, the most overdue first (then by name, as a reader scans)."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.lead, []).append(item)
    summaries = [LeadSummary(lead, Tally.of(group)) for lead, group in groups.items()]
    return tuple(
        sorted(
            summaries,
            key=lambda s: (-s.tally.counts[State.OVERDUE], collation_key(name_of.get(s.lead, s.lead))),
        )
    )


def status_report(
    repo: Repository, as_of: date, soon: int = DEFAULT_SOON, filters: Filters | None = None
) -> StatusReport:
    """The status of ``repo`` as of ``as_of``, from its items on that day (built by the states
    engine, or kept by an earlier run)."""
    from dothi.reports.states import items_as_of

    return report_of(repo.names, items_as_of(repo, as_of, soon), as_of, soon, filters)


def report_of(
    names: Names, items: Sequence[Item], as_of: date, soon: int = DEFAULT_SOON, filters: Filters | None = None
) -> StatusReport:
    """The status of the items of one day, ``items``, which ``names`` names: all a status
    report reads, so that a run that kept both needs nothing else (``cli/quick``)."""
    chosen = filters or Filters()
    leads = {lead: names.name_of(lead) for lead in {item.lead for item in items}}
    filtered = None
    if chosen.narrows:
        kept = [item for item in items if chosen.keep(item)]
        filtered = Figures(Tally.of(kept), summarise_leads(kept, leads))
    return StatusReport(
        as_of=as_of,
        soon=soon,
        items=tuple(items),
        tally=Tally.of(items),
        by_lead=summarise_leads(items, leads),
        listing=tuple(select(items, chosen)),
        filters=chosen,
        notice=names.notice,
        filtered=filtered,
    )
