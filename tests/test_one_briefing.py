"""One briefing for every format (issue 20 item 1; issue 18 items 3–6).

The template renders Markdown, and the web page and the Word document are written from that
Markdown: so the three carry the same sections, paragraphs, tables and charts, and a repository's
own ``templates/briefing.md.j2`` reaches Word as it reaches the others. Each format is read back
here with a reader of its own (markdown-it, Python's HTML parser, python-docx) and compared.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from markdown_it import MarkdownIt

from conftest import run_cli, write_repo
from dothi.render.briefing import MARKER
from dothi.render.docx import LAYOUTS, Meta, to_docx
from dothi.render.html import STYLE, to_html
from dothi.render.markdown import LAYOUT_BLOCKS, reader, text
from test_brief import DATES, brief_files

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAYOUT = re.compile(
    r"<!-- dothi:(?:masthead|signature) -->\n(.*?)<!-- /dothi:(?:masthead|signature) -->\n", re.S
)
MD = MarkdownIt("commonmark").enable("table")  # a reader other than dothi's: HTML comments are hidden


@dataclass
class Seen:
    """What a reader sees of a page: headings (level 2 and below), blocks of text (the title, the
    paragraphs, list entries as "- …"), data tables (rows of their filled cells), chart captions,
    and the layout blocks (masthead, signature): each one's lines, column by column."""

    headings: list[tuple[int, str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    layouts: list[list[list[str]]] = field(default_factory=list)


def _squash(value: str) -> str:
    return re.sub(r"[ \t]*\n[ \t]*", "\n", re.sub(r"[ \t]+", " ", value)).strip()


# --- Markdown --------------------------------------------------------------------------------------


def seen_in_markdown(markdown: str) -> Seen:
    seen = Seen()
    for found in LAYOUT.finditer(markdown):
        rows = _md_tables(MD.parse(found[1]))[0]
        seen.layouts.append([[row[i] for row in rows if row[i]] for i in range(len(rows[0]))])
    markdown = LAYOUT.sub("", markdown)
    tokens = MD.parse(markdown)
    seen.tables = [[[cell for cell in row if cell] for row in table] for table in _md_tables(tokens)]
    in_table = in_item = False
    for index, token in enumerate(tokens):
        in_table = token.type == "table_open" or (in_table and token.type != "table_close")
        in_item = token.type == "list_item_open" or (in_item and token.type != "list_item_close")
        if token.type != "inline" or in_table:
            continue
        opening = tokens[index - 1]
        children = token.children or []
        if [child.type for child in children] == ["image"]:
            seen.figures.append(_md_text(children[0].children or []))
        elif opening.type == "heading_open" and opening.tag != "h1":
            seen.headings.append((int(opening.tag[1]), _md_text(children)))
        else:
            seen.texts.append(("- " if in_item else "") + _md_text(children))
    return seen


def _md_tables(tokens: list[Any]) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type in ("th_open", "td_open"):
            tables[-1][-1].append(_md_text(tokens[index + 1].children or []))
    return tables


def _md_text(children: list[Any]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and child.content == "<br>"
        ):
            parts.append(" " if child.type == "softbreak" else "\n")
        elif child.type == "image":
            parts.append(_md_text(child.children or []))
    return _squash("".join(parts))


# --- HTML ------------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Reads a web page the way the Markdown reader above reads Markdown."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = Seen()
        self.open: list[tuple[str, str]] = []  # tag and class of each open element
        self.buffer: list[str] | None = None
        self.row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "meta", "img"):
            if tag == "br" and self.buffer is not None:
                self.buffer.append("\n")
            return
        classes = dict(attrs).get("class") or ""
        if classes == "columns":
            self.seen.layouts.append([])
        elif classes == "column":
            self.seen.layouts[-1].append([])
        self.open.append((tag, classes))
        if tag == "table":
            self.seen.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("h1", "h2", "h3", "h4", "p", "li", "td", "th", "figcaption"):
            self.buffer = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "meta", "img"):
            return
        classes = [name for _, name in self.open]
        self.open.pop()
        if tag == "tr" and self.row is not None:
            self.seen.tables[-1].append([cell for cell in self.row if cell])
        if tag not in ("h1", "h2", "h3", "h4", "p", "li", "td", "th", "figcaption") or self.buffer is None:
            return
        value = _squash("".join(self.buffer))
        self.buffer = None
        self._place(tag, value, classes)

    def _place(self, tag: str, value: str, classes: list[str]) -> None:
        if "column" in classes:
            self.seen.layouts[-1][-1].append(value)
        elif tag in ("td", "th") and self.row is not None:
            self.row.append(value)
        elif tag == "figcaption":
            self.seen.figures.append(value)
        elif tag in ("h2", "h3", "h4"):
            self.seen.headings.append((int(tag[1]), value))
        elif not (tag == "p" and any(t == "li" for t, _ in self.open)):  # a loose list's <p> is its <li>'s
            self.seen.texts.append(("- " if tag == "li" else "") + value)

    def handle_data(self, data: str) -> None:
        if self.buffer is not None and not any(t in ("style", "svg", "title") for t, _ in self.open):
            self.buffer.append(data)


