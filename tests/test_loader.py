"""``dothi.data.loader.load_bytes``: plain text values with their positions, and bad input as problems."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import textwrap
import time
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dothi.data import loader
from dothi.data.loader import ALIAS_EXPANSION_LIMIT, SYNTAX_PROBLEMS, LoadedFile, Mark, load_bytes
from dothi.data.repository import load_repository
from dothi.messages import catalogue
from dothi.problem import Problem, Severity, Text


def load(text: str) -> LoadedFile:
    return load_bytes("f.yaml", textwrap.dedent(text).encode("utf-8"))


def located(loaded: LoadedFile) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.severity.value, p.code) for p in loaded.problems]


def error(line: int, column: int, code: str, message: Text, hint: Text | None = None) -> Problem:
    return Problem("f.yaml", line, column, Severity.ERROR, code, message, hint)


# --- scalars stay the text written -----------------------------------------------------------------


def test_scalars_stay_the_text_written() -> None:
    loaded = load(
        """\
        title: no
        code: 01
        date: 2025-08-15
        on: yes
        off: off
        ratio: 1.50
        hex: 0x1F
        octal: 0o17
        time: 12:30
        inf: .inf
        flag: True
        """
    )
    assert loaded.data == {
        "title": "no",
        "code": "01",
        "date": "2025-08-15",
        "on": "yes",
        "off": "off",
        "ratio": "1.50",
        "hex": "0x1F",
        "octal": "0o17",
        "time": "12:30",
        "inf": ".inf",
        "flag": "True",
    }
    assert loaded.problems == []


def test_quoted_and_block_scalars_stay_text() -> None:
    loaded = load(
        """\
        a: "01"
        b: 'null'
        c: |
          line one
          line two
        d: >
          folded
          text
        e: !!str 12
        """
    )
    assert loaded.data == {
        "a": "01",
        "b": "null",
        "c": "line one\nline two\n",
        "d": "folded text\n",
        "e": "12",
    }


def test_keys_are_text_too() -> None:
    loaded = load(
        """\
        01: a
        no: b
        2025-08-15: c
        """
    )
    assert loaded.data == {"01": "a", "no": "b", "2025-08-15": "c"}


@pytest.mark.parametrize("written", ["~", "null", "Null", "NULL", ""])
def test_null_values_drop_the_key(written: str) -> None:
    loaded = load_bytes("f.yaml", f"a: {written}\nb: kept\n".encode())
    assert loaded.data == {"b": "kept"}
    assert loaded.problems == []


@pytest.mark.parametrize("written", ["~", "null", ""])
def test_null_values_drop_the_key_with_the_pure_python_parser(
    written: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "_YamlLoader", yaml.SafeLoader)
    loaded = load_bytes("f.yaml", f"a: {written}\nb: kept\n".encode())
    assert loaded.data == {"b": "kept"}


def test_quoted_null_is_text() -> None:
    assert load("a: 'null'\nb: \"~\"\n").data == {"a": "null", "b": "~"}


# --- marks ------------------------------------------------------------------------------------------


def test_marks_of_values_and_keys_in_nested_mappings_and_lists() -> None:
    loaded = load(
        """\
        top:
          inner:
            - x: 1
              y: two
            - plain
        other: [a, b]
        """
    )
    assert loaded.data == {"top": {"inner": [{"x": "1", "y": "two"}, "plain"]}, "other": ["a", "b"]}
    assert loaded.values == {
        (): Mark(1, 1),
        ("top",): Mark(2, 3),
        ("top", "inner"): Mark(3, 5),
        ("top", "inner", 0): Mark(3, 7),
        ("top", "inner", 0, "x"): Mark(3, 10),
        ("top", "inner", 0, "y"): Mark(4, 10),
        ("top", "inner", 1): Mark(5, 7),
        ("other",): Mark(6, 8),
        ("other", 0): Mark(6, 9),
        ("other", 1): Mark(6, 12),
    }
    assert loaded.keys == {
        ("top",): Mark(1, 1),
        ("top", "inner"): Mark(2, 3),
        ("top", "inner", 0, "x"): Mark(3, 7),
        ("top", "inner", 0, "y"): Mark(4, 7),
        ("other",): Mark(6, 1),
    }
    assert loaded.lines == ["top:", "  inner:", "    - x: 1", "      y: two", "    - plain", "other: [a, b]"]


def test_mark_falls_back_to_the_nearest_ancestor() -> None:
    loaded = load("top:\n  a: 1\n")
    assert loaded.mark(("top", "missing", 3)) == Mark(2, 3)
    assert loaded.mark(()) == Mark(1, 1)
    assert loaded.key_mark(("top", "a")) == Mark(2, 3)
    assert loaded.key_mark(("top", "missing")) == Mark(2, 3)


def test_marks_with_windows_line_ends() -> None:
    loaded = load_bytes("f.yaml", b"a: 1\r\nb:\r\n  - x\r\n")
    assert loaded.data == {"a": "1", "b": ["x"]}
    assert loaded.values[("b", 0)] == Mark(3, 5)
    assert loaded.lines == ["a: 1", "b:", "  - x"]


def test_byte_order_mark_is_accepted_and_not_counted() -> None:
    loaded = load_bytes("f.yaml", b"\xef\xbb\xbfa:\n  b: x\n")
    assert loaded.data == {"a": {"b": "x"}}
    assert loaded.problems == []
    assert loaded.keys == {("a",): Mark(1, 1), ("a", "b"): Mark(2, 3)}
    assert loaded.lines == ["a:", "  b: x"]


# --- Unicode normal form -----------------------------------------------------------------------------


def test_nfd_text_is_normalised_with_one_warning() -> None:
    text = "id: t1\ntitle: Xây dựng kế hoạch\nname: Hà Nội\nplain: ascii\n"
    loaded = load_bytes("f.yaml", unicodedata.normalize("NFD", text).encode("utf-8"))
    assert loaded.data == {"id": "t1", "title": "Xây dựng kế hoạch", "name": "Hà Nội", "plain": "ascii"}
    assert all(unicodedata.is_normalized("NFC", value) for value in loaded.data.values())
    assert loaded.problems == [
        Problem(
            "f.yaml",
            2,
            8,
            Severity.WARNING,
            "not-nfc",
            Text.of("problem.not-nfc", count=2),
            Text.of("hint.not-nfc"),
        )
    ]


def test_nfd_keys_are_normalised() -> None:
    loaded = load_bytes("f.yaml", unicodedata.normalize("NFD", "tên: x\n").encode("utf-8"))
    assert loaded.data == {"tên": "x"}


def test_nfc_text_gives_no_warning() -> None:
    assert load("title: Xây dựng kế hoạch\n").problems == []


# --- loader problems ----------------------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_key_naming_the_first_line() -> None:
    loaded = load(
        """\
        task:
          id: t1
          title: one
          lead: bxd
          title: two
        """
    )
    assert loaded.problems == [
        error(
            5,
            3,
            "duplicate-key",
            Text.of("problem.duplicate-key", key="title", first_line=3),
            Text.of("hint.duplicate-key", key="title"),
        )
    ]
    assert loaded.data == {"task": {"id": "t1", "title": "one", "lead": "bxd"}}


def test_duplicate_key_in_nfd_and_nfc_is_the_same_key() -> None:
    raw = "tên: a\n".encode() + unicodedata.normalize("NFD", "tên: b\n").encode()
    loaded = load_bytes("f.yaml", raw)
    assert located(loaded) == [(2, 1, "error", "duplicate-key")]


@pytest.mark.parametrize(
    ("raw", "mark"),
    [
        (b"a:\n\tb: 1\n", (2, 1)),
        (b"a:\n  \tb: 1\n", (2, 3)),
        (b"a:\n  b: 1\n\t\tc: 2\n", (3, 1)),
    ],
)
def test_tab_indentation(raw: bytes, mark: tuple[int, int]) -> None:
    loaded = load_bytes("f.yaml", raw)
    assert loaded.problems == [
        error(*mark, "tab-indent", Text.of("problem.tab-indent"), Text.of("hint.tab-indent"))
    ]
    assert loaded.data is None


def test_tab_after_a_value_is_not_indentation() -> None:
    loaded = load_bytes("f.yaml", b"a: 1\t\nb: x\ty\n")
    assert loaded.data == {"a": "1", "b": "x\ty"}
    assert loaded.problems == []


def test_conflict_markers_are_each_reported() -> None:
    loaded = load(
        """\
        a: 1
        <<<<<<< HEAD
        b: 2
        =======
        b: 3
        >>>>>>> feature
        """
    )
    hint = Text.of("hint.conflict-marker")
    assert loaded.problems == [
        error(2, 1, "conflict-marker", Text.of("problem.conflict-marker", marker="<<<<<<<"), hint),
        error(4, 1, "conflict-marker", Text.of("problem.conflict-marker", marker="======="), hint),
        error(6, 1, "conflict-marker", Text.of("problem.conflict-marker", marker=">>>>>>>"), hint),
    ]
    assert loaded.data is None


def test_seven_equals_inside_a_value_is_not_a_conflict_marker() -> None:
    assert load("a: =======\nb: |\n  =======\n").data == {"a": "=======", "b": "=======\n"}


@pytest.mark.parametrize(
    ("raw", "line", "column", "byte"),
    [
        (b"a: 1\nb: caf\xe9\n", 2, 7, "0xE9"),
        ("a: 1\ntên: caf".encode() + b"\xe9\n", 2, 9, "0xE9"),
        (b"\xff\xfea\x00", 1, 1, "0xFF"),
        (b"a: 1\r\nb: \xff\r\n", 2, 4, "0xFF"),
        (b"a\xc3", 1, 2, "0xC3"),
    ],
)
def test_non_utf8_bytes_are_reported_with_line_and_column(
    raw: bytes, line: int, column: int, byte: str
) -> None:
    loaded = load_bytes("f.yaml", raw)
    assert loaded.problems == [
        error(line, column, "encoding", Text.of("problem.encoding", byte=byte), Text.of("hint.encoding"))
    ]
    assert loaded.data is None


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"   \n", b"# only a comment\n# another\n", b"\xef\xbb\xbf"])
def test_empty_and_comment_only_files(raw: bytes) -> None:
    loaded = load_bytes("f.yaml", raw)
    assert loaded.problems == [
        error(1, 1, "empty-file", Text.of("problem.empty-file"), Text.of("hint.empty-file"))
    ]
    assert loaded.data is None


# A file that makes each syntax error dothi knows: (text, line, column, sentence, hint).
SYNTAX_ERRORS = [
    ("a: b: c\n", 1, 5, "colon", "colon"),
    ("a: 1\n  b: 2\n", 2, 4, "colon", "colon"),
    ("a:\n  b: 1\n c: 2\n", 3, 2, "key-expected", "key-expected"),
    ("a: 1\nb\nc: 2\n", 3, 1, "no-colon", "no-colon"),
    ("a:\n  - x\n  y: 1\n", 3, 3, "list-item", "indent"),
    ("x: 'open\n", 1, 4, "unclosed-quote", "unclosed-quote"),
    ('x: "open\n', 1, 4, "unclosed-quote", "unclosed-quote"),
    ('a: "\\q"\n', 1, 5, "escape", "escape"),
    ("a: [1, 2\nb: 3\n", 2, 2, "unclosed-list", "unclosed-list"),
    ("a: {x: 1\nb: 3\n", 2, 2, "unclosed-mapping", "unclosed-mapping"),
    ("a: *nope\n", 1, 4, "alias", "alias"),
    ("a: 1\n---\nb: 2\n", 2, 1, "documents", "documents"),
    ("a: 1\n...\nb: 2\n", 3, 1, "documents", "documents"),
    ("a: @Bộ Xây dựng\n", 1, 4, "character", "quote"),
    ("a: `x`\n", 1, 4, "character", "quote"),
    ("a: & x\n", 1, 5, "anchor", "quote"),
    ("a: ]\n", 1, 4, "no-value", "quote"),
    ("a: |x\n  b\n", 1, 5, "block-scalar", "block-scalar"),
    ("a: &x 1\nb: &x 2\n", 2, 4, "duplicate-anchor", "duplicate-anchor"),
]


@pytest.mark.parametrize(("text", "line", "column", "sentence", "hint"), SYNTAX_ERRORS)
def test_yaml_syntax_errors_are_said_in_the_readers_words_where_they_are(
    text: str, line: int, column: int, sentence: str, hint: str
) -> None:
    loaded = load_bytes("f.yaml", text.encode())
    assert loaded.problems == [
        error(
            line,
            column,
            "yaml-syntax",
            Text.of(f"problem.yaml-syntax.{sentence}"),
            Text.of(f"hint.yaml-syntax.{hint}"),
        )
    ]
    assert loaded.data is None


def test_every_syntax_error_dothi_knows_is_one_the_tests_make() -> None:
    assert {case[3] for case in SYNTAX_ERRORS} == {sentence for _, sentence, _ in SYNTAX_PROBLEMS}


def test_a_syntax_error_dothi_does_not_know_is_said_in_libyamls_words() -> None:
    loaded = load_bytes("f.yaml", b"%FOO\n---\na: 1\n")
    assert loaded.problems == [
        error(
            1,
            5,
            "yaml-syntax",
            Text.of("problem.yaml-syntax", detail="while scanning a directive found unknown directive name"),
            Text.of("hint.yaml-syntax"),
        )
    ]


def test_a_single_document_with_markers_is_fine() -> None:
    assert load("%YAML 1.1\n---\na: 1\n...\n").data == {"a": "1"}


# --- tags ---------------------------------------------------------------------------------------------


def test_python_tag_is_refused() -> None:
    loaded = load('x: !!python/object/apply:os.system ["echo hi"]\ny: kept\n')
    assert loaded.problems == [
        error(
            1,
            4,
            "unsafe-tag",
            Text.of("problem.unsafe-tag", tag="!!python/object/apply:os.system"),
            Text.of("hint.unsafe-tag"),
        )
    ]
    assert loaded.data == {"y": "kept"}
    assert loaded.refused == {("x",)}


def test_unsafe_tags_never_run(tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    touched = tmp_path / "touched"
    text = (
        f"a: !!python/object/apply:builtins.open [{str(opened)!r}, 'w']\n"
        f"b: !!python/object/apply:os.system ['touch {touched}']\n"
        "c: !!python/object/new:builtins.print ['ran']\n"
        "d: !!python/name:os.system\n"
        "e: !!python/object:argparse.Namespace {x: 1}\n"
    )
    loaded = load_bytes("f.yaml", text.encode())
    assert [(p.line, p.column, p.code) for p in loaded.problems] == [
        (1, 4, "unsafe-tag"),
        (2, 4, "unsafe-tag"),
        (3, 4, "unsafe-tag"),
        (4, 4, "unsafe-tag"),
        (5, 4, "unsafe-tag"),
    ]
    assert loaded.data == {}
    assert not opened.exists()
    assert not touched.exists()


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("x: !custom value\n", "!custom"),
        ("x: !!binary aGVsbG8=\n", "!!binary"),
        ("x: !!set {a, b}\n", "!!set"),
        ("x: !!omap [a: 1]\n", "!!omap"),
    ],
)
def test_other_non_core_tags_are_refused(text: str, tag: str) -> None:
    loaded = load(text)
    assert [(p.line, p.column, p.code, p.message) for p in loaded.problems] == [
        (1, 4, "unsafe-tag", Text.of("problem.unsafe-tag", tag=tag))
    ]
    assert loaded.data == {}


def test_a_refused_root_gives_no_data() -> None:
    loaded = load("!!python/object:os.system {}\n")
    assert located(loaded) == [(1, 1, "error", "unsafe-tag")]
    assert loaded.data is None


def test_unsafe_tag_on_a_key_is_refused() -> None:
    loaded = load("!!python/name:os.system key: value\n")
    assert located(loaded) == [(1, 1, "error", "unsafe-tag")]


# --- anchors, aliases, merge keys ---------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_an_alias_bomb_quickly() -> None:
    started = time.perf_counter()
    loaded = load(BILLION_LAUGHS)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0
    assert loaded.problems == [
        error(
            1,
            50,
            "alias-bomb",
            Text.of("problem.alias-bomb", limit=ALIAS_EXPANSION_LIMIT),
            Text.of("hint.alias-bomb"),
        )
    ]
    assert loaded.data is None


def test_aliases_within_the_limit_expand() -> None:
    loaded = load("base: &b [x, y]\nuse: *b\nagain: *b\n")
    assert loaded.data == {"base": ["x", "y"], "use": ["x", "y"], "again": ["x", "y"]}
    assert loaded.problems == []


@pytest.mark.parametrize(("text", "mark"), [("a: &a [*a]\n", (1, 4)), ("a: &a\n  b: *a\n", (1, 4))])
def test_recursive_alias(text: str, mark: tuple[int, int]) -> None:
    loaded = load(text)
    assert loaded.problems == [
        error(
            *mark,
            "alias-bomb",
            Text.of("problem.alias-recursive", limit=ALIAS_EXPANSION_LIMIT),
            Text.of("hint.alias-bomb"),
        )
    ]
    assert loaded.data is None


def test_merge_keys_work_and_explicit_keys_win() -> None:
    loaded = load(
        """\
        base: &base
          kind: ministry
          short: X
        org:
          <<: *base
          id: bxd
          short: BXD
        """
    )
    assert loaded.data == {
        "base": {"kind": "ministry", "short": "X"},
        "org": {"id": "bxd", "short": "BXD", "kind": "ministry"},
    }
    assert loaded.problems == []


def test_merge_of_several_mappings_first_wins() -> None:
    loaded = load(
        """\
        one: &one {a: 1, b: 1}
        two: &two {b: 2, c: 2}
        both:
          <<: [*one, *two]
        """
    )
    assert loaded.data["both"] == {"a": "1", "b": "1", "c": "2"}


def test_merge_of_a_scalar_is_wrong_type() -> None:
    loaded = load("a: &x text\nb:\n  <<: *x\n  c: 1\n")
    assert loaded.problems == [
        error(1, 4, "wrong-type", Text.of("problem.bad-merge"), Text.of("hint.bad-merge"))
    ]
    assert loaded.data == {"a": "text", "b": {"c": "1"}}


@pytest.mark.parametrize("text", ["<<: !foo {a: 1}\n", "b: &b !!set {a}\nc:\n  <<: *b\n"])
def test_merge_of_a_refused_mapping_is_a_problem_not_a_crash(text: str) -> None:
    loaded = load(text)
    assert [p.code for p in loaded.problems] == ["unsafe-tag"]


def test_complex_key_is_wrong_type() -> None:
    loaded = load("? [a, b]\n: c\nd: e\n")
    assert loaded.problems == [
        error(1, 3, "wrong-type", Text.of("problem.complex-key"), Text.of("hint.complex-key"))
    ]
    assert loaded.data == {"d": "e"}


def test_deep_nesting_is_a_problem() -> None:
    loaded = load_bytes("f.yaml", b"[" * 2000 + b"]" * 2000)
    assert [(p.line, p.column, p.code, p.message, p.hint) for p in loaded.problems] == [
        (1, 201, "yaml-syntax", Text.of("problem.too-deep", limit=200), Text.of("hint.too-deep"))
    ]
    assert loaded.data is None


def _default_stack() -> None:
    """The usual 8 MiB stack, so that the outcome does not depend on the shell's ulimit."""
    _, hard = resource.getrlimit(resource.RLIMIT_STACK)
    size = 8 * 1024 * 1024
    soft = size if hard == resource.RLIM_INFINITY else min(size, hard)
    resource.setrlimit(resource.RLIMIT_STACK, (soft, hard))


