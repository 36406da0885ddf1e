"""The files of a briefing in each format: Markdown, a self-contained web page, a Word document.

One definition makes them all: the template renders the briefing (and in a pack, each page) to
Markdown, and the web page and the Word document are written from that Markdown, so what a
repository's template says reaches every format. A single briefing is one file; a pack is the
briefing plus a page per locality and per lead ministry, and (in Markdown) the charts as files
beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from dothi.messages import Catalogue
from dothi.render.briefing import ChartLink, Links, check_briefing_name, render, render_pack
from dothi.reports.briefing import Briefing

if TYPE_CHECKING:
    from dothi.render.charts import Chart
    from dothi.render.sandbox import BoundedSandbox

FORMATS = ("md", "html", "docx")
CHART_DIR = "charts"
FONT_FILE = "fonts/DejaVuSerif.ttf"
Files = dict[str, str | bytes]
Pages = dict[str, str]  # Markdown by its path in the pack; "" for a single briefing


def briefing_files(
    env: BoundedSandbox, context: Briefing, t: Catalogue, template: str, to: str, pack: bool
) -> Files:
    """Every file to write by its path in the pack; a single briefing is the one file under ""."""
    check_briefing_name(template)
    if to == "md" and not pack:  # nowhere to put the charts: none drawn
        return {"": render(env, template, context, Links())}
    from dothi.render.charts import charts, notes

    made = charts(context, t)
    skipped = {
        name: ChartLink(title, "", t.get("chart.skipped", title=title, reason=why))
        for name, (title, why) in notes(context, t).items()
    }
    links = {**skipped, **chart_links(made)}  # a chart left out says why, where it would be
    pages: Pages = (
        render_pack(env, context, template, links)
        if pack
        else {"": render(env, template, context, Links(), links)}
    )
    return WRITERS[to](pages, context, t, made)


def chart_links(made: Sequence[Chart]) -> dict[str, ChartLink]:
    """Each chart as the template names it, by the path of its file beside the page."""
    return {chart.name: ChartLink(chart.title, f"{CHART_DIR}/{chart.name}.svg") for chart in made}


def _markdown(pages: Pages, context: Briefing, t: Catalogue, made: Sequence[Chart]) -> Files:
    return {**pages, **{f"{CHART_DIR}/{chart.name}.svg": chart.svg for chart in made}}


def _html(pages: Pages, context: Briefing, t: Catalogue, made: Sequence[Chart]) -> Files:
    from dothi.render.html import font_file, to_html

    title = f"{t.get('brief.kind')} — {t.day(context.as_of)}"
    svgs = {f"{CHART_DIR}/{chart.name}.svg": chart.svg for chart in made}
    if "" in pages:  # one page: everything inside it
        return {"": to_html(pages[""], title, t.lang, svgs)}
    files: Files = {FONT_FILE: font_file()}
    for name, text in pages.items():
        font = "../" * name.count("/") + FONT_FILE  # the pack's one copy, beside the pages
        files[_as(name, ".html")] = to_html(text, title, t.lang, svgs, font)
    return files


def _docx(pages: Pages, context: Briefing, t: Catalogue, made: Sequence[Chart]) -> Files:
    return {_as(name, ".docx"): word(text, context, t, made) for name, text in pages.items()}


def word(markdown: str, context: Briefing, t: Catalogue, made: Sequence[Chart]) -> bytes:
    """One page in Word, with the charts its Markdown shows."""
    from dothi.render.docx import Meta, to_docx

    meta = Meta(context.as_of, t.lang, t.get("brief.title", day=t.day(context.as_of)), context.group_name)
    return to_docx(markdown, meta, {f"{CHART_DIR}/{chart.name}.svg": chart.png for chart in made})


WRITERS: Mapping[str, Callable[[Pages, Briefing, Catalogue, Sequence[Chart]], Files]] = {
    "md": _markdown,
    "html": _html,
    "docx": _docx,
}


def _as(name: str, suffix: str) -> str:
    return name.removesuffix(".md") + suffix if name else name
