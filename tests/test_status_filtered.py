"""``dothi status`` with filters: the figures follow the filters and say so (issue 18, item 9).

The listing always followed ``--lead``, ``--locality``, ``--directive`` and ``--state``; the counts,
rates and the table by lead above it covered every item, so a reader took the whole repository's
figures for those of the unit asked about. Now a filtered view shows the figures of the items the
filters keep, labelled as filtered, and the JSON adds them beside its whole-repository ``counts``.
"""

from __future__ import annotations

from test_status_cli import AS_OF, BY_LEAD, COUNTS, RATES, counts, root, status, status_json

__all__ = ["root"]  # the fixture, imported for the tests below

VI_NOTE = "Số liệu trên đã lọc: chỉ tính {} nhiệm vụ khớp điều kiện lọc, trên tổng số 12 nhiệm vụ."


def test_json_adds_the_filtered_figures_and_keeps_the_whole(root: str) -> None:
    document = status_json(root, "--as-of", AS_OF, "--lead", "bxd", "--lead", "ha-noi")
    assert (document["counts"], document["rates"], document["by_lead"]) == (COUNTS, RATES, BY_LEAD)
    filtered = document["filtered"]
    assert filtered["filters"] == {"lead": ["bxd", "ha-noi"], "locality": [], "directive": [], "state": []}
    assert filtered["counts"] == counts(done_on_time=2, done_late=1, in_progress=2, overdue=1, cancelled=1)
    assert filtered["rates"] == {"due": 0.75, "all": 0.5}
    assert [entry["lead"] for entry in filtered["by_lead"]] == ["bxd", "ha-noi"]


def test_json_without_filters_has_no_filtered_block(root: str) -> None:
    assert "filtered" not in status_json(root, "--as-of", AS_OF)
    assert "filtered" not in status_json(root, "--as-of", AS_OF, "--all")


def test_state_filter_counts_only_that_state(root: str) -> None:
    filtered = status_json(root, "--as-of", AS_OF, "--state", "overdue")["filtered"]
    assert filtered["counts"] == counts(overdue=2)
    assert filtered["rates"] == {"due": 0.0, "all": 0.0}
    assert filtered["filters"]["state"] == ["overdue"]


def test_table_counts_rates_and_leads_follow_the_filter(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--locality", "cao-bang")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "Số lượng theo trạng thái — đã lọc: địa phương Cao Bằng" in lines
    assert "Theo cơ quan chủ trì — đã lọc: địa phương Cao Bằng" in lines
    assert "Tổng số 2 100,00%" in lines
    assert "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 50,00%; trên tổng số nhiệm vụ: 50,00%" in lines
    assert not any(line.startswith(("BXD ", "BKHCN ", "VPCP ")) for line in lines)
    assert lines[-1] == VI_NOTE.format(2)


def test_english_labels_name_every_filter(root: str) -> None:
    args = ["--lead", "bkhcn", "--directive", "qd-100", "--state", "in_progress"]
    result = status(root, "--as-of", AS_OF, *args, lang="en")
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    scope = "lead BKHCN; directive 100/QĐ-TTg; state In progress, within the deadline"
    assert f"Items by state — filtered: {scope}" in lines
    assert f"By lead agency — filtered: {scope}" in lines
    assert lines[-1] == (
        "Filtered view: the figures above cover the 2 items that match the filters, out of 12 in all."
    )


def test_quiet_filtered_view_still_says_it_is_filtered(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--lead", "bxd", "--quiet")
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "Tổng số 4 100,00%" in lines
    assert lines[-1] == VI_NOTE.format(4)


def test_markdown_headings_are_labelled(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--format", "md", "--lead", "vpcp")
    assert "## Số lượng theo trạng thái — đã lọc: cơ quan chủ trì VPCP\n" in result.stdout
    assert "## Theo cơ quan chủ trì — đã lọc: cơ quan chủ trì VPCP\n" in result.stdout
    assert "| Tổng số | 1 | 100,00% |" in result.stdout
