"""The files of a briefing in each format: Markdown, a self-contained web page, a Word document.

One context feeds them all. A single briefing is one file; a pack is the briefing plus a page
per locality and per lead ministry, and (in Markdown) the charts as files beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dothi.messages import Catalogue
from dothi.render.briefing import ChartLink, Links, render, render_pack
from dothi.reports.briefing import Briefing

if TYPE_CHECKING:
    from dothi.render.charts import Chart
    from dothi.render.sandbox import BoundedSandbox

FORMATS = ("md", "html", "docx")
CHART_DIR = "charts"
FONT_FILE = "fonts/DejaVuSerif.ttf"
Files = dict[str, str | bytes]


def briefing_files(
    env: BoundedSandbox, context: Briefing, t: Catalogue, template: str, to: str, pack: bool
) -> Files:
    """Every file to write by its path in the pack; a single briefing is the one file under ""."""
    if to == "md" and not pack:
        return {"": render(env, template, context, Links())}
    from dothi.render.charts import charts

    made = charts(context, t)
    links = {chart.name: ChartLink(chart.title, f"{CHART_DIR}/{chart.name}.svg") for chart in made}
    if to == "docx":
        return _docx(env, context, t, made, pack)
    pages: dict[str, str] = (
        render_pack(env, context, template, links)
        if pack
        else {"": render(env, template, context, Links(), links)}
    )
    if to == "md":
        return {**pages, **{link.path: chart.svg for chart, link in zip(made, links.values(), strict=True)}}
    return _html(pages, context, t, made)


def _html(pages: dict[str, str], context: Briefing, t: Catalogue, made: Sequence[Chart]) -> Files:
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


def _docx(env: BoundedSandbox, context: Briefing, t: Catalogue, made: Sequence[Chart], pack: bool) -> Files:
    from dothi.render.docx import render_docx

    document = render_docx(context, t, made)
    if not pack:
        return {"": document}
    from dothi.render.docx_pages import page_docx

    pages = render_pack(env, context, "briefing")
    files: Files = {"index.docx": document}
    for name, text in pages.items():
        if name != "index.md":
            files[_as(name, ".docx")] = page_docx(text, t, context.as_of)
    return files


def _as(name: str, suffix: str) -> str:
    return name.removesuffix(".md") + suffix if name else name