def seen_in_html(page: str) -> Seen:
    parser = _Page()
    parser.feed(page)
    return parser.seen


# --- Word ------------------------------------------------------------------------------------------


def seen_in_word(document: WordDocument) -> Seen:
    seen = Seen()
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        value = _squash(paragraph.text)
        if style.startswith("Heading"):
            seen.headings.append((int(style.split()[1]) + 1, value))
        elif style == "Caption":
            seen.figures.append(value)
        elif value:
            seen.texts.append(value)
    for table in document.tables:
        rows = [_filled(row.cells) for row in table.rows]
        if _borderless(table):
            cells = table.rows[0].cells
            seen.layouts.append(
                [[_squash(p.text) for p in cell.paragraphs if p.text.strip()] for cell in cells]
            )
        else:
            seen.tables.append(rows)
    return seen


def _filled(cells: Any) -> list[str]:
    """The row's filled cells, a merged cell once."""
    found, seen = [], []
    for cell in cells:
        if not any(cell._tc is other for other in seen) and cell.text.strip():
            found.append(_squash(cell.text))
        seen.append(cell._tc)
    return found


def _borderless(table: Table) -> bool:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    return borders is not None and {edge.get(qn("w:val")) for edge in borders} == {"nil"}


# --- the three formats carry the same briefing -----------------------------------------------------


def brief_to(root: Path, tmp_path: Path, to: str, *args: str, lang: str = "vi") -> Path:
    out = tmp_path / f"hop-{lang}.{to}"
    result = run_cli(
        "--root", str(root), "--lang", lang, "brief", *DATES, *args, "--to", to, "--out", str(out)
    )
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    return out


def all_three(root: Path, tmp_path: Path, *args: str, lang: str = "vi") -> tuple[Seen, Seen, Seen]:
    """The briefing as one file in each format; the Markdown has no chart (it has nowhere to put one)."""
    markdown = brief_to(root, tmp_path, "md", *args, lang=lang).read_text(encoding="utf-8")
    page = brief_to(root, tmp_path, "html", *args, lang=lang).read_text(encoding="utf-8")
    word = Document(str(brief_to(root, tmp_path, "docx", *args, lang=lang)))
    return seen_in_markdown(markdown), seen_in_html(page), seen_in_word(word)


