"""Deadlines as directives write them (SPEC §3), and the dates inside them (SPEC §2)."""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dothi.calendar.dates import DateError, parse_date
from dothi.calendar.deadline import parse_deadline
from dothi.messages import Catalogue
from dothi.problem import Text


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- every written form of SPEC §3 ---------------------------------------------------------------

AUG_15 = date(2025, 8, 15)
AUG_31 = date(2025, 8, 31)
SEP_30 = date(2025, 9, 30)
DEC_31 = date(2025, 12, 31)

TABLE: list[tuple[str, date | None]] = [
    # a day
    ("2025-08-15", AUG_15),
    ("15/8/2025", AUG_15),
    ("15-8-2025", AUG_15),
    ("15.8.2025", AUG_15),
    ("15/08/2025", AUG_15),
    ("trước ngày 15/8/2025", AUG_15),
    ("trước 15/8/2025", AUG_15),
    ("chậm nhất ngày 15/8/2025", AUG_15),
    ("chậm nhất là ngày 15/8/2025", AUG_15),
    ("hạn 15/8/2025", AUG_15),
    ("ngày 15/8/2025", AUG_15),
    ("ngày 15 tháng 8 năm 2025", AUG_15),
    ("5/6/2025", date(2025, 6, 5)),  # day first: 5 June, never May 6
    ("05/06/2025", date(2025, 6, 5)),
    ("29/2/2024", date(2024, 2, 29)),
    # capitals, extra spaces, NFD, no diacritics
    ("TRƯỚC NGÀY 15/8/2025", AUG_15),
    ("Trước Ngày 15/8/2025", AUG_15),
    ("  trước   ngày  15/8/2025  ", AUG_15),
    ("truoc ngay 15/8/2025", AUG_15),
    ("cham nhat la ngay 15/8/2025", AUG_15),
    (nfd("trước ngày 15/8/2025"), AUG_15),
    (nfd("chậm nhất là ngày 15/8/2025"), AUG_15),
    ("trước ngày 15/8/2025.", AUG_15),
    # a month
    ("8/2025", AUG_31),
    ("2025-08", AUG_31),
    ("tháng 8/2025", AUG_31),
    ("tháng 8 năm 2025", AUG_31),
    ("trong tháng 8/2025", AUG_31),
    ("Trong Tháng 8/2025", AUG_31),
    ("trong  tháng   8 năm  2025", AUG_31),
    (nfd("trong tháng 8 năm 2025"), AUG_31),
    ("hạn tháng 8/2025", AUG_31),
    ("tháng 2/2024", date(2024, 2, 29)),
    ("tháng 2/2025", date(2025, 2, 28)),
    ("tháng 12 năm 2025", DEC_31),
    # a quarter
    ("Q3/2025", SEP_30),
    ("q3/2025", SEP_30),
    ("quý III/2025", SEP_30),
    ("quý 3/2025", SEP_30),
    ("quý 3 năm 2025", SEP_30),
    ("quý IV/2025", DEC_31),
    ("quy III/2025", SEP_30),
    ("QUÝ III/2025", SEP_30),
    ("quý iii/2025", SEP_30),
    (nfd("quý III/2025"), SEP_30),
    ("  quý   III / 2025 ", SEP_30),
    ("trong quý III/2025", SEP_30),
    ("quý I/2026", date(2026, 3, 31)),
    ("quý II năm 2026", date(2026, 6, 30)),
    ("Q1/2025", date(2025, 3, 31)),
    # a half-year
    ("6 tháng đầu năm 2025", date(2025, 6, 30)),
    ("H1/2025", date(2025, 6, 30)),
    ("h1/2025", date(2025, 6, 30)),
    ("6 tháng cuối năm 2025", DEC_31),
    ("H2/2025", DEC_31),
    ("6 THÁNG ĐẦU NĂM 2025", date(2025, 6, 30)),
    ("6 thang cuoi nam 2025", DEC_31),
    (nfd("6 tháng đầu năm 2025"), date(2025, 6, 30)),
    # a year
    ("2025", DEC_31),
    ("năm 2025", DEC_31),
    ("cuối năm 2025", DEC_31),
    ("trong năm 2025", DEC_31),
    ("Cuối Năm 2025", DEC_31),
    ("cuoi nam 2025", DEC_31),
    (nfd("cuối năm 2025"), DEC_31),
    # ongoing duties
    ("thường xuyên", None),
    ("Thường xuyên", None),
    ("THƯỜNG XUYÊN", None),
    ("thuong xuyen", None),
    (nfd("thường xuyên"), None),
    ("ongoing", None),
    ("Ongoing", None),
]


def text_and_due(written: str) -> tuple[str, date | None]:
    deadline = parse_deadline(written)
    return deadline.text, deadline.due


