"""docs/problems.md run as a test: each code's example, on the scratch repository the page
describes, prints what the page says it prints.

The page is the users' contract for problem codes: its examples are what they compare their own
output with. Each ``## `code``` section has a wrong file (``Wrong (`PATH`):`` and a YAML block), the
output of ``dothi validate`` and of ``dothi --lang en validate`` (``text`` blocks), and a right file.
Hidden comments tell this test what the page cannot show: ``<!-- saved as: cp1258 -->`` (or
``NFD``) before a block that the file holds in that form, and ``<!-- not run: REASON -->`` in a
section whose example cannot be made on a scratch repository.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import HA_NOI, PROJECT_ROOT, run_cli
from dothi.problem import PROBLEM_CODES

PAGE = PROJECT_ROOT / "docs" / "problems.md"
LABEL = re.compile(r"^(Wrong|Right)(?: \(`([^`]+)`[^)]*\))?:")
PRINTS = {"`dothi validate` prints:": "vi", "`dothi --lang en validate` prints:": "en"}
SAVED_AS = re.compile(r"<!-- saved as: (\S+) -->")
NOT_RUN = re.compile(r"<!-- not run: (.+?) -->", re.S)
# The examples that cannot be made on a scratch repository, and why (the reason is on the page).
NOT_RUN_CODES = {"unreadable", "missing-members"}
SCRATCH = {"data/localities/ha-noi.yaml": HA_NOI}
NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


@dataclass
class Example:
    """One section of the page: what it shows, as the test needs it."""

    code: str
    severity: str = ""
    wrong: dict[str, str | bytes] = field(default_factory=dict)
    saved_as: str | None = None
    printed: dict[str, str] = field(default_factory=dict)
    right: dict[str, str] = field(default_factory=dict)
    not_run: str | None = None


# The tone marks of Vietnamese: Windows-1258 writes them as combining marks after the letter.
TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as a legacy Vietnamese editor saves it: each letter with its vowel mark (â, ơ, ư…),
    then its tone mark as a combining character where the code page has no letter for both."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return bytes(out)


def _saved(text: str, form: str | None) -> str | bytes:
    if form is None:
        return text
    if form == "cp1258":
        return windows_1258(text)
    assert form == "NFD", f"unknown <!-- saved as: {form} -->"
    return unicodedata.normalize("NFD", text)


def _sections(page: str) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """Each ``## `code``` section as (code, blocks): each block is (kind, info, content), where
    kind is "text" (a paragraph), "html" (a comment) or "fence" (info is its language)."""
    code, blocks = "", []
    tokens = MarkdownIt().parse(page)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            if code:
                yield code, blocks
            found = re.fullmatch(r"`([a-z-]+)`", tokens[index + 1].content)
            code, blocks = (found[1] if found else ""), []
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            blocks.append(("text", "", token.content))
        elif token.type == "html_block":
            blocks.append(("html", "", token.content))
        elif token.type == "fence":
            blocks.append(("fence", token.info, token.content))
    if code:
        yield code, blocks


def _example(code: str, blocks: list[tuple[str, str, str]]) -> Example:
    example = Example(code)
    label = ""
    for kind, info, content in blocks:
        if kind == "text":
            label = content
            severity = re.match(r"\*\*Severity:\*\* (error|warning)", content)
            example.severity = severity[1] if severity else example.severity
        elif kind == "html":
            example.not_run = _first(NOT_RUN, content) or example.not_run
            example.saved_as = _first(SAVED_AS, content) or example.saved_as
        else:
            _take(example, label, info, content)
            label = ""
    return example


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return " ".join(found[1].split()) if found else None


def _take(example: Example, label: str, info: str, content: str) -> None:
    """A fenced block, by the paragraph just before it."""
    if label in PRINTS and PRINTS[label] not in example.printed:
        example.printed[PRINTS[label]] = content
        return
    found = LABEL.match(label)
    if found is None:
        return  # a variant shown after the example, or an example of something else
    side, path = found[1], found[2]
    if side == "Wrong" and not example.wrong:
        files = {path: _saved(content, example.saved_as)} if path else dict.fromkeys(content.split(), "")
        example.wrong = files
    elif side == "Right" and not example.right and path and info == "yaml":
        example.right = {path: content}


def examples() -> list[Example]:
    return [_example(code, blocks) for code, blocks in _sections(PAGE.read_text(encoding="utf-8")) if code]


EXAMPLES = examples()
RUN = [example for example in EXAMPLES if example.not_run is None]


def _validate(root: Path, lang: str) -> tuple[int, str]:
    """What ``dothi --root DIR validate`` prints, the summary line left out (as on the page)."""
    before = ("--lang", "en") if lang == "en" else ()
    result = run_cli("--root", str(root), *before, "validate", "--format", "text", env={"COLUMNS": "400"})
    assert result.stderr == ""
    *problems, summary = result.stdout.splitlines(keepends=True)
    assert re.match(r"\d+ tệp, |files: \d+, ", summary), summary
    return result.exit_code, "".join(problems)


def _scratch(make: Callable[..., Path], files: dict[str, str | bytes]) -> Path:
    """The page's scratch repository with ``files`` added or replaced, each byte as the page has it
    (a tab, a decomposed letter, a legacy code page)."""
    exact = {name: text.encode("utf-8") if isinstance(text, str) else text for name, text in files.items()}
    return make({**SCRATCH, **exact})


# --- the examples --------------------------------------------------------------------------------


@pytest.mark.parametrize("example", RUN, ids=[example.code for example in RUN])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_wrong_file_prints_what_the_page_says(
    repo: Callable[..., Path], example: Example, lang: str
) -> None:
    assert example.wrong, f"{example.code}: no “Wrong (`PATH`):” block"
    assert lang in example.printed, f"{example.code}: no “{lang}” output block"
    root = _scratch(repo, example.wrong)

    exit_code, printed = _validate(root, lang)

    if example.saved_as == "NFD":  # the page shows the echoed source line as all its text: in NFC
        printed = unicodedata.normalize("NFC", printed)
    assert printed == example.printed[lang]
    assert exit_code == (1 if re.search(r"^\S+ error ", printed, re.M) else 0)
    assert re.search(rf"^\S+:\d+:\d+: {example.severity} {example.code} ", printed, re.M)


@pytest.mark.parametrize("example", [e for e in RUN if e.right], ids=[e.code for e in RUN if e.right])
def test_the_right_file_is_valid(repo: Callable[..., Path], example: Example) -> None:
    root = _scratch(repo, example.right)

    assert _validate(root, "en") == (0, "")


def test_every_section_has_an_example_or_says_why_not() -> None:
    assert sorted(example.code for example in EXAMPLES) == sorted(PROBLEM_CODES)
    assert {example.code for example in EXAMPLES if example.not_run} == NOT_RUN_CODES
    assert all(example.severity for example in EXAMPLES)
    assert [example.code for example in RUN if not (example.wrong and len(example.printed) == 2)] == []


# --- the page's lists of codes -------------------------------------------------------------------


def _table() -> dict[str, str]:
    """The "All codes" table: each code and its severity."""
    rows = re.findall(
        r"^\| \[`([a-z-]+)`\]\(#\1\) \| (error|warning) \|", PAGE.read_text(encoding="utf-8"), re.M
    )
    return dict(rows)


def test_the_table_lists_every_code_with_its_severity() -> None:
    table = _table()

    assert sorted(table) == sorted(PROBLEM_CODES)
    assert table == {example.code: example.severity for example in EXAMPLES}


def test_the_warnings_sentence_names_every_warning() -> None:
    page = PAGE.read_text(encoding="utf-8")
    found = re.search(r"There are\s+(\w+)\s+warnings:\s+(.+?)\.\n\n", page, re.S)
    assert found is not None

    named = re.findall(r"\[`([a-z-]+)`\]\(#\1\)", found[2])

    warnings = sorted(code for code, severity in _table().items() if severity == "warning")
    assert (NUMBERS[found[1]], sorted(named)) == (len(warnings), warnings)
