"""``dothi.render.markdown``: data shown as data in Markdown (SPEC §6).

A ``|`` or a line break inside a table cell is escaped so it never breaks the table; a ``#``, ``>`` or
list marker at the start of a line is escaped; and (issue 21) so is inline markup anywhere, so that
a title is text; nothing else is changed. Besides exact values, the
tests render the output with markdown-it-py (CommonMark plus GFM tables; installed with ``rich``, a
dependency of dothi) and check what a reader sees: the text as written, in the expected blocks.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dothi.render.markdown import Safe, cell, table, text
from markdown_reader import MD, inline_text, lines, paragraphs, pipes, seen_as_paragraphs, squash


def seen_in_cell(value: str) -> str:
    """The text a reader sees in the one body cell of a table holding ``cell(value)``."""
    tokens = MD.parse("\n".join(table(["h"], [[value]])) + "\n")
    cells = [i for i, token in enumerate(tokens) if token.type == "td_open"]
    assert len(cells) == 1
    return squash(inline_text(tokens[cells[0] + 1]))


# --- text: running text --------------------------------------------------------------------------------

TEXT_ESCAPED = [
    ("# Tiêu đề", "\\# Tiêu đề"),
    ("#hashtag", "\\#hashtag"),
    ("## hai", "\\## hai"),
    ("#", "\\#"),
    ("> trích dẫn", "\\> trích dẫn"),
    (">x", "\\>x"),
    ("- gạch đầu dòng", "\\- gạch đầu dòng"),
    ("-", "\\-"),
    ("* sao", "\\* sao"),
    ("+ cộng", "\\+ cộng"),
    ("  # thụt lề", "  \\# thụt lề"),
    ("\t> tab", "\t\\> tab"),
    ("dòng 1\n# dòng 2", "dòng 1\n\\# dòng 2"),
    ("dòng 1\n> dòng 2", "dòng 1\n\\> dòng 2"),
    ("dòng 1\n- dòng 2\n* dòng 3\n+ dòng 4", "dòng 1\n\\- dòng 2\n\\* dòng 3\n\\+ dòng 4"),
    ("dòng 1\n   - thụt lề", "dòng 1\n   \\- thụt lề"),
    ("a\n\n# b", "a\n\n\\# b"),
    ("# a\n# b", "\\# a\n\\# b"),
]

UNCHANGED = [
    "{% raw %}{{ x }}{% endraw %}",
    "{# chú thích #}",
    "a-b",
    "a - b",
    "-x",
    "+x",
    "1.5 tỷ đồng",
    "2025",
    "Quyết định 1413/QĐ-TTg",
    "x # y",
    "x > y",
    "Độc lập - Tự do - Hạnh phúc",
    "",
]

# Issue 21: titles are text, so inline markup is escaped wherever it stands (a reader still sees
# the value as written: see test_a_reader_sees_inline_markup_as_written).
INLINE_ESCAPED = [
    ("*bold*", "\\*bold\\*"),
    ("**đậm**", "\\*\\*đậm\\*\\*"),
    ("_nghiêng_", "\\_nghiêng\\_"),
    ("{{ 7*7 }}", "{{ 7\\*7 }}"),
    ("C:\\thư mục\\tệp", "C:\\\\thư mục\\\\tệp"),
    ("a\\b", "a\\\\b"),
    ("*x", "\\*x"),
    ("--", "\\--"),
    ("[liên kết](http://example.com)", "\\[liên kết\\](http://example.com)"),
    ("![ảnh](https://example.com/a.png)", "!\\[ảnh\\](https://example.com/a.png)"),
    ("`mã`", "\\`mã\\`"),
    ("<br>", "\\<br>"),
    ("<https://example.com>", "\\<https://example.com>"),
    ("&amp; ~~gạch~~", "\\&amp; \\~\\~gạch\\~\\~"),
]


@pytest.mark.parametrize(("value", "expected"), TEXT_ESCAPED)
def test_text_escapes_markers_at_the_start_of_the_value_and_of_each_line(value: str, expected: str) -> None:
    assert text(value) == expected


def test_text_escapes_after_a_crlf_line_break() -> None:
    assert text("dòng 1\r\n# dòng 2").replace("\r\n", "\n") == "dòng 1\n\\# dòng 2"


@pytest.mark.parametrize("value", [*UNCHANGED, "a|b", "a\nb", "dòng 1\nx # y"])
def test_text_changes_nothing_else(value: str) -> None:
    assert text(value) == value


@pytest.mark.parametrize(("value", "expected"), INLINE_ESCAPED)
def test_inline_markup_is_escaped_in_text_and_in_cells(value: str, expected: str) -> None:
    assert text(value) == cell(value) == expected


@pytest.mark.parametrize(("value", "expected"), INLINE_ESCAPED)
def test_a_reader_sees_inline_markup_as_written(value: str, expected: str) -> None:
    assert seen_as_paragraphs(text(value)) == paragraphs(lines(value))
    assert seen_in_cell(cell(value)) == squash(lines(value))


def test_text_and_cell_are_safe_strings_and_accept_any_value() -> None:
    assert isinstance(text("x"), Safe)
    assert isinstance(cell("x"), Safe)
    assert text(42) == "42"
    assert cell(None) == "None"


# A leading tab is an indented code block in Markdown whatever follows; SPEC §6 does not cover it.
@pytest.mark.parametrize("value", [value for value, _ in TEXT_ESCAPED if not value.startswith("\t")])
def test_a_reader_sees_escaped_text_as_written_in_plain_paragraphs(value: str) -> None:
    assert seen_as_paragraphs(text(value)) == paragraphs(lines(value))


@pytest.mark.parametrize("value", ["1. Xây dựng kế hoạch", "2) Ban hành", "12. x", "a\n1. b", "a\n3) b"])
def test_a_reader_sees_an_escaped_ordered_list_marker_as_written(value: str) -> None:
    assert seen_as_paragraphs(text(value)) == paragraphs(lines(value))


def test_ordered_list_markers_are_escaped_so_no_list_starts() -> None:
    for value in ("1. x", "2) x", "a\n1. b", "1.", "10)"):
        assert {token.type for token in MD.parse(text(value))} <= {
            "paragraph_open",
            "inline",
            "paragraph_close",
        }


@pytest.mark.parametrize("value", ["a\r# b", "a\r> b", "a\r- b"])
def test_text_escapes_markers_after_a_lone_carriage_return(value: str) -> None:
    assert seen_as_paragraphs(text(value)) == paragraphs(lines(value))


# --- cell: inside a table ----------------------------------------------------------------------------

CELL_CASES = [
    ("a|b", "a\\|b"),
    ("|", "\\|"),
    ("||", "\\|\\|"),
    ("| a | b |", "\\| a \\| b \\|"),
    ("a\nb", "a<br>b"),
    ("a\r\nb", "a<br>b"),
    ("a\rb", "a<br>b"),
    ("a\n\nb", "a<br><br>b"),
    ("a\n", "a<br>"),
    ("a|b\nc|d", "a\\|b<br>c\\|d"),
    ("# x", "\\# x"),
    ("> x", "\\> x"),
    ("- x", "\\- x"),
    ("* x", "\\* x"),
    ("+ x", "\\+ x"),
]


@pytest.mark.parametrize(("value", "expected"), CELL_CASES)
def test_cell_escapes_pipes_and_line_breaks(value: str, expected: str) -> None:
    assert cell(value) == expected


@pytest.mark.parametrize("value", [v for v in UNCHANGED if "<br>" not in v])
def test_cell_changes_nothing_else(value: str) -> None:
    assert cell(value) == value


@pytest.mark.parametrize(
    "value",
    [v for v, _ in CELL_CASES]
    + ["a\n# b", "a\n> b", "a\n- b", "# a|b\n- c", "{{ 7*7 }}|{% raw %}", "Kế hoạch 45/KH-UBND"],
)
def test_a_reader_sees_a_cell_as_written(value: str) -> None:
    assert seen_in_cell(cell(value)) == squash(lines(value))


@pytest.mark.parametrize("value", ["1. Xây dựng kế hoạch", "2) Ban hành"])
def test_a_reader_sees_a_numbered_cell_as_written(value: str) -> None:
    assert seen_in_cell(cell(value)) == squash(lines(value))


# --- table ---------------------------------------------------------------------------------------------


def test_table_exact() -> None:
    assert table(["Tên", "Số|lượng"], [["a\nb", 1], ["# c", "x|y"]], numeric_from=1) == [
        "| Tên | Số\\|lượng |",
        "| --- | ---: |",
        "| a<br>b | 1 |",
        "| \\# c | x\\|y |",
    ]


def test_table_aligns_numeric_columns_right_from_numeric_from() -> None:
    assert table(["a", "b", "c"], [], numeric_from=1)[1] == "| --- | ---: | ---: |"
    assert table(["a", "b"], [])[1] == "| --- | --- |"


# --- properties ----------------------------------------------------------------------------------------

TRICKY = st.text(
    alphabet=st.sampled_from(["|", "\\", "\n", "\r", "#", ">", "-", "*", "+", "1", ".", ")", " ", "a", "ệ"]),
    max_size=30,
)
ANY_TEXT = st.one_of(st.text(max_size=40), TRICKY)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_a_cell_never_holds_an_unescaped_pipe_or_a_line_break(value: str) -> None:
    escaped = cell(value)
    assert "\n" not in escaped
    assert "\r" not in escaped
    assert pipes(escaped) == 0
    assert escaped.count("|") == value.count("|")


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda width: st.tuples(
            st.lists(ANY_TEXT, min_size=width, max_size=width),
            st.lists(st.lists(ANY_TEXT, min_size=width, max_size=width), max_size=4),
            st.integers(min_value=0, max_value=width),
        )
    )
)
def test_every_row_of_a_table_has_the_same_columns(case: tuple[list[str], list[list[str]], int]) -> None:
    headers, rows, numeric_from = case
    lines = table(headers, rows, numeric_from)
    assert len(lines) == len(rows) + 2
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert [pipes(line) for line in lines] == [len(headers) + 1] * len(lines)
    tokens = MD.parse("\n".join(lines) + "\n")
    assert [t.type for t in tokens].count("table_open") == 1
    assert [t.type for t in tokens].count("th_open") == len(headers)
    assert [t.type for t in tokens].count("tr_open") == len(rows) + 1
    assert [t.type for t in tokens].count("td_open") == len(headers) * len(rows)


# Words that are Markdown only at the start of a line (the inline ones, such as '*x*' or '[x](y)',
# are escaped everywhere: see INLINE_ESCAPED).
RUNNING = st.lists(
    st.sampled_from(
        [
            "#",
            ">",
            "- ",
            "* ",
            "+ ",
            "1. ",
            "2) ",
            "\n",
            "\r\n",
            "\r",
            "a",
            "b ",
            "ệ",
            "{{ x }}",
            "{% raw %}",
            "-x",
        ]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(RUNNING)
def test_running_text_shows_as_written_in_plain_paragraphs(value: str) -> None:
    assert seen_as_paragraphs(text(value)) == paragraphs(lines(value))


CELL_WORDS = st.lists(
    st.sampled_from(
        ["#", ">", "- ", "* ", "+ ", "|", "\n", "\r\n", "\r", "a", "b ", "ệ", "{{ x }}", "{% raw %}"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(CELL_WORDS)
def test_a_cell_shows_as_written(value: str) -> None:
    assert seen_in_cell(cell(value)) == squash(lines(value))
