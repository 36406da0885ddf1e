"""The briefing pack's data: everything a member reads before a meeting, as typed values.

The context is a pure function of the repository and three dates (as of, since, the due-soon
window), so the same data always gives the same briefing, byte for byte. Templates receive only
this context: names instead of ids, and no access to the repository, the disk or the clock.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from dothi.data.models import Obstacle, Update
from dothi.data.repository import Repository
from dothi.reports.check import PlanCheck, check_plans
from dothi.reports.document import DocumentHead, document_head
from dothi.reports.item import Item, State
from dothi.reports.roster import Roster, roster
from dothi.reports.status import LeadSummary, StatusReport, listing_key, status_report
from dothi.text import collation_key


@dataclass(frozen=True)
class ItemLine:
    """An item as a briefing prints it: by name, never by id alone."""

    item: Item
    lead_name: str
    directive_number: str | None
    directive_subject: str | None


@dataclass(frozen=True)
class ExtensionLine:
    """An extension granted (gia hạn): the item, its due date before and after, the document."""

    on: date
    line: ItemLine
    before: date | None
    after: date | None
    deadline: str
    by: str | None


@dataclass(frozen=True)
class LeadGroup:
    """The overdue items of one lead, under its name, as the briefing lists them."""

    lead: str
    name: str
    items: tuple[ItemLine, ...]


@dataclass(frozen=True)
class Unanswered:
    """An ``each`` task and the assignees that have not done it yet."""

    task_id: str
    title: str
    directive_number: str | None
    deadline: str | None
    due: date | None
    assignees: tuple[str, ...]
    total: int


@dataclass(frozen=True)
class ObstacleLine:
    """An obstacle, about an item (its title) or a locality (its name); ``lead`` is who carries it."""

    on: date
    text: str
    needs: str | None
    about: str
    about_id: str
    raised_by: str
    lead: str

    @property
    def subject(self) -> str:
        """What a reader needs to place the obstacle: the item and who leads it."""
        if self.raised_by and self.raised_by != self.about:
            return f"{self.about} ({self.raised_by})"
        return self.about


@dataclass(frozen=True)
class UpdateLine:
    """A progress note of the period, with the item it is about and whose progress it tells."""

    on: date
    note: str
    by: str | None
    item: ItemLine
    unit: str  # whose progress it tells: the lead or the assignee, "" for a note on a whole “each” task


@dataclass(frozen=True)
class LocalityLine:
    """A locality's line in the briefing: its plan checked against the requirements, and its items."""

    id: str
    name: str
    kind: str
    check: PlanCheck
    items: tuple[ItemLine, ...]


@dataclass(frozen=True)
class AgencyPage:
    """One ministry's or locality's page of the briefing: its figures and its open items."""

    id: str
    name: str
    summary: LeadSummary
    items: tuple[ItemLine, ...]


@dataclass(frozen=True)
class SourceLine:
    """One source behind the briefing's figures (its appendix of sources).

    ``kind`` is "directive" (``label`` its number, empty when it has none; ``day`` and ``subject``
    its own, ``source`` its address), "item" (``label`` the item's title, ``ident`` its task id,
    ``source`` where its status is known from) or "plan" (``label`` the locality's name).
    """

    kind: str
    label: str
    ident: str
    source: str | None
    day: date | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Briefing:
    """Everything the meeting's briefing says, computed from the repository and a day; the
    renderers (Markdown, HTML, Word) only lay it out."""

    group_name: str
    established_by: str | None
    as_of: date
    since: date | None
    soon: int
    status: StatusReport
    leads: tuple[tuple[LeadSummary, str], ...]
    overdue: tuple[LeadGroup, ...]
    due_soon: tuple[ItemLine, ...]
    localities: tuple[LocalityLine, ...]
    unanswered: tuple[Unanswered, ...]
    unknown_answers: int  # assignees' parts of which nothing is known: not "all done", not "not done"
    obstacles: tuple[ObstacleLine, ...]
    done_since: tuple[ItemLine, ...]
    updates_since: tuple[UpdateLine, ...]
    roster: Roster
    agencies: tuple[AgencyPage, ...]
    names: dict[str, str]
    notice: str | None = None  # the repository's one-line caveat, printed at the top of every page
    sources: tuple[SourceLine, ...] = ()
    extensions_since: tuple[ExtensionLine, ...] = ()  # extensions granted since the last meeting
    document: DocumentHead | None = None  # the Decree 30 frame: issuer, number, signer, recipients

    @property
    def agency_ids(self) -> frozenset[str]:
        return frozenset(page.id for page in self.agencies)

    @property
    def locality_ids(self) -> frozenset[str]:
        return frozenset(line.id for line in self.localities)