@pytest.mark.parametrize(("written", "due"), TABLE)
def test_written_deadline_gives_due_date(written: str, due: date | None) -> None:
    assert text_and_due(written) == (written, due)


def test_deadline_keeps_the_text_as_written() -> None:
    written = nfd("  Trước ngày 15/8/2025 ")
    deadline = parse_deadline(written)
    assert deadline.text == written
    assert deadline.due == AUG_15
    assert deadline.ongoing is False


def test_ongoing_deadline_has_no_due_date() -> None:
    assert parse_deadline("thường xuyên").ongoing is True


# --- errors: the catalogue key and the values it names -----------------------------------------

ERRORS: list[tuple[str, Text]] = [
    ("20/7", Text.of("date.no_year", written="20/7", day="20", month="7")),
    ("trước ngày 20/7", Text.of("date.no_year", written="trước ngày 20/7", day="20", month="7")),
    ("31/2/2025", Text.of("date.bad_day", written="31/2/2025", month=2, year=2025, last=28)),
    ("29/2/2025", Text.of("date.bad_day", written="29/2/2025", month=2, year=2025, last=28)),
    ("31/4/2025", Text.of("date.bad_day", written="31/4/2025", month=4, year=2025, last=30)),
    ("2025-02-30", Text.of("date.bad_day", written="2025-02-30", month=2, year=2025, last=28)),
    ("0/8/2025", Text.of("date.bad_day", written="0/8/2025", month=8, year=2025, last=31)),
    ("15/13/2025", Text.of("date.bad_month", written="15/13/2025", month=13)),
    ("13/2025", Text.of("date.bad_month", written="13/2025", month=13)),
    ("tháng 13/2025", Text.of("date.bad_month", written="tháng 13/2025", month=13)),
    ("2025-13", Text.of("date.bad_month", written="2025-13", month=13)),
    ("0/2025", Text.of("date.bad_month", written="0/2025", month=0)),
    ("sớm nhất có thể", Text.of("deadline.unknown", written="sớm nhất có thể")),
    ("quý V/2025", Text.of("deadline.unknown", written="quý V/2025")),
    ("Q5/2025", Text.of("deadline.unknown", written="Q5/2025")),
    ("H3/2025", Text.of("deadline.unknown", written="H3/2025")),
    ("15/08/25", Text.of("deadline.unknown", written="15/08/25")),
    ("", Text.of("deadline.unknown", written="")),
    ("trước ngày", Text.of("deadline.unknown", written="trước ngày")),
]


@pytest.mark.parametrize(("written", "text"), ERRORS)
def test_bad_deadline_raises_date_error_with_its_text(written: str, text: Text) -> None:
    with pytest.raises(DateError) as caught:
        parse_deadline(written)
    assert caught.value.text == text


def test_unknown_deadline_message_quotes_the_text_and_shows_the_accepted_forms() -> None:
    with pytest.raises(DateError) as caught:
        parse_deadline("sớm")
    assert Catalogue("vi").text(caught.value.text) == (
        "không hiểu thời hạn “sớm”; các dạng được chấp nhận: “trước ngày 15/8/2025”, "
        "“trong tháng 8/2025”, “quý III/2025”, “6 tháng đầu năm 2025”, “năm 2025”, "
        "“trong vòng 5 ngày kể từ ngày ký”, “trong 10 ngày làm việc”, “thường xuyên”"
    )
    assert Catalogue("en").text(caught.value.text) == (
        "cannot read the deadline “sớm”; accepted forms: “trước ngày 15/8/2025”, "
        "“trong tháng 8/2025”, “quý III/2025”, “6 tháng đầu năm 2025”, “năm 2025”, "
        "“trong vòng 5 ngày kể từ ngày ký”, “trong 10 ngày làm việc”, “thường xuyên”"
    )


def test_impossible_date_message_names_the_month_length() -> None:
    with pytest.raises(DateError) as caught:
        parse_deadline("31/2/2025")
    assert Catalogue("vi").text(caught.value.text) == (
        "“31/2/2025” không phải là ngày có thật: tháng 2/2025 chỉ có 28 ngày"
    )


def test_date_error_is_a_value_error_named_by_its_key() -> None:
    with pytest.raises(ValueError, match=r"^date\.no_year$"):
        parse_deadline("20/7")


@pytest.mark.parametrize("written", ["15/8/0000", "năm 0000", "quý III/0000", "0000"])
def test_year_zero_is_a_date_error(written: str) -> None:
    with pytest.raises(DateError):
        parse_deadline(written)


# --- property tests ---------------------------------------------------------------------------------

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
YEARS = st.integers(min_value=1900, max_value=2200)
MONTHS = st.integers(min_value=1, max_value=12)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def day_forms(d: date) -> list[str]:
    return [
        d.isoformat(),
        f"{d.day}/{d.month}/{d.year}",
        f"trước ngày {d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"{d.day}.{d.month}.{d.year}",
    ]


