"""The streamed item tables of ``dothi status`` print what Rich's ``Table`` prints (issue 19).

At national scale the item tables are streamed line by line instead of laid out by a ``Table``
(see ``render/status_lines.py``); the ``Table`` stays the oracle: for any titles (wide characters,
words longer than the column, tabs, line breaks, control characters) and any terminal width, the
two print the same text, and with colours the same words.
"""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.cells import cell_len

from dothi.data.repository import Repository, load_repository
from dothi.messages import Catalogue
from dothi.render import status_lines, status_rich
from dothi.render.console import SafeConsole
from dothi.render.status import StatusView
from dothi.render.status_rich import as_rich, print_status
from dothi.reports.status import Filters, StatusReport, status_report
from test_status_cli import AS_OF, root

__all__ = ["root"]  # the fixture, imported for the tests below

DAY = date.fromisoformat(AS_OF)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def repository(root: str) -> Repository:
    found = load_repository(Path(root), None, None).repository
    assert found is not None
    return found


def console_into(out: io.StringIO, width: int, colour: bool) -> SafeConsole:
    return SafeConsole(
        file=out,
        width=width,
        soft_wrap=True,
        highlight=False,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
    )


def printed(view: StatusView, width: int, stream: bool, colour: bool = False) -> str:
    out = io.StringIO()
    console = console_into(out, width, colour)
    if stream:
        print_status(console, view)
    else:
        console.print(as_rich(view))
    return out.getvalue()


def retitled(report: StatusReport, titles: list[str]) -> StatusReport:
    listing = tuple(
        dataclasses.replace(item, title=titles[index % len(titles)])
        for index, item in enumerate(report.listing)
    )
    return dataclasses.replace(report, listing=listing)


PIECES = [*"ab cđếộ\tư\n", "東京", "\x1b", "\u0301", "x" * 30, "  ", "·"]
TITLE_TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


# a control character before a blank: the table wraps it (of no width), then drops it
@example(titles=["\x1b " + "x" * 30], width=34, everything=False)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.lists(TITLE_TEXT, min_size=1, max_size=4), width=st.integers(20, 140), everything=st.booleans()
)
def test_the_stream_prints_what_the_table_prints(
    repository: Repository, titles: list[str], width: int, everything: bool
) -> None:
    report = retitled(status_report(repository, DAY, 14, Filters(everything=everything)), titles)
    view = StatusView(report, repository.names, Catalogue("vi"))
    assert printed(view, width, stream=True) == printed(view, width, stream=False)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", [40, 80, 100])
@pytest.mark.parametrize("limit", [None, 1])
def test_the_stream_matches_on_the_fixture(
    repository: Repository, lang: str, width: int, limit: int | None
) -> None:
    report = status_report(repository, DAY, 14, Filters(leads=("bxd", "ha-noi"), everything=True))
    view = StatusView(report, repository.names, Catalogue(lang), limit)
    assert printed(view, width, stream=True) == printed(view, width, stream=False)


def test_colours_keep_the_words_and_the_layout(repository: Repository) -> None:
    view = StatusView(status_report(repository, DAY, 14), repository.names, Catalogue("vi"))
    coloured = printed(view, 100, stream=True, colour=True)
    assert "\x1b[1;31m" in coloured  # an overdue title in bold red
    assert "\x1b[2m" in coloured  # the particulars dim
    assert ANSI.sub("", coloured) == printed(view, 100, stream=True)


NARROW_PIECES = [*"ab cđếộư·—", " ", "  ", "\u00a0", "x" * 30, "Ủy ban nhân dân", "2.3"]


@given(text=st.lists(st.sampled_from(NARROW_PIECES), max_size=16).map("".join), width=st.integers(1, 60))
def test_a_line_of_narrow_characters_breaks_where_rich_breaks_it(text: str, width: int) -> None:
    assert status_lines._NARROW.fullmatch(text)
    assert status_lines._divide_narrow(text, width) == divide_line(text, width, fold=True)
    assert status_lines._cells(text) == cell_len(text)


def test_every_narrow_character_is_one_cell_in_rich() -> None:
    """The fast measure takes a narrow line's length for its width: true of every such character."""
    ranges = status_lines.NARROW_RANGES
    characters = [chr(code) for low, high in ranges for code in range(ord(low), ord(high) + 1)]
    assert len(characters) > 700
    assert all(status_lines._NARROW.fullmatch(c) and cell_len(c) == 1 for c in characters)
    assert not status_lines._NARROW.fullmatch("e\u0301")  # a combining mark: measured by Rich