class _Lines:
    """Turns items into briefing lines, with the names looked up once."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def line(self, item: Item) -> ItemLine:
        number = subject = None
        if item.directive is not None:
            header = self.repo.headers[item.directive]
            number, subject = header.number or header.subject, header.subject  # a name, never an id
        return ItemLine(item, self.repo.name_of(item.lead), number, subject)


def _overdue_groups(report: StatusReport, lines: _Lines) -> tuple[LeadGroup, ...]:
    groups: dict[str, list[Item]] = {}
    for item in sorted(report.items, key=lambda i: (-(i.days_overdue or 0), i.id)):
        if item.state is State.OVERDUE:
            groups.setdefault(item.lead, []).append(item)
    ordered = sorted(
        groups.items(),
        key=lambda kv: (-(kv[1][0].days_overdue or 0), collation_key(lines.repo.name_of(kv[0]))),
    )
    return tuple(
        LeadGroup(lead, lines.repo.name_of(lead), tuple(lines.line(i) for i in items))
        for lead, items in ordered
    )


def _unanswered(repo: Repository, items: tuple[Item, ...]) -> tuple[Unanswered, ...]:
    by_task: dict[str, list[Item]] = {}
    for item in items:
        if item.kind == "assignment" and item.directive is not None:
            by_task.setdefault(item.id.partition("@")[0], []).append(item)
    found = []
    for task_id, assignments in by_task.items():
        waiting = [a for a in assignments if a.state in (State.IN_PROGRESS, State.OVERDUE)]
        if not waiting:
            continue
        first = assignments[0]
        header = repo.headers[first.directive or ""]
        found.append(
            Unanswered(
                task_id,
                first.title,
                header.number,
                first.deadline,
                first.due,
                tuple(repo.name_of(a.lead) for a in waiting),
                len(assignments),
            )
        )
    return tuple(sorted(found, key=lambda u: (u.due or date.max, u.task_id)))


class _Owners:
    """Whose a note is. A note of an “each” task's whole is the same object in every assignee's
    item; an assignee's own (written in its answer) is in its item alone, even when another
    assignee wrote the same words that day. So own notes are named after their assignee."""

    def __init__(self, report: StatusReport) -> None:
        self.siblings = Counter(item.id.partition("@")[0] for item in report.items)
        self.carried: Counter[int] = Counter()
        for item in report.items:
            self.carried.update({id(note) for note in (*item.updates, *item.obstacles)})

    def key(self, item: Item, note: Update | Obstacle) -> tuple[tuple[str, date, str], bool]:
        """The note's key for removing repeats, and whether it is the assignee's own."""
        task_id = item.id.partition("@")[0]
        text = note.note if isinstance(note, Update) else note.text
        if item.kind == "assignment" and self.carried[id(note)] < self.siblings[task_id]:
            return (item.id, note.on, text), True
        return (task_id, note.on, text), False


def _obstacles(repo: Repository, report: StatusReport, lines: _Lines) -> tuple[ObstacleLine, ...]:
    found: list[ObstacleLine] = []
    seen: set[tuple[str, date, str]] = set()
    owners = _Owners(report)
    for item in report.items:
        for obstacle in item.obstacles:
            key, own = owners.key(item, obstacle)
            if key in seen:
                continue
            seen.add(key)
            named = own or item.kind != "assignment"
            found.append(
                ObstacleLine(
                    obstacle.on,
                    obstacle.text,
                    obstacle.needs,
                    item.title,
                    item.id.partition("@")[0],
                    lines.line(item).lead_name if named else "",
                    item.lead if named else "",
                )
            )
    for locality in repo.localities.values():
        for obstacle in locality.data.obstacles:
            if obstacle.on <= report.as_of:
                found.append(
                    ObstacleLine(
                        obstacle.on,
                        obstacle.text,
                        obstacle.needs,
                        locality.data.name,
                        locality.id,
                        locality.data.name,
                        locality.id,
                    )
                )
    rank = {"pm": 0, "group": 1, None: 2}
    return tuple(sorted(found, key=lambda o: (rank[o.needs], o.on, o.about_id)))


def _since(
    report: StatusReport, since: date | None, lines: _Lines
) -> tuple[tuple[ItemLine, ...], tuple[UpdateLine, ...]]:
    if since is None:
        return (), ()
    done = tuple(
        lines.line(i)
        for i in sorted(report.items, key=lambda i: (i.done_on or date.min, i.id))
        if i.done_on is not None and since < i.done_on <= report.as_of
    )
    updates: list[UpdateLine] = []
    seen: set[tuple[str, date, str]] = set()
    owners = _Owners(report)
    for item in report.items:
        for update in item.updates:
            key, own = owners.key(item, update)
            if since < update.on <= report.as_of and key not in seen:
                seen.add(key)
                line = lines.line(item)
                unit = line.lead_name if own or item.kind != "assignment" else ""
                updates.append(UpdateLine(update.on, update.note, update.by, line, unit))
    # an answer's note (“respond --note”) has no day of its own: it is told with the answer
    updates += filter(None, (_answer_note(line) for line in done))
    return done, tuple(sorted(updates, key=lambda u: (u.on, u.item.item.id)))


def _extensions_since(report: StatusReport, since: date | None, lines: _Lines) -> tuple[ExtensionLine, ...]:
    """Each extension granted after ``since`` and by the report's date, oldest first (SPEC §9)."""
    if since is None:
        return ()
    found = []
    for item in report.items:
        before = item.original_due
        for granted in item.extensions:
            if since < granted.on:
                line = lines.line(item)
                after, text = granted.due, granted.deadline
                found.append(ExtensionLine(granted.on, line, before, after, text, granted.by))
            before = granted.due
    return tuple(sorted(found, key=lambda e: (e.on, e.line.item.id)))


