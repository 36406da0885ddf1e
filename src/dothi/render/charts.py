"""The briefing's charts: who is behind, how long overdue items have waited, what plans lack.

Made with matplotlib from the briefing context, as SVG (for HTML and the Markdown pack) and PNG
(for Word). Each chart keeps the numbers it draws (``data``), so tests compare data, not pixels.
A chart is drawn only when the data can show something (issue 18 item 11): no completion chart
when no lead has an item due or every lead has the same rate, no age chart without overdue items,
no plan grid when no locality has a plan to check; ``notes`` says why, and the document prints
it where the chart would be. The age chart's buckets come from the range of the data, the plan
grid has a legend. Labels are Vietnamese or English from the catalogue, set in the documents'
own serif (Times New Roman where it is installed, else DejaVu Serif, which matplotlib ships and
which has every Vietnamese letter), so nothing renders as a box. The output is deterministic: no date in the
SVG metadata, and fixed ids. The SVG names dothi as its creator, so that a pack can be written again
over its own charts.
"""

from __future__ import annotations

import io
import itertools
from typing import Any

from dothi.messages import Catalogue
from dothi.reports.briefing import Briefing
from dothi.reports.check import SectionState
from dothi.reports.status import AGE_LIMITS
from dothi.text import collation_key

FONTS = ["Times New Roman", "DejaVu Serif"]  # the document's font first
MOST_BARS = 25
STEPS = (7, 15, 30, 60, 90, 180, 365)  # the widths an age bucket may have, in days
MOST_BUCKETS = 5
PNG_DPI = 150  # the Word picture: a 7-inch chart fits 16 cm of text at about 170 dpi, print quality
AGE_COLOURS = ("#f1c40f", "#e67e22", "#d35400", "#c0392b", "#7b241c")


class Chart:
    """A chart drawn once and saved in the format asked for, when first asked: the Word document
    needs only the PNG, the web page and the Markdown pack only the SVG."""

    def __init__(self, name: str, title: str, data: Any, figure: Any) -> None:
        self.name = name  # file stem: rates, overdue-age, plans
        self.title = title
        self.data = data  # what it draws, for tests and for the text beside it
        self.figure = figure
        self._saved: dict[str, bytes] = {}

    @property
    def svg(self) -> str:
        return self._save("svg").decode("utf-8")

    @property
    def png(self) -> bytes:
        return self._save("png")

    def _save(self, kind: str) -> bytes:
        if kind not in self._saved:
            import matplotlib

            out = io.BytesIO()
            with matplotlib.rc_context(_STYLE):  # the SVG's ids and text as shapes are read when saving
                if kind == "svg":  # output.is_ours reads the creator
                    self.figure.savefig(out, format="svg", metadata={"Date": None, "Creator": "dothi"})
                else:
                    self.figure.savefig(out, format="png", dpi=PNG_DPI, metadata={"Software": None})
            self._saved[kind] = out.getvalue()
        return self._saved[kind]


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


