"""``dothi status`` rendered: JSON and CSV for scripts, Markdown for documents (Rich: status_rich)."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from datetime import date
from typing import Any

from dothi.data.names import Names
from dothi.messages import Catalogue
from dothi.reports.item import STATES, Item, State
from dothi.reports.status import Filters, LeadSummary, StatusReport, Tally

ITEM_FIELDS = (
    "id",
    "title",
    "kind",
    "directive",
    "lead",
    "deadline",
    "due",
    "state",
    "due_soon",
    "days_overdue",
    "done_on",
    "done_by",
    "indicative",
    "source",
)

# The per-lead table's columns; on a terminal the state columns sit under the first part of their
# label (“Đã hoàn thành — đúng hạn / quá hạn”), so that finished and unfinished items never read alike.
LEAD_COLUMNS = (
    "lead",
    "total",
    "on_time",
    "late",
    "undated",
    "in_progress",
    "overdue",
    "rate_due",
    "rate_all",
    "unknown",
)
LEAD_GROUPS = (
    ("done", ("on_time", "late", "undated")),
    ("open", ("in_progress", "overdue")),
    ("rate", ("rate_due", "rate_all")),
)
# Columns whose terminal header is a short form (status.sub.*): those in a group, and the last one.
SHORT_FORMS = frozenset(key for _, keys in LEAD_GROUPS for key in keys) | {"unknown"}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _rate(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def item_dict(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "directive": item.directive,
        "lead": item.lead,
        "deadline": item.deadline,
        "due": _iso(item.due),
        "state": item.state.value,
        "due_soon": item.due_soon,
        "days_overdue": item.days_overdue,
        "done_on": _iso(item.done_on),
        "done_by": _iso(item.done_by),
        "indicative": item.indicative,
        "source": item.source,
        "original_due": _iso(item.original_due),
        "extended": item.extended,
        "carried_from": item.carried_from,
    }


def _tally_dict(tally: Tally) -> dict[str, Any]:
    rates = tally.rates
    return {
        "counts": {state.value: tally.counts[state] for state in STATES},
        "rates": {"due": _rate(rates.due), "all": _rate(rates.all)},
    }


def as_json(report: StatusReport) -> str:
    from dothi.render import json_output  # each format's writer imported when it is asked for

    document = {
        "as_of": report.as_of.isoformat(),
        "notice": report.notice,
        **_tally_dict(report.tally),
        "extended": report.extended,
        "items": [item_dict(item) for item in report.listing],
        "by_lead": _by_lead(report.by_lead),
    }
    if report.filtered is not None:
        document["filtered"] = {
            "filters": _filters_dict(report.filters),
            **_tally_dict(report.filtered.tally),
            "by_lead": _by_lead(report.filtered.by_lead),
        }
    return json_output.dumps(document)


def _by_lead(summaries: tuple[LeadSummary, ...]) -> list[dict[str, Any]]:
    return [{"lead": s.lead, **_tally_dict(s.tally)} for s in summaries]


def _filters_dict(filters: Filters) -> dict[str, list[str]]:
    """The filters as given (ids and state values), one list per option."""
    return {
        "lead": list(filters.leads),
        "locality": list(filters.localities),
        "directive": list(filters.directives),
        "state": [state.value for state in filters.states],
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_csv(report: StatusReport) -> str:
    """One row per item, rows ended by LF. A field holding a CR is quoted like one holding an LF
    (the writer quotes only the characters of its line terminator, so it is given CRLF and each
    row's CR is taken off again): a title with a lone CR must not split its row in a spreadsheet."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in ([*ITEM_FIELDS], *_csv_rows(report)):
        writer.writerow(row)
        buffer.seek(buffer.tell() - 2)
        buffer.write("\n")
        buffer.truncate()
    return buffer.getvalue()


def as_csv_excel(report: StatusReport, catalogue: Catalogue) -> str:
    """The CSV rows as Excel opens them by a double click: a BOM, so that it reads UTF-8 and not
    the Windows code page (else "Hà Nội" shows as "HÃ  Ná”™i"), headers a person reads in the chosen
    language, and CRLF line ends. The plain CSV keeps its English field names for scripts."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([catalogue.get(f"status.csv.{field}") for field in ITEM_FIELDS])
    writer.writerows(_csv_rows(report))
    return "\ufeff" + buffer.getvalue()


def _csv_rows(report: StatusReport) -> list[list[Any]]:
    return [[_csv_cell(item_dict(item)[f]) for f in ITEM_FIELDS] for item in report.listing]


def _csv_cell(value: Any) -> Any:
    """A value as a spreadsheet must read it: text that would start a formula gets a leading ``'``.

    Excel, LibreOffice and Google Sheets run a cell starting with ``= + - @`` (or a tab or a
    carriage return before one) as a formula, so a title ``=cmd|' /C calc'!A0`` would run a
    program; with the quote it is text, as OWASP advises. Numbers stay numbers.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class StatusView:
    """Labels and cell values shared by the Markdown and the Rich renderings."""

    def __init__(
        self,
        report: StatusReport,
        names: Names,
        catalogue: Catalogue,
        limit: int | None = None,
        quiet: bool = False,
    ) -> None:
        """``limit``: rows per item table (None: every row); ``quiet``: the counts and rates only."""
        self.report, self.names, self.t = report, names, catalogue
        self.limit, self.quiet = limit, quiet

    def shown(self, items: list[Item]) -> list[Item]:
        """The rows of an item table that are printed: the first ``limit`` ones."""
        return items if self.limit is None else items[: self.limit]

    def more(self, items: list[Item]) -> str | None:
        """The line under a cut table: how many rows it leaves out and how to see them."""
        hidden = len(items) - len(self.shown(items))
        return self.t.get("status.more", count=self.t.number(hidden)) if hidden else None

    def title(self) -> str:
        return self.t.get("status.title", day=self.t.day(self.report.as_of))

    def scope(self) -> str | None:
        """What the view is filtered by, as the tables name it ("BXD; Quá hạn"); None when it
        covers every item."""
        filters = self.report.filters
        if not filters.narrows:
            return None
        parts = [
            ("lead", [self.names.short_name_of(lead) for lead in filters.leads]),
            ("locality", [self.names.short_name_of(place) for place in filters.localities]),
            ("directive", [self._directive_name(ident) for ident in filters.directives]),
            ("state", [self.t.get(f"state.{state.value}") for state in filters.states]),
        ]
        return "; ".join(
            self.t.get(f"status.filter.{kind}", names=", ".join(names)) for kind, names in parts if names
        )

    def _directive_name(self, ident: str) -> str:
        return self.names.number_of(ident) or ident

    def counts_title(self) -> str:
        scope = self.scope()
        if scope is None:
            return self.t.get("status.counts")
        return self.t.get("status.counts_filtered", filters=scope)

    def by_lead_title(self) -> str:
        scope = self.scope()
        if scope is None:
            return self.t.get("status.by_lead")
        return self.t.get("status.by_lead_filtered", filters=scope)

    def filtered_note(self) -> str | None:
        """Under a filtered view: how many items its figures cover, out of how many in all."""
        filtered = self.report.filtered
        if filtered is None:
            return None
        shown, total = filtered.tally.total, self.report.tally.total
        return self.t.get("status.filtered_note", count=self.t.number(shown), total=self.t.number(total))

    def count_rows(self) -> list[tuple[State | None, str, str, str]]:
        tally = self.report.shown.tally
        total = tally.total
        rows: list[tuple[State | None, str, str, str]] = [
            (
                state,
                self.t.get(f"state.{state.value}"),
                self.t.number(tally.counts[state]),
                self.t.percent(tally.counts[state] / total if total else None),
            )
            for state in STATES
        ]
        rows.append(
            (None, self.t.get("status.total"), self.t.number(total), self.t.percent(1.0 if total else None))
        )
        return rows

    def notice(self) -> str | None:
        """The repository's one-line caveat (settings.yaml ``notice``), shown above everything."""
        return " ".join(self.report.notice.split()) if self.report.notice else None

    def rates_lines(self) -> list[str]:
        """Both rates, then the items they leave out because nothing is known of them (SPEC §10)."""
        tally = self.report.shown.tally
        rates = tally.rates
        lines = [
            self.t.get("status.rates", due=self.t.percent(rates.due), all=self.t.percent(rates.all)),
            self.t.get("status.unknown", unknown=self.t.number(tally.unknown)),
        ]
        if self.report.extended:  # items judged against a later due date than the first (SPEC §9)
            lines.append(self.t.get("status.extended", count=self.t.number(self.report.extended)))
        return lines

    def lead_headers(self) -> list[str]:
        """The per-lead columns in full, each one the state label it counts (Markdown, a wide table)."""
        return [self.t.get(f"status.col.{key}") for key in LEAD_COLUMNS]

    def lead_short_headers(self) -> list[str]:
        """The same columns for a terminal: the part of each label that its group does not say."""
        return [self.t.get(f"status.{'sub' if key in SHORT_FORMS else 'col'}.{key}") for key in LEAD_COLUMNS]

    def lead_groups(self) -> list[tuple[str, int, int]]:
        """The groups over :meth:`lead_short_headers`: (label, first column, last column)."""
        return [
            (self.t.get(f"status.group.{group}"), LEAD_COLUMNS.index(keys[0]), LEAD_COLUMNS.index(keys[-1]))
            for group, keys in LEAD_GROUPS
        ]

    def lead_rows(self) -> list[list[str]]:
        rows = []
        for summary in self.report.shown.by_lead:
            counts, rates = summary.tally.counts, summary.tally.rates
            rows.append(
                [
                    self.names.short_name_of(summary.lead),
                    self.t.number(summary.tally.total),
                    self.t.number(counts[State.DONE_ON_TIME]),
                    self.t.number(counts[State.DONE_LATE]),
                    self.t.number(counts[State.DONE_UNDATED]),
                    self.t.number(counts[State.IN_PROGRESS]),
                    self.t.number(counts[State.OVERDUE]),
                    self.t.percent(rates.due),
                    self.t.percent(rates.all),
                    self.t.number(summary.tally.unknown),
                ]
            )
        return rows

    def directive_number(self, item: Item) -> str:
        if item.directive is None:
            return self.t.get("kind.milestone") if item.kind == "milestone" else self.t.get("value.none")
        return self.names.document_of(item.directive)

    def deadline(self, item: Item) -> str:
        if item.waiting_for:
            # named as people name it, not by its id
            task = self.names.task_titles.get(item.waiting_for, item.waiting_for)
            return self.t.get("status.waiting", deadline=item.deadline or "", task=task)
        if item.deadline:
            if item.indicative:
                return self.t.get("status.indicative", deadline=item.deadline)
            return item.deadline
        if item.due is not None:
            return self.t.day(item.due)
        return self.t.get("status.no_deadline")

    def last_update(self, item: Item) -> str:
        shown = self.t.day(item.last_update) if item.last_update else ""
        if item.stale:
            shown = f"{shown} ({self.t.get('status.stale')})" if shown else self.t.get("status.stale")
        return shown or self.t.get("value.none")

    def sections(self) -> list[tuple[str, list[str], list[Item], Callable[[Item], list[str]]]]:
        """The item tables: overdue and due soon by default, or one listing when asked."""
        report = self.report
        if report.filters.everything or report.filters.states:
            return [
                (
                    self.t.get("status.listing", count=len(report.listing)),
                    self._listing_headers(),
                    list(report.listing),
                    self._listing_row,
                )
            ]
        return [
            (
                self.t.get("status.overdue", count=len(report.overdue)),
                self._overdue_headers(),
                report.overdue,
                self._overdue_row,
            ),
            (
                self.t.get("status.due_soon", soon=report.soon, count=len(report.due_soon)),
                self._soon_headers(),
                report.due_soon,
                self._soon_row,
            ),
        ]

    def _headers(self, *keys: str) -> list[str]:
        return [self.t.get(f"status.col.{key}") for key in keys]

    def _overdue_headers(self) -> list[str]:
        return self._headers("task", "lead", "directive", "deadline", "update", "days_overdue")

    def _item_cells(self, item: Item) -> list[str]:
        """The cells every listing of items opens with: the item, its lead, directive and deadline."""
        return [
            self.task_cell(item),
            self.names.short_name_of(item.lead),
            self.directive_number(item),
            self.deadline(item),
        ]

    def _overdue_row(self, item: Item) -> list[str]:
        return [*self._item_cells(item), self.last_update(item), self.t.number(item.days_overdue or 0)]

    def _soon_headers(self) -> list[str]:
        return self._headers("task", "lead", "directive", "deadline", "days_left")

    def _soon_row(self, item: Item) -> list[str]:
        return [*self._item_cells(item), self.t.number(item.days_left or 0)]

    def _listing_headers(self) -> list[str]:
        return self._headers("task", "lead", "directive", "deadline", "state_short", "due")

    def _listing_row(self, item: Item) -> list[str]:
        return [*self._item_cells(item), state_label(self.t, item), self.t.day(item.due)]

    def task_cell(self, item: Item) -> str:
        return f"{item.title}\n{item.id}"


def state_label(t: Catalogue, item: Item) -> str:
    """An item's state as a listing shows it: "Quá hạn (12 ngày)" for an overdue one."""
    return _state_label(t, item.state, item.days_overdue)


@functools.lru_cache(maxsize=4096)
def _state_label(t: Catalogue, state: State, days_overdue: int | None) -> str:
    """Worked out once per state and number of days: a listing of 13,000 rows repeats them."""
    label = t.get(f"state.{state.value}")
    if days_overdue:
        label += f" ({t.get('status.days', days=t.number(days_overdue))})"
    return label


def as_markdown(view: StatusView) -> str:
    from dothi.render.markdown import table as md_table
    from dothi.render.markdown import text as md_text

    notice = view.notice()
    lines = [f"*{md_text(notice)}*", ""] if notice else []
    lines += [f"# {view.title()}", "", f"## {view.counts_title()}", ""]
    lines += md_table(
        [view.t.get("status.col.state"), view.t.get("status.col.count"), view.t.get("status.col.share")],
        [cells for _, *cells in view.count_rows()],
        numeric_from=1,
    )
    for rates in view.rates_lines():
        lines += ["", rates]
    if not view.quiet:
        lines += _markdown_tables(view)
    note = view.filtered_note()
    lines += ["", f"*{md_text(note)}*"] if note else []
    return "\n".join(lines) + "\n"


def _markdown_tables(view: StatusView) -> list[str]:
    """The per-lead table and the item tables, each cut at the view's limit."""
    from dothi.render.markdown import table as md_table
    from dothi.render.markdown import text as md_text

    lines = ["", f"## {view.by_lead_title()}", ""]
    lines += md_table(view.lead_headers(), view.lead_rows(), numeric_from=1)
    for title, headers, items, row in view.sections():
        lines += ["", f"## {title}", ""]
        if not items:
            lines.append(view.t.get("status.none"))
            continue
        lines += md_table(headers, [row(item) for item in view.shown(items)])
        more = view.more(items)
        lines += ["", md_text(more)] if more else []
    return lines