def _answer_note(line: ItemLine) -> UpdateLine | None:
    """An answer's note, told on the day the answer was done."""
    item = line.item
    if item.note is None or item.done_on is None:
        return None
    return UpdateLine(item.done_on, item.note, None, line, line.lead_name)


def _agencies(
    repo: Repository, report: StatusReport, pages: dict[str, tuple[ItemLine, ...]]
) -> tuple[AgencyPage, ...]:
    """One page per lead ministry or agency (localities have their own pages)."""
    found = []
    organizations = repo.organizations
    for summary in report.by_lead:
        org = organizations.get(summary.lead)
        if org is not None and org.kind in ("ministry", "agency"):
            found.append(AgencyPage(summary.lead, org.name, summary, pages.get(summary.lead, ())))
    return tuple(sorted(found, key=lambda p: collation_key(p.name)))


def _pages(report: StatusReport, lines: _Lines) -> dict[str, tuple[ItemLine, ...]]:
    """Each lead's items in page order, sorted once for every page."""
    grouped: dict[str, list[ItemLine]] = {}
    for item in sorted(report.items, key=listing_key):
        grouped.setdefault(item.lead, []).append(lines.line(item))
    return {lead: tuple(items) for lead, items in grouped.items()}


def _sources(repo: Repository, items: tuple[Item, ...]) -> tuple[SourceLine, ...]:
    """The directives the figures count, oldest first (as a clerk lists documents, not by file
    name), then the items' own sources in the order of their directives and as each is written,
    then the plans' (localities by administrative code), each once."""
    directives = sorted(
        {item.directive for item in items if item.directive is not None},
        key=lambda ident: (repo.headers[ident].date, ident),
    )
    rank = {ident: position for position, ident in enumerate(directives)}
    found = []
    for ident in directives:
        header = repo.headers[ident]
        found.append(
            SourceLine("directive", header.number or "", ident, header.url, header.date, header.subject)
        )
    seen: set[tuple[str, str]] = set()
    for item in sorted(items, key=lambda i: rank.get(i.directive or "", len(rank))):
        task_id = item.id.partition("@")[0].partition("#")[0]
        if item.source and (task_id, item.source) not in seen:
            seen.add((task_id, item.source))
            found.append(SourceLine("item", item.title, task_id, item.source))
    for locality in sorted(repo.localities.values(), key=lambda loc: loc.data.code):
        plan = locality.data.plan
        if plan is not None and plan.source:
            found.append(SourceLine("plan", locality.data.name, locality.id, plan.source))
    return tuple(found)


def briefing(
    repo: Repository, as_of: date, since: date | None = None, soon: int = 14, number: str | None = None
) -> Briefing:
    report = status_report(repo, as_of, soon)
    lines = _Lines(repo)
    checks = {c.locality.id: c for c in check_plans(repo)}
    pages = _pages(report, lines)
    localities = tuple(
        LocalityLine(loc.id, loc.data.name, loc.data.kind, checks[loc.id], pages.get(loc.id, ()))
        for loc in sorted(repo.localities.values(), key=lambda loc: loc.data.code)
        if loc.data.until is None or as_of < loc.data.until  # a unit that ended has no page
    )
    done_since, updates_since = _since(report, since, lines)
    return Briefing(
        group_name=repo.members.group.name,
        established_by=repo.members.group.established_by,
        as_of=as_of,
        since=since,
        soon=soon,
        status=report,
        leads=tuple((s, repo.name_of(s.lead)) for s in report.by_lead),
        overdue=_overdue_groups(report, lines),
        due_soon=tuple(
            lines.line(i) for i in sorted(report.items, key=lambda i: (i.due or date.max, i.id)) if i.due_soon
        ),
        localities=localities,
        unanswered=_unanswered(repo, report.items),
        unknown_answers=sum(1 for i in report.items if i.kind == "assignment" and i.state is State.UNKNOWN),
        obstacles=_obstacles(repo, report, lines),
        done_since=done_since,
        updates_since=updates_since,
        roster=roster(repo, as_of),
        agencies=_agencies(repo, report, pages),
        names={ident: repo.name_of(ident) for ident in [*repo.organizations, *repo.localities]},
        notice=" ".join(repo.settings.notice.split()) if repo.settings.notice else None,
        sources=_sources(repo, report.items),
        extensions_since=_extensions_since(report, since, lines),
        document=document_head(repo, as_of, number),
    )