def test_the_only_blanks_among_the_narrow_characters_are_the_two_it_looks_for() -> None:
    """The line breaker finds where a word starts by the blank before it."""
    narrow = (
        chr(code) for start, end in status_lines.NARROW_RANGES for code in range(ord(start), ord(end) + 1)
    )
    assert {char for char in narrow if char.isspace() or status_lines._SOLID.match(char) is None} == set(
        status_lines._BLANKS
    )


LEAD_NAMES = st.lists(
    st.sampled_from(["BXD", "Hà Nội", "Bộ Khoa học và Công nghệ", "x" * 24, "a b", "Đ"]), max_size=3
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pieces=st.lists(LEAD_NAMES.map(" ".join), min_size=1, max_size=6),
    width=st.integers(30, 160),
    colour=st.booleans(),
    lang=st.sampled_from(["vi", "en"]),
    filtered=st.booleans(),
)
def test_the_table_by_lead_written_line_by_line_is_richs(
    repository: Repository, pieces: list[str], width: int, colour: bool, lang: str, filtered: bool
) -> None:
    """The table by lead is written line by line where Rich's layout of it took half the printing
    of a long listing: the same bytes as Rich's, colours included, at any width it fits."""
    filters = Filters(leads=("bxd",)) if filtered else Filters()
    report = status_report(repository, DAY, 14, filters)
    leads = sorted({summary.lead for summary in report.by_lead})
    names = dataclasses.replace(
        repository.names,
        short_names={lead: pieces[index % len(pieces)] or lead for index, lead in enumerate(leads)},
    )
    by_lead = status_rich.LeadTable(StatusView(report, names, Catalogue(lang)))
    out = io.StringIO()
    console = console_into(out, width, colour)
    console.print(by_lead)
    lines = by_lead.lines(width, status_rich._Styles(console))
    if lines is None:  # a part wider than the terminal (one lead's name and a group): left to Rich
        assert any(status_lines.span_of(by_lead._layout(part)[3]) > width for part in by_lead._parts(width))
        return
    assert "\n".join(lines) + "\n" == out.getvalue()


def plain(view: StatusView, width: int) -> str | None:
    """What :func:`print_plain` writes, or None when it leaves the report to Rich (having
    written nothing)."""
    out = io.StringIO()
    written = status_lines.print_plain(status_lines.Screen(width, status_lines.unstyled, out.write), view)
    assert written or out.getvalue() == ""
    return out.getvalue() if written else None


NOTICES = st.sampled_from([None, "Số liệu đang cập nhật", "tab\there", "東京 số liệu", "x" * 150])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.lists(TITLE_TEXT, min_size=1, max_size=4),
    pieces=st.lists(LEAD_NAMES.map(" ".join), min_size=1, max_size=4),
    width=st.integers(20, 160),
    everything=st.booleans(),
    filtered=st.booleans(),
    quiet=st.booleans(),
    limit=st.sampled_from([None, 0, 2]),
    notice=NOTICES,
    lang=st.sampled_from(["vi", "en"]),
)
def test_the_report_written_without_rich_is_richs(
    repository: Repository,
    titles: list[str],
    pieces: list[str],
    width: int,
    everything: bool,
    filtered: bool,
    quiet: bool,
    limit: int | None,
    notice: str | None,
    lang: str,
) -> None:
    """Into a pipe or a file, the whole report is written without Rich's console: the same bytes
    as Rich prints with no style, or nothing at all and Rich prints it."""
    filters = Filters(leads=("bxd",), everything=everything) if filtered else Filters(everything=everything)
    report = dataclasses.replace(retitled(status_report(repository, DAY, 14, filters), titles), notice=notice)
    leads = sorted({summary.lead for summary in report.by_lead})
    names = dataclasses.replace(
        repository.names,
        short_names={lead: pieces[index % len(pieces)] or lead for index, lead in enumerate(leads)},
    )
    view = StatusView(report, names, Catalogue(lang), limit, quiet)
    found = plain(view, width)
    if found is not None:
        assert found == printed(view, width, stream=False)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", [80, 100, 200])
@pytest.mark.parametrize("quiet", [False, True])
@pytest.mark.parametrize(("everything", "empty"), [(True, False), (False, False), (False, True)])
def test_the_fixtures_report_is_written_without_rich(
    repository: Repository, lang: str, width: int, quiet: bool, everything: bool, empty: bool
) -> None:
    report = status_report(repository, DAY, 14, Filters(leads=("bxd", "ha-noi"), everything=everything))
    report = dataclasses.replace(report, listing=()) if empty else report  # "Không có" under each title
    view = StatusView(report, repository.names, Catalogue(lang), None, quiet)
    assert plain(view, width) == printed(view, width, stream=False)
