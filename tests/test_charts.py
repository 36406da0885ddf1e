"""Charts chosen by what the data can show (issue 18 item 11): a chart that would say nothing is
left out and the document says why; the age chart's buckets follow the data's range; the plan grid
has a legend; the labels are set in the documents' serif."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import run_cli, write_repo
from dothi.data.repository import load_repository
from dothi.messages import Catalogue
from dothi.render.charts import STEPS, age_buckets, charts, notes
from dothi.reports.briefing import briefing
from test_brief import DATES, brief_files


def context(tmp_path: Path, day: date) -> object:
    root = write_repo(tmp_path / "repo", brief_files())
    return briefing(load_repository(root).repository, day, None, 14)


def test_age_buckets_follow_the_range_of_the_data(tmp_path: Path) -> None:
    """On 1/9/2025 the overdue items are 7 to 31 days late: buckets of a week, not one bar of ≤ 30."""
    buckets = age_buckets(context(tmp_path, date(2025, 9, 1)))  # type: ignore[arg-type]
    assert buckets == [(1, 7, 3), (8, 14, 0), (15, 21, 1), (22, 28, 0), (29, 35, 1)]
    assert sum(count for _, _, count in buckets) == 5


def test_a_year_later_the_buckets_widen_and_stay_few(tmp_path: Path) -> None:
    buckets = age_buckets(context(tmp_path, date(2026, 9, 1)))  # type: ignore[arg-type]
    widths = {high - low + 1 for low, high, _ in buckets}
    assert len(widths) == 1 and widths.pop() in STEPS and len(buckets) <= 5
    assert buckets[0][2] and buckets[-1][2]  # no empty bucket at either end


def test_a_chart_with_nothing_to_show_is_left_out_and_the_document_says_why(tmp_path: Path) -> None:
    early = context(tmp_path, date(2025, 7, 2))  # nothing overdue; one roadmap milestone done
    t = Catalogue("vi")
    assert notes(early, t) == {  # type: ignore[arg-type]
        "overdue-age": ("Nhiệm vụ quá hạn theo số ngày quá hạn", "không có nhiệm vụ quá hạn")
    }
    assert [chart.name for chart in charts(early, t)] == ["rates", "plans"]  # type: ignore[arg-type]
    root = write_repo(tmp_path / "other", brief_files())
    out = tmp_path / "b.html"
    assert run_cli("--root", str(root), "brief", "--as-of", "2/7/2025", "--out", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert (
        "Báo cáo không kèm biểu đồ “Nhiệm vụ quá hạn theo số ngày quá hạn” vì không có nhiệm vụ quá hạn."
        in page
    )
    assert page.count("<figure") == 2


def test_the_plan_grid_has_a_legend_and_the_labels_are_serif(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", brief_files())
    pack = tmp_path / "pack"
    assert run_cli("--root", str(root), "brief", *DATES, "--pack", str(pack)).exit_code == 0
    made = {chart.name: chart for chart in charts(context(tmp_path, date(2025, 9, 1)), Catalogue("vi"))}  # type: ignore[arg-type]
    assert sorted(made) == ["overdue-age", "plans", "rates"]
    svg = made["plans"].svg
    assert 'id="legend_1"' in svg
    import matplotlib

    matplotlib.use("Agg")
    from dothi.render.charts import _STYLE

    assert _STYLE["font.family"] == "serif" and _STYLE["font.serif"][0] == "Times New Roman"


def test_rates_that_are_all_the_same_draw_no_chart(tmp_path: Path) -> None:
    from dataclasses import replace

    from dothi.reports.status import LeadSummary

    ctx = context(tmp_path, date(2025, 9, 1))
    same = [(summary, name) for summary, name in ctx.leads if summary.tally.rates.due == 0.5]  # type: ignore[attr-defined]
    assert len(same) == 3
    why = notes(replace(ctx, leads=tuple(same)), Catalogue("vi"))  # type: ignore[type-var]
    assert why["rates"][1] == "mọi cơ quan chủ trì có cùng tỷ lệ 50,00%"
    empty = replace(ctx, leads=tuple((LeadSummary(s.lead, s.tally), n) for s, n in same[:0]))  # type: ignore[type-var]
    assert notes(empty, Catalogue("vi"))["rates"][1] == "chưa có cơ quan chủ trì nào có nhiệm vụ đến hạn"