@given(DATES)
def test_any_written_day_gives_that_day(d: date) -> None:
    for written in day_forms(d):
        assert text_and_due(written) == (written, d), written


@given(DATES)
def test_day_forms_with_lead_ins_capitals_and_nfd(d: date) -> None:
    for written in (
        f"chậm nhất là ngày {d.day}/{d.month}/{d.year}",
        f"HẠN {d.day}/{d.month}/{d.year}",
        nfd(f"chậm nhất ngày {d.day}.{d.month}.{d.year}"),
        f"  ngày   {d.day}/{d.month}/{d.year} ",
    ):
        assert parse_deadline(written).due == d, written


@given(MONTHS, YEARS)
def test_any_written_month_gives_its_last_day(month: int, year: int) -> None:
    last = date(year, month, calendar.monthrange(year, month)[1])
    for written in (
        f"tháng {month}/{year}",
        f"trong tháng {month} năm {year}",
        f"{month}/{year}",
        f"{year}-{month:02d}",
        nfd(f"Trong Tháng {month}/{year}"),
    ):
        assert text_and_due(written) == (written, last), written


@given(st.integers(min_value=1, max_value=4), YEARS)
def test_any_written_quarter_gives_its_last_day(quarter: int, year: int) -> None:
    last = date(year, *QUARTER_END[quarter])
    for number in (str(quarter), ROMAN[quarter], ROMAN[quarter].lower()):
        for written in (
            f"Q{number}/{year}",
            f"quý {number}/{year}",
            f"quý {number} năm {year}",
            f"quy {number}/{year}",
            nfd(f"quý {number}/{year}"),
        ):
            assert text_and_due(written) == (written, last), written


@given(YEARS)
def test_any_written_year_gives_31_december(year: int) -> None:
    for written in (f"năm {year}", f"cuối năm {year}", f"{year}", nfd(f"Cuối năm {year}")):
        assert text_and_due(written) == (written, date(year, 12, 31)), written


@given(YEARS)
def test_any_written_half_year_gives_its_last_day(year: int) -> None:
    for written, due in (
        (f"H1/{year}", date(year, 6, 30)),
        (f"6 tháng đầu năm {year}", date(year, 6, 30)),
        (f"H2/{year}", date(year, 12, 31)),
        (f"6 tháng cuối năm {year}", date(year, 12, 31)),
        (nfd(f"6 Tháng Đầu Năm {year}"), date(year, 6, 30)),
    ):
        assert text_and_due(written) == (written, due), written


@settings(max_examples=50)
@given(YEARS, st.integers(min_value=2, max_value=12))
def test_day_past_the_end_of_the_month_is_bad_day(year: int, month: int) -> None:
    last = calendar.monthrange(year, month)[1]
    written = f"{last + 1}/{month}/{year}"
    with pytest.raises(DateError) as caught:
        parse_deadline(written)
    assert caught.value.text == Text.of("date.bad_day", written=written, month=month, year=year, last=last)


# --- dothi.calendar.dates.parse_date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2025-08-15", AUG_15),
        ("15/8/2025", AUG_15),
        ("15-8-2025", AUG_15),
        ("15.8.2025", AUG_15),
        ("15/08/2025", AUG_15),
        ("5/6/2025", date(2025, 6, 5)),
        ("2025-8-5", date(2025, 8, 5)),
        (" 15/8/2025 ", AUG_15),
        ("ngày 15 tháng 8 năm 2025", AUG_15),
        (nfd("Ngày 15 tháng 8 năm 2025"), AUG_15),
    ],
)
def test_parse_date_reads_the_date_forms(written: str, day: date) -> None:
    assert parse_date(written) == day


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("20/7", Text.of("date.no_year", written="20/7", day="20", month="7")),
        ("31/2/2025", Text.of("date.bad_day", written="31/2/2025", month=2, year=2025, last=28)),
        ("15/13/2025", Text.of("date.bad_month", written="15/13/2025", month=13)),
        ("8/2025", Text.of("date.unknown", written="8/2025")),
        ("quý III/2025", Text.of("date.unknown", written="quý III/2025")),
        ("trước ngày 15/8/2025", Text.of("date.unknown", written="trước ngày 15/8/2025")),
        ("hôm qua", Text.of("date.unknown", written="hôm qua")),
    ],
)
def test_parse_date_refuses_what_is_not_one_day(written: str, text: Text) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(written)
    assert caught.value.text == text


@given(DATES)
def test_parse_date_reads_any_day(d: date) -> None:
    for written in (
        d.isoformat(),
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"{d.day}.{d.month}.{d.year}",
    ):
        assert parse_date(written) == d, written


def test_parse_date_year_zero_is_a_date_error() -> None:
    with pytest.raises(DateError):
        parse_date("15/8/0000")