def test_very_deep_nesting_does_not_crash_the_process() -> None:
    code = (
        "from dothi.data.loader import load_bytes\n"
        "loaded = load_bytes('f.yaml', b'[' * 100000 + b']' * 100000)\n"
        "print(sorted({p.code for p in loaded.problems}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, preexec_fn=_default_stack
    )
    assert (done.returncode, done.stdout) == (0, "['yaml-syntax']\n")


# --- the loader never raises --------------------------------------------------------------------------


def check_problems(loaded: LoadedFile, path: str = "f.yaml") -> None:
    assert isinstance(loaded, LoadedFile)
    for problem in loaded.problems:
        assert problem.file == path
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message.key in catalogue("vi")
        assert problem.hint is None or problem.hint.key in catalogue("vi")


YAML_TOKENS = st.sampled_from(
    [
        "a",
        "b",
        "id",
        "tasks",
        "title",
        "01",
        "no",
        "~",
        "null",
        "2025-08-15",
        "Hà Nội",
        ":",
        ": ",
        "-",
        "- ",
        "? ",
        ",",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "&b ",
        "*b",
        "!!",
        "!!str ",
        "!!python/object:os.system ",
        "!x ",
        "|",
        ">",
        "#",
        "%",
        "---",
        "...",
        "'",
        '"',
        "\\",
        " ",
        "  ",
        "    ",
        "\t",
        "\n",
        "\r\n",
        "\n  ",
        "\n- ",
        "=======",
        "\u0301",
        "\ufeff",
    ]
)
YAMLISH = st.lists(YAML_TOKENS, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_load_without_raising(raw: bytes) -> None:
    check_problems(load_bytes("f.yaml", raw))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_without_raising(text: str) -> None:
    check_problems(load_bytes("f.yaml", text.encode("utf-8")))


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_yaml_like_text_loads_without_raising(text: str) -> None:
    check_problems(load_bytes("f.yaml", text.encode("utf-8")))


MEMBERS = """\
group:
  name: Tổ công tác
organizations:
  - id: bxd
    name: Bộ Xây dựng
    kind: ministry
members:
  - id: leader
    name: A
    title: B
    role: leader
    org: bxd
"""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(YAMLISH.map(str.encode), st.binary(max_size=200)), st.sampled_from(["tasks", "members"]))
def test_repository_with_such_a_file_loads_without_raising(raw: bytes, where: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data" / "tasks").mkdir(parents=True)
        (root / "data" / "localities").mkdir()
        members = raw if where == "members" else MEMBERS.encode()
        (root / "data" / "members.yaml").write_bytes(members)
        (root / "data" / "localities" / "ha-noi.yaml").write_text(
            'name: Hà Nội\ncode: "01"\nkind: city\n', encoding="utf-8"
        )
        if where == "tasks":
            (root / "data" / "tasks" / "fuzz.yaml").write_bytes(raw)
        result = load_repository(root)
    assert set(result.files) <= {
        "data/members.yaml",
        "data/tasks/fuzz.yaml",
        "data/localities/ha-noi.yaml",
    }
    for problem in result.problems:
        assert problem.file in result.files
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message.key in catalogue("vi")
    assert (result.repository is None) == bool(result.errors)


# Task files that are nearly right: known keys, values of every shape.
SCALARS = st.sampled_from(
    ["bxd", "x", "01", "no", "20/7", "15/8/2025", "quý III/2025", "@localities", "done"]
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["status", "on", "by", "x"]), inner)
    ),
    max_leaves=6,
)
TASK_KEYS = st.sampled_from(
    [
        "id",
        "title",
        "lead",
        "each",
        "support",
        "deadline",
        "status",
        "done_on",
        "responses",
        "updates",
        "waive",
    ]
)


HEADER = {"kind": "quyet-dinh", "date": "2025-06-30", "issuer": "bxd", "subject": "x"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(TASK_KEYS, VALUES, max_size=6), max_size=3))
def test_repository_with_odd_tasks_loads_without_raising(tasks: list[dict[str, object]]) -> None:
    text = yaml.safe_dump({"directive": HEADER, "tasks": tasks}, allow_unicode=True)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data" / "tasks").mkdir(parents=True)
        (root / "data" / "members.yaml").write_text(MEMBERS, encoding="utf-8")
        (root / "data" / "tasks" / "d.yaml").write_text(text, encoding="utf-8")
        result = load_repository(root)
    assert "data/tasks/d.yaml" in result.files
    for problem in result.problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message.key in catalogue("vi")
