"""``dothi check`` on a terminal, with Rich: kept apart so that JSON never imports Rich."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from dothi.render.check import MARKS, CheckView
from dothi.reports.check import PlanCheck, SectionState

MARK_STYLES = {
    SectionState.OK: "green",
    SectionState.THIN: "yellow",
    SectionState.MISSING: "red",
    SectionState.UNKNOWN: "dim",
    SectionState.NOT_APPLICABLE: "dim",
}


def as_rich(view: CheckView) -> RenderableType:
    """The matrix: one row per locality, the marks in groups of five so that 80 columns suffice."""
    if len(view.checks) == 1:
        return _detail(view, view.checks[0])
    count = len(view.requirements.sections)
    table = Table(
        box=box.SIMPLE_HEAD, title=view.t.get("check.title"), title_justify="left", title_style="bold"
    )
    headers = view.matrix_headers()[:3]
    for index, header in enumerate(headers):
        table.add_column(header, justify="right" if index == 2 else "left", no_wrap=True)
    table.add_column(f"1–{count}" if count else "", no_wrap=True)
    for check, cells in view.matrix_rows():
        marks = RichText()
        for index, result in enumerate(check.sections):
            if index and index % 5 == 0:
                marks.append(" ")
            marks.append(MARKS[result.state], style=MARK_STYLES[result.state])
        plan = view.t.get(f"plan.short.{check.plan_status}")
        table.add_row(cells[0], plan, cells[2], marks)
    return Group(table, *(RichText(line) for line in view.legend_lines()))


def _detail(view: CheckView, check: PlanCheck) -> RenderableType:
    t = view.t
    parts: list[RenderableType] = [
        RichText(
            view.detail_title(check),
            style="bold",
        ),
        RichText(f"{t.get('field.plan_status')}: {t.get('plan.' + check.plan_status)}"),
    ]
    if check.plan_kind:
        parts.append(RichText(f"{t.get('field.plan_kind')}: {t.get('plan.kind.' + check.plan_kind)}"))
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    for index, header in enumerate(view.detail_headers()):
        table.add_column(
            header,
            overflow="fold",
            justify="right" if index == 2 else "left",
            ratio=2 if index < 2 else None,
            no_wrap=index >= 2,
        )
    for row in view.detail_rows(check):
        table.add_row(*row)
    parts.append(table)
    for title, lines in (
        (t.get("check.extras"), view.extra_lines(check)),
        (t.get("check.rules"), view.rule_lines(check)),
    ):
        if lines:
            parts += [RichText(title, style="bold"), *(RichText(line) for line in lines)]
    return Group(*parts)