def pack_pages(root: Path, tmp_path: Path, name: str, lang: str = "vi") -> tuple[Seen, Seen, Seen]:
    """One page of the pack in each format: the Markdown's charts are files beside it."""
    for to in ("md", "html", "docx"):
        folder = tmp_path / f"{to}-{lang}"
        result = run_cli(
            "--root", str(root), "--lang", lang, "brief", *DATES, "--to", to, "--pack", str(folder)
        )
        assert result.exit_code == 0, result.stderr
    return (
        seen_in_markdown((tmp_path / f"md-{lang}" / f"{name}.md").read_text(encoding="utf-8")),
        seen_in_html((tmp_path / f"html-{lang}" / f"{name}.html").read_text(encoding="utf-8")),
        seen_in_word(Document(str(tmp_path / f"docx-{lang}" / f"{name}.docx"))),
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_three_formats_carry_the_same_sections_tables_and_figures(tmp_path: Path, lang: str) -> None:
    root = write_repo(tmp_path / "repo", brief_files())
    markdown, page, word = pack_pages(root, tmp_path, "index", lang)
    assert markdown.headings == page.headings == word.headings
    assert len(markdown.headings) == 20  # the sources appendix is the twentieth
    assert markdown.texts == page.texts == word.texts
    assert markdown.texts[:2] == (
        ["BÁO CÁO", "Tình hình thực hiện nhiệm vụ về phát triển đô thị thông minh tính đến ngày 1/9/2025"]
        if lang == "vi"
        else ["REPORT", "Progress of the smart-city tasks as of 1 September 2025"]
    )
    assert markdown.tables == page.tables == word.tables
    assert len(markdown.tables) == 9
    assert markdown.figures == page.figures == word.figures
    assert (
        len(markdown.figures)
        == 3
        == len(Document(str(tmp_path / f"docx-{lang}" / "index.docx")).inline_shapes)
    )
    assert markdown.layouts == page.layouts == word.layouts
    motto = "Độc lập - Tự do - Hạnh phúc" if lang == "vi" else "Independence - Freedom - Happiness"
    issuer, country = word.layouts[0]
    assert "TỔ CÔNG TÁC LIÊN NGÀNH" in issuer and motto in country
    one_md, one_html, one_word = all_three(root, tmp_path, lang=lang)  # one file: the same, links aside
    assert (one_md, one_html, one_word) == (replace(markdown, figures=[]), page, word)


def test_a_locality_page_is_the_same_in_every_pack(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", brief_files())
    markdown, page, word = pack_pages(root, tmp_path, "localities/ha-noi")
    back = "Quay lại báo cáo chung"  # a link between the pages: paper has nowhere to go
    assert back in markdown.texts and back in page.texts and back not in word.texts
    assert [t for t in markdown.texts if t != back] == [t for t in page.texts if t != back] == word.texts
    assert markdown.headings == page.headings == word.headings
    assert markdown.tables == page.tables == word.tables != []


# --- a repository's own template reaches Word ------------------------------------------------------

MY_BRIEFING = """\
<!-- dothi:masthead -->

| {{ b.group_name | upper_vi | cell }} | {{ t("brief.motto.country") }} |
| :---: | :---: |
| **Số: 12/BC-TCT** | **{{ t("brief.motto.words") }}** |

<!-- /dothi:masthead -->

# BÁO CÁO NHANH

## Việc quá hạn của {{ b.overdue | length }} đơn vị

| STT | Đơn vị | Số việc |
| ---: | --- | ---: |
{% for group in b.overdue %}
| {{ loop.index }} | {{ group.name | cell }} | {{ group.items | length }} |
{% endfor %}

{% if "overdue-age" in charts %}
![{{ charts["overdue-age"].title }}]({{ charts["overdue-age"].path }})
{% endif %}

<!-- dothi:signature -->

| Nơi nhận: | TM. TỔ CÔNG TÁC |
| :--- | :---: |
| - Như trên; | **TỔ TRƯỞNG** |
| - Lưu: VT. | Nguyễn Văn A |

<!-- /dothi:signature -->
"""


def test_a_repositorys_briefing_template_changes_the_word_briefing_too(tmp_path: Path) -> None:
    """As found: --to docx wrote the built-in briefing whatever templates/briefing.md.j2 said."""
    root = write_repo(tmp_path / "repo", {**brief_files(), "templates/briefing.md.j2": MY_BRIEFING})
    markdown, page, word = pack_pages(root, tmp_path, "index")
    assert word.headings == markdown.headings == page.headings == [(2, "Việc quá hạn của 4 đơn vị")]
    assert word.texts == markdown.texts == page.texts == ["BÁO CÁO NHANH"]
    assert word.layouts == markdown.layouts == page.layouts
    assert word.layouts[1] == [
        ["Nơi nhận:", "- Như trên;", "- Lưu: VT."],
        ["TM. TỔ CÔNG TÁC", "TỔ TRƯỞNG", "Nguyễn Văn A"],
    ]
    assert (
        word.tables
        == markdown.tables
        == page.tables
        == [
            [
                ["STT", "Đơn vị", "Số việc"],
                ["1", "Văn phòng Chính phủ", "1"],
                ["2", "Bộ Xây dựng", "2"],
                ["3", "Bộ Khoa học và Công nghệ", "1"],
                ["4", "Tỉnh Cao Bằng", "1"],
            ]
        ]
    )
    assert word.figures == markdown.figures == page.figures == ["Nhiệm vụ quá hạn theo số ngày quá hạn"]
    document = Document(str(tmp_path / "docx-vi" / "index.docx"))
    assert len(document.inline_shapes) == 1
    assert (
        Document(io.BytesIO(brief_to(root, tmp_path, "docx").read_bytes())).paragraphs[0].text
        == "BÁO CÁO NHANH"
    )
    issuer = document.tables[0].rows[0].cells[0]
    assert [p.text for p in issuer.paragraphs if p.text] == ["TỔ CÔNG TÁC LIÊN NGÀNH", "Số: 12/BC-TCT"]
    received, signer = document.tables[-1].rows[0].cells  # the signature: columns without borders
    assert [p.text for p in received.paragraphs] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert [p.text for p in signer.paragraphs] == ["TM. TỔ CÔNG TÁC", "TỔ TRƯỞNG", "Nguyễn Văn A"]
    assert [p.alignment for p in signer.paragraphs] == [WD_ALIGN_PARAGRAPH.CENTER] * 3
    assert _borderless(document.tables[-1])


def test_the_layout_blocks_are_the_same_in_the_reader_and_the_word_writer() -> None:
    assert sorted(LAYOUTS) == sorted(LAYOUT_BLOCKS)


# --- --template: unknown names and the pack's page templates (issue 18 items 3 and 4) -------------


@pytest.mark.parametrize("to", ["md", "html", "docx"])
def test_an_unknown_template_is_the_same_usage_error_in_every_format(tmp_path: Path, to: str) -> None:
    """As found: --template nosuch --to docx wrote the built-in briefing and exited 0."""
    root = write_repo(tmp_path / "repo", brief_files())
    out = tmp_path / f"hop.{to}"
    result = run_cli(
        "--root", str(root), "brief", *DATES, "--template", "nosuch", "--to", to, "--out", str(out)
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Lỗi: Không có mẫu báo cáo “nosuch”; các mẫu có sẵn: briefing\n"
    assert not out.exists()


PAGE_TEMPLATE_VI = (
    "Lỗi: “{name}” là mẫu của từng trang trong bộ tài liệu (--pack), dùng cho một địa phương hoặc một bộ, "
    "ngành, không phải mẫu báo cáo; --template nhận mẫu báo cáo: briefing hoặc mẫu riêng trong thư mục "
    "templates/.\n"
)


@pytest.mark.parametrize("name", ["locality", "agency"])
@pytest.mark.parametrize("where", [(), ("--to", "docx", "--out", "x.docx"), ("--pack", "pack")])
def test_a_page_template_is_refused_as_a_briefing(tmp_path: Path, name: str, where: tuple[str, ...]) -> None:
    """As found: UndefinedError: 'page' is undefined, exit 1, though the message listed them."""
    root = write_repo(tmp_path / "repo", brief_files())
    args = [str(tmp_path / a) if a in ("x.docx", "pack") else a for a in where]
    result = run_cli("--root", str(root), "brief", *DATES, "--template", name, *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == PAGE_TEMPLATE_VI.format(name=name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


def test_a_page_template_is_refused_in_english(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", brief_files())
    result = run_cli("--root", str(root), "--lang", "en", "brief", *DATES, "--template", "agency")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: “agency” is the template of a pack's pages (--pack), one per locality or agency, not of a "
        "briefing; --template takes a briefing template: briefing or your own in the templates/ folder.\n",
    )


# --- the format from --out's extension (issue 18 item 6) --------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("hop.html", f"{MARKER}\n<!DOCTYPE html>"),
        ("HOP.HTM", f"{MARKER}\n<!DOCTYPE html>"),
        ("hop.md", f"{MARKER}\n<!-- dothi:masthead -->"),
        ("hop.markdown", f"{MARKER}\n<!-- dothi:masthead -->"),
        ("hop.txt", f"{MARKER}\n<!-- dothi:masthead -->"),  # no format of its own: Markdown
    ],
)
def test_out_without_to_takes_the_format_of_its_extension(tmp_path: Path, name: str, starts: str) -> None:
    """As found: --out x.html without --to wrote Markdown into a .html file."""
    root = write_repo(tmp_path / "repo", brief_files())
    out = tmp_path / name
    result = run_cli("--root", str(root), "brief", *DATES, "--out", str(out))
    assert (result.exit_code, result.stderr) == (0, f"Đã ghi {out}\n")
    assert out.read_text(encoding="utf-8").startswith(starts)


def test_out_docx_without_to_is_a_word_document(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", brief_files())
    out = tmp_path / "hop.docx"
    assert run_cli("--root", str(root), "brief", *DATES, "--out", str(out)).exit_code == 0
    assert Document(str(out)).paragraphs[0].text == "BÁO CÁO"


@pytest.mark.parametrize(("to", "name", "implied"), [("html", "hop.md", "md"), ("md", "hop.docx", "docx")])
def test_to_against_the_extension_is_refused(tmp_path: Path, to: str, name: str, implied: str) -> None:
    root = write_repo(tmp_path / "repo", brief_files())
    out = tmp_path / name
    result = run_cli("--root", str(root), "brief", *DATES, "--to", to, "--out", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Lỗi: --to {to} không khớp với tên tệp “{out}”, mà phần đuôi là của định dạng {implied}; "
        "hãy bỏ --to hoặc đổi tên tệp.\n"
    )
    assert not out.exists()
    english = run_cli("--root", str(root), "--lang", "en", "brief", *DATES, "--to", to, "--out", str(out))
    assert english.stderr == (
        f"Error: --to {to} does not match the file name “{out}”, whose extension means {implied}; "
        "drop --to or rename the file.\n"
    )


def test_to_is_still_checked_first(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", brief_files())
    result = run_cli("--root", str(root), "brief", "--to", "pdf", "--out", str(tmp_path / "x.pdf"))
    assert (result.exit_code, result.stderr) == (
        2,
        "Lỗi: Tùy chọn --to: “pdf” không hợp lệ; chọn một trong: md, html, docx\n",
    )


# --- the web page: render rules, marked blocks styled by class (issue 18 item 5, issue 20 item 6) --


def page_of(markdown: str, charts: dict[str, str] | None = None) -> str:
    return to_html(markdown, "t", "vi", charts)


def test_a_chart_is_a_figure_of_its_own_and_keeps_every_character_of_its_title() -> None:
    """As found: <p><figure>…</figure></p> (a figure cannot sit in a paragraph), and a title's
    escaped characters lost from the caption."""
    title = text("Tỷ lệ *đạt* [chuẩn] <b> & 100%")
    page = page_of(f"{MARKER}\n![{title}](charts/rates.svg)\n", {"charts/rates.svg": "<svg>x</svg>"})
    body = page.split("<body>\n")[1]
    assert body == (
        '<figure role="img" aria-label="Tỷ lệ *đạt* [chuẩn] &lt;b&gt; &amp; 100%"><svg>x</svg>'
        "<figcaption>Tỷ lệ *đạt* [chuẩn] &lt;b&gt; &amp; 100%</figcaption></figure></body>\n</html>\n"
    )


def test_a_link_to_a_page_of_the_pack_leads_to_its_web_page() -> None:
    page = page_of("[a](agencies/bxd.md) [b](x.md#muc) [c](https://example.org/y.md) [d](../index.md)\n")
    assert re.findall(r'href="([^"]+)"', page) == [
        "agencies/bxd.html",
        "x.md#muc",
        "https://example.org/y.md",
        "../index.html",
    ]


def test_marked_blocks_are_divs_of_their_class_in_pairs() -> None:
    """A block left open is closed where the page ends; a close without its open is dropped."""
    markdown = (
        "<!-- dothi:dateline -->\n\n*x*\n\n<!-- /dothi:dateline -->\n"
        "<!-- /dothi:nav -->\n<!-- dothi:title -->\n\n# T\n\n<!-- dothi:appendix -->\n\n## A\n"
    )
    body = page_of(markdown).split("<body>\n")[1]
    assert body == (
        '<div class="dateline">\n<p><em>x</em></p>\n</div>\n<div class="title">\n<h1>T</h1>\n'
        '<div class="appendix">\n<h2>A</h2>\n</div>\n</div>\n</body>\n</html>\n'
    )
    word = Document(io.BytesIO(to_docx(markdown, Meta(date(2025, 9, 1), "vi"))))
    assert [p.text for p in word.paragraphs] == ["x", "T", "A", ""]  # "": the rule under the title
    assert word.paragraphs[2].paragraph_format.page_break_before  # the appendix starts a page


def test_word_leaves_out_the_links_between_pages_and_nothing_else() -> None:
    markdown = (
        "<!-- dothi:nav -->\n\n- [Về trang chung](../index.md)\n\n<!-- /dothi:nav -->\n\nSau đó\n\n- một\n"
    )
    word = Document(io.BytesIO(to_docx(markdown, Meta(date(2025, 9, 1), "vi"))))
    assert [p.text for p in word.paragraphs] == ["Sau đó", "- một"]  # the nav's list mark stays with it
    assert '<div class="nav">' in page_of(markdown)


def test_data_cannot_open_a_marked_block() -> None:
    """A title that reads like a mark stays text: its "<" is escaped, as every "<" in data is."""
    mark = text("<!-- dothi:masthead -->")
    markdown = f"{mark}\n\n| a |\n| --- |\n| {mark} |\n"
    tokens = reader().parse(markdown)
    assert [t.type for t in tokens if t.type.startswith("dothi")] == []
    body = page_of(markdown).split("<body>\n")[1]
    assert body.count("&lt;!-- dothi:masthead --&gt;") == 2 and "<div" not in body


def test_the_page_styles_the_masthead_by_its_class_never_by_position() -> None:
    """As found: ``body > table:first-of-type`` took the first data table of a locality page for a
    masthead: no borders, everything bold and centred."""
    assert "first-of-type" not in STYLE and "body >" not in STYLE
    assert ".masthead .column" in STYLE


@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="chromium is not installed")
def test_chromium_lays_out_the_masthead_date_line_and_a_pages_first_table(tmp_path: Path) -> None:
    """The real layout, measured in Chromium by a script run in a copy of each page (the page's
    own policy forbids scripts): the motto on one line under the country's name, the issuer beside
    them, the date line against the right margin, and a locality page's first table bordered,
    its cells neither bold nor centred."""
    assert CHROMIUM is not None, ".ci/run installs Debian's chromium"
    root = write_repo(tmp_path / "repo", brief_files())
    pack = tmp_path / "pack"
    assert run_cli("--root", str(root), "brief", *DATES, "--to", "html", "--pack", str(pack)).exit_code == 0
    index = measure(pack / "index.html", tmp_path, INDEX_PROBE)
    assert index["mottoLines"] == 1
    assert index["mottoTop"] - index["countryBottom"] < 8  # right under it
    assert abs(index["issuerTop"] - index["countryTop"]) < 2
    assert abs(index["datelineCentre"] - index["mottoCentre"]) < 3  # under the motto (Decree 30)
    assert index["datelineLeft"] > index["bodyCentre"]
    page = measure(pack / "localities" / "ha-noi.html", tmp_path, TABLE_PROBE)
    assert page == {"border": "1px", "weight": "400", "align": "start", "inMasthead": False}


INDEX_PROBE = """
const r = el => el.getBoundingClientRect();
const [issuer, country] = document.querySelectorAll('.masthead .column');
const motto = country.querySelectorAll('p')[1];
const range = document.createRange(); range.selectNodeContents(motto);
const lines = new Set([...range.getClientRects()].map(x => Math.round(x.top))).size;
const date = country.querySelectorAll('p')[2].querySelector('em');
const body = r(document.body), style = getComputedStyle(document.body);
return {mottoLines: lines, mottoTop: r(motto).top, countryBottom: r(country.querySelector('p')).bottom,
        issuerTop: r(issuer.querySelector('p')).top, countryTop: r(country.querySelector('p')).top,
        datelineCentre: (r(date).left + r(date).right) / 2, datelineLeft: r(date).left,
        mottoCentre: (r(motto).left + r(motto).right) / 2,
        bodyRight: body.right - parseFloat(style.paddingRight), bodyCentre: (body.left + body.right) / 2};
"""
TABLE_PROBE = """
const cell = document.querySelector('table td:nth-child(2)');
const style = getComputedStyle(cell);
return {border: style.borderTopWidth, weight: style.fontWeight, align: style.textAlign,
        inMasthead: cell.closest('.masthead') !== null};
"""


def measure(page: Path, tmp_path: Path, probe: str) -> Any:
    """Run ``probe`` (the body of a function returning JSON) once the page's fonts are ready."""
    copy = page.with_name(page.stem + "-probe.html")
    source = re.sub(
        r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", page.read_text(encoding="utf-8")
    )
    script = (
        "<script>document.fonts.ready.then(() => { const out = document.createElement('pre');"
        f" out.id = 'probe'; out.textContent = JSON.stringify((() => {{ {probe} }})());"
        " document.body.appendChild(out); });</script>"
    )
    copy.write_text(source.replace("</body>", script + "</body>"), encoding="utf-8")
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1200,1600",
        "--virtual-time-budget=5000",
        "--dump-dom",
        copy.as_uri(),
    ]
    dom = subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    return json.loads(html.unescape(found[1]))


# --- Word: tables sized by their content (issue 18 item 5) -----------------------------------------


def test_a_narrow_column_never_breaks_a_word(tmp_path: Path) -> None:
    """As found: STT was 0.65 cm wide with a fixed layout, so "STT" and "10" broke letter by letter."""
    root = write_repo(tmp_path / "repo", brief_files())
    pack = tmp_path / "pack"
    assert run_cli("--root", str(root), "brief", *DATES, "--to", "docx", "--pack", str(pack)).exit_code == 0
    document = Document(str(pack / "agencies" / "bxd.docx"))
    [table] = document.tables
    columns = [col.width for col in table.columns]
    assert [cell.text for cell in table.rows[0].cells] == [
        "STT",
        "Nhiệm vụ",
        "Văn bản giao",
        "Thời hạn",
        "Trạng thái",
    ]
    assert columns[0] >= Cm(1.1)  # "STT" in 12 pt bold, and the cell's padding
    assert columns[1] == max(columns)  # the titles get the room
    assert abs(sum(columns) - Cm(16)) < Cm(0.01)  # the text width of A4 within Decree 30's margins
    fixed = table._tbl.tblPr.find(qn("w:tblLayout"))
    assert fixed is not None and fixed.get(qn("w:type")) == "fixed"  # so the widths must be right


def test_a_template_table_gets_the_briefings_look() -> None:
    """Any table a template writes: centred bold header, right-aligned where the Markdown says."""
    page = "| STT | Nhiệm vụ | Ngày |\n| ---: | --- | :---: |\n| 10 | Gửi \\| báo cáo<br>lần 2 | 1/9 |\n"
    document = Document(io.BytesIO(to_docx(page, Meta(date(2025, 9, 1), "vi"))))
    [table] = document.tables
    header, row = table.rows
    assert [c.paragraphs[0].alignment for c in header.cells] == [WD_ALIGN_PARAGRAPH.CENTER] * 3
    assert all(run.bold for c in header.cells for run in c.paragraphs[0].runs)
    assert [c.paragraphs[0].alignment for c in row.cells] == [
        WD_ALIGN_PARAGRAPH.RIGHT,
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.CENTER,
    ]
    assert [c.text for c in row.cells] == ["10", "Gửi | báo cáo\nlần 2", "1/9"]


def test_the_word_writer_reads_every_block_markdown_has() -> None:
    """Lists (nested, numbered), quotes, code, rules and images it has no picture for."""
    page = (
        "Đoạn *nghiêng* và `mã`  \ndòng sau\n\n1. một\n2. hai\n   - con\n\n> trích\n\n"
        "```\na\nb\n```\n\n---\n\n"
        "![Biểu đồ không có](charts/x.svg)\n\nChữ ![ảnh](y.png) giữa dòng\n"
    )
    document = Document(io.BytesIO(to_docx(page, Meta(date(2025, 9, 1), "en"))))
    texts = [(p.text, p.style.name if p.style else "") for p in document.paragraphs if p.text]
    assert texts == [
        ("Đoạn nghiêng và mã\ndòng sau", "Normal"),
        ("1. một", "Normal"),
        ("2. hai", "Normal"),
        ("- con", "Normal"),
        ("trích", "Normal"),
        ("a\nb", "Normal"),
        ("Biểu đồ không có", "Caption"),  # no picture for that path: its title alone, as the web page
        ("Chữ ảnh giữa dòng", "Normal"),
    ]
    nested = next(p for p in document.paragraphs if p.text == "- con")
    assert round(nested.paragraph_format.left_indent.cm, 2) == 1.0
    assert len(document.inline_shapes) == 0


def test_blocks_close_inside_out_and_a_mark_counts_only_at_the_top_level() -> None:
    markdown = (
        "<!-- dothi:appendix -->\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n<!-- dothi:title -->\n\n# T\n\n"
        "<!-- /dothi:appendix -->\n\n- <!-- dothi:nav -->\n"
    )
    body = page_of(markdown).split("<body>\n")[1]
    assert body.startswith('<div class="appendix">\n<table>')
    assert body.endswith(
        '<div class="title">\n<h1>T</h1>\n</div>\n</div>\n<ul>\n<li>&lt;!-- dothi:nav --&gt;</li>\n</ul>\n'
        "</body>\n</html>\n"
    )
    word = Document(io.BytesIO(to_docx(markdown, Meta(date(2025, 9, 1), "vi"))))
    first = word.paragraphs[0]
    assert (first.text, first.paragraph_format.page_break_before) == ("", True)  # the table starts a page
    assert [p.text for p in word.paragraphs if p.text] == ["T", "- <!-- dothi:nav -->"]


def test_a_table_too_wide_for_the_page_shares_it_by_its_words() -> None:
    header = " | ".join(f"Cộtsố{n:02}rấtdàikhôngngắt" for n in range(12))
    markdown = f"| {header} |\n|{' --- |' * 12}\n|{' x |' * 12}\n"
    word = Document(io.BytesIO(to_docx(markdown, Meta(date(2025, 9, 1), "vi"))))
    columns = [column.width for column in word.tables[0].columns]
    assert len(set(columns)) == 1 and abs(sum(columns) - Cm(16)) < Cm(0.01)