def age_buckets(context: Briefing) -> list[tuple[int, int, int]]:
    """Overdue items by days overdue, in buckets fitted to the data's range: (first day, last day,
    count). The narrowest width of ``STEPS`` that covers the oldest item in at most
    ``MOST_BUCKETS`` buckets, so 200 items all 300 days late do not stand in one bar of three."""
    days = [item.days_overdue for item in context.status.items if item.days_overdue]
    if not days:
        return []
    low, high = min(days), max(days)
    step = next((s for s in STEPS if (high - 1) // s - (low - 1) // s < MOST_BUCKETS), STEPS[-1])
    first, last = (low - 1) // step, (high - 1) // step
    buckets = [(n * step + 1, (n + 1) * step, 0) for n in range(first, last + 1)]
    counts = [0] * len(buckets)
    for value in days:
        counts[(value - 1) // step - first] += 1
    return [(a, b, count) for (a, b, _), count in zip(buckets, counts, strict=True)]


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


def notes(context: Briefing, t: Catalogue) -> dict[str, tuple[str, str]]:
    """The charts the data cannot show, by name: (title, why), the reason said in the document."""
    found: dict[str, tuple[str, str]] = {}
    rates = {rate for _, rate in rates_data(context)}
    if not rates:
        found["rates"] = (t.get("chart.rates"), t.get("chart.skipped.no_rates"))
    elif len(rates) == 1 and len(rates_data(context)) > 1:
        rate = t.percent(next(iter(rates)))
        found["rates"] = (t.get("chart.rates"), t.get("chart.skipped.all_same", rate=rate))
    if not age_buckets(context):
        found["overdue-age"] = (t.get("chart.age"), t.get("chart.skipped.no_overdue"))
    drawable = bool(context.localities and context.localities[0].check.sections)
    if drawable and all(value != value for row in plans_data(context)[2] for value in row):  # all NaN
        found["plans"] = (t.get("chart.plans"), t.get("chart.skipped.no_plans"))
    return found


def charts(context: Briefing, t: Catalogue) -> list[Chart]:
    """The charts the data can show (``notes`` says why the others are left out). Each is drawn on
    a ``Figure`` of its own with the Agg canvas: pyplot's state machine and its backends are not
    imported, and matplotlib not at all when no chart is drawn."""
    skipped = notes(context, t)
    drawers = [
        drawer
        for name, drawer in (("rates", _rates), ("overdue-age", _overdue_age), ("plans", _plans))
        if name not in skipped
        and (name != "plans" or bool(context.localities and context.localities[0].check.sections))
    ]
    if not drawers:
        return []
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        return [drawer(context, t) for drawer in drawers]


def _figure(width: float, height: float) -> tuple[Any, Any]:
    """A figure of ``width`` × ``height`` inches on the Agg canvas, and its one set of axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure, figure.subplots()


_STYLE: Any = {
    "font.family": "serif",
    "font.serif": FONTS,
    "font.size": 9,
    "svg.hashsalt": "dothi",  # fixed element ids: the same data gives the same SVG
    "svg.fonttype": "path",  # text drawn as shapes: the page needs no font to show it
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _rates(context: Briefing, t: Catalogue) -> Chart:
    every = rates_data(context)
    data = every[:MOST_BARS]  # a page holds about 25 readable bars: the ones most behind
    figure, axes = _figure(7.0, 0.32 * max(len(data), 3) + 1.0)
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
    return _finish(figure, "rates", title, data)


def _overdue_age(context: Briefing, t: Catalogue) -> Chart:
    buckets = age_buckets(context)
    data = [count for _, _, count in buckets]
    labels = [t.get("chart.age.between", low=t.number(low), high=t.number(high)) for low, high, _ in buckets]
    figure, axes = _figure(5.5, 3.0)
    colors = [AGE_COLOURS[min(i, len(AGE_COLOURS) - 1)] for i in range(len(data))]  # older: darker
    bars = axes.bar(labels, data, color=colors)
    axes.set_xlabel(t.get("chart.axis.days"))
    axes.set_ylabel(t.get("chart.age.axis"))
    for bar, count in zip(bars, data, strict=True):
        axes.text(bar.get_x() + bar.get_width() / 2, count, t.number(count), ha="center", va="bottom")
    return _finish(figure, "overdue-age", t.get("chart.age"), data)


def _plans(context: Briefing, t: Catalogue) -> Chart:
    from matplotlib import colormaps
    from matplotlib.patches import Patch

    localities, requirements, grid = plans_data(context)
    figure, axes = _figure(7.0, max(0.22 * len(localities) + 1.6, 2.2))
    shades = colormaps["RdYlGn"]
    axes.imshow(grid, cmap=shades, vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    axes.set_yticks(range(len(localities)), localities, fontsize=7)
    axes.set_xticks(range(len(requirements)), [str(i) for i in range(1, len(requirements) + 1)], fontsize=7)
    axes.set_xlabel(t.get("chart.plans.axis"))
    legend = [
        Patch(facecolor=shades(value), edgecolor="#555", label=t.get(f"check.state.{state}"))
        for state, value in (("ok", 1.0), ("thin", 0.5), ("missing", 0.0))
    ]
    legend.append(Patch(facecolor="white", edgecolor="#555", label=t.get("check.state.unknown")))
    axes.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    return _finish(figure, "plans", t.get("chart.plans"), (localities, requirements, grid))


def _finish(figure: Any, name: str, title: str, data: Any) -> Chart:
    figure.suptitle(title, fontsize=10, fontweight="bold")
    figure.tight_layout()
    return Chart(name, title, data, figure)
