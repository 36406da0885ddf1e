"""The briefing's charts: who is behind, how long overdue items have waited, what plans lack.

Made with matplotlib from the briefing context, as SVG (for HTML and the Markdown pack) and PNG
(for Word). Each chart keeps the numbers it draws (``data``), so tests compare data, not pixels.
Labels are Vietnamese or English from the catalogue; DejaVu Sans, which matplotlib ships, has
every Vietnamese letter, so nothing renders as a box. The output is deterministic: no date in the
SVG metadata, and fixed ids. The SVG names dothi as its creator, so that a pack can be written again
over its own charts.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from typing import Any

from dothi.messages import Catalogue
from dothi.reports.briefing import Briefing
from dothi.reports.check import SectionState
from dothi.reports.status import AGE_LIMITS
from dothi.text import collation_key

FONT = "DejaVu Sans"
MOST_BARS = 25


@dataclass(frozen=True)
class Chart:
    name: str  # file stem: rates, overdue-age, plans
    title: str
    data: Any  # what it draws, for tests and for the text beside it
    svg: str
    png: bytes


def rates_data(context: Briefing) -> list[tuple[str, float]]:
    """Completion rate of the items already due, by lead, for leads with items due (lowest first)."""
    found = [(name, summary.tally.rates.due) for summary, name in context.leads]
    return sorted(
        ((name, rate) for name, rate in found if rate is not None),
        key=lambda pair: (pair[1], collation_key(pair[0])),
    )


def overdue_age_data(context: Briefing) -> list[int]:
    """How many overdue items have waited ≤ 30, 31–90 and > 90 days (``AGE_LIMITS``)."""
    return list(context.status.overdue_by_age)


def _age_labels(t: Catalogue) -> list[str]:
    """≤ 30 days, 31–90 days, > 90 days: a label for each bucket of ``AGE_LIMITS``."""
    labels = [t.get("chart.age.upto", days=t.number(AGE_LIMITS[0]))]
    labels += [
        t.get("chart.age.between", low=t.number(low + 1), high=t.number(high))
        for low, high in itertools.pairwise(AGE_LIMITS)
    ]
    return [*labels, t.get("chart.age.more", days=t.number(AGE_LIMITS[-1]))]


def plans_data(context: Briefing) -> tuple[list[str], list[str], list[list[float]]]:
    """Localities × requirements: 1 a section met, ½ a thin one, 0 a missing one; blank (NaN) one
    not known or not applying to the plan's kind."""
    value = {SectionState.OK: 1.0, SectionState.THIN: 0.5, SectionState.MISSING: 0.0}
    localities = [loc.name for loc in context.localities]
    requirements = (
        [r.requirement.id for r in context.localities[0].check.sections] if context.localities else []
    )
    grid = [[value.get(s.state, float("nan")) for s in loc.check.sections] for loc in context.localities]
    return localities, requirements, grid


def charts(context: Briefing, t: Catalogue) -> list[Chart]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    with matplotlib.rc_context(_STYLE):
        made = [_rates(context, t, pyplot), _overdue_age(context, t, pyplot)]
        if context.localities and context.localities[0].check.sections:
            made.append(_plans(context, t, pyplot))
    return made


_STYLE: Any = {
    "font.family": FONT,
    "font.size": 9,
    "svg.hashsalt": "dothi",  # fixed element ids: the same data gives the same SVG
    "svg.fonttype": "path",  # text drawn as shapes: the page needs no font to show it
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _rates(context: Briefing, t: Catalogue, pyplot: Any) -> Chart:
    every = rates_data(context)
    data = every[:MOST_BARS]  # a page holds about 25 readable bars: the ones most behind
    figure, axes = pyplot.subplots(figsize=(7.0, 0.32 * max(len(data), 3) + 1.0))
    names = [name for name, _ in data]
    values = [rate * 100 for _, rate in data]
    axes.barh(
        names, values, color=["#c0392b" if v < 50 else "#e67e22" if v < 80 else "#27ae60" for v in values]
    )
    axes.set_xlim(0, 100)
    axes.set_xlabel(t.get("chart.rates.axis"))
    for index, value in enumerate(values):
        axes.text(value + 1, index, t.percent(value / 100), va="center", fontsize=8)
    title = t.get("chart.rates")
    if len(every) > len(data):
        title += t.get("chart.rates.lowest", count=len(data), total=len(every))
    return _finish(figure, pyplot, "rates", title, data)


def _overdue_age(context: Briefing, t: Catalogue, pyplot: Any) -> Chart:
    data = overdue_age_data(context)
    labels = _age_labels(t)
    figure, axes = pyplot.subplots(figsize=(5.0, 3.0))
    bars = axes.bar(labels, data, color=["#f1c40f", "#e67e22", "#c0392b"])
    axes.set_ylabel(t.get("chart.age.axis"))
    for bar, count in zip(bars, data, strict=True):
        axes.text(bar.get_x() + bar.get_width() / 2, count, t.number(count), ha="center", va="bottom")
    return _finish(figure, pyplot, "overdue-age", t.get("chart.age"), data)


def _plans(context: Briefing, t: Catalogue, pyplot: Any) -> Chart:
    localities, requirements, grid = plans_data(context)
    figure, axes = pyplot.subplots(figsize=(7.0, 0.22 * len(localities) + 1.6))
    axes.imshow(grid, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    axes.set_yticks(range(len(localities)), localities, fontsize=7)
    axes.set_xticks(range(len(requirements)), [str(i) for i in range(1, len(requirements) + 1)], fontsize=7)
    axes.set_xlabel(t.get("chart.plans.axis"))
    return _finish(figure, pyplot, "plans", t.get("chart.plans"), (localities, requirements, grid))


def _finish(figure: Any, pyplot: Any, name: str, title: str, data: Any) -> Chart:
    figure.suptitle(title, fontsize=10, fontweight="bold")
    figure.tight_layout()
    svg, png = io.BytesIO(), io.BytesIO()
    figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": "dothi"})  # output.is_ours reads it
    figure.savefig(png, format="png", dpi=150, metadata={"Software": None})
    pyplot.close(figure)
    return Chart(name, title, data, svg.getvalue().decode("utf-8"), png.getvalue())
