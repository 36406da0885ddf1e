"""The briefing as one self-contained web page: opened anywhere, printed, mailed as one file.

The page is the Markdown briefing (the same template, the same escaping) turned into HTML by
markdown-it-py, with its charts inlined as SVG, its style inlined, and the serif font it is
set in embedded (DejaVu Serif, which matplotlib ships and which has every Vietnamese letter):
nothing is fetched from anywhere, so the page looks the same offline and on any machine. Raw
HTML in the data stays text: markdown-it's HTML option is off, and data is escaped Markdown
(``markdown.text``), so a title cannot become an image or a link. Should a template still ask for
something from elsewhere, the page's Content-Security-Policy refuses it: only its inline style, the
``data:`` font and images, and (in a pack) the font file beside the pages may load; no script,
no frame, no form. A print style sheet lays it out on A4 with Decree 30's margins.

Everything the page adds to markdown-it's HTML it adds through render rules, token by token: the
marked blocks as ``div``s styled by their class (the masthead by ``.masthead``, never by being the
first table on the page), the charts as figures, the links between the pages of a pack.
"""

from __future__ import annotations

import base64
import functools
import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dothi.render.briefing import MARKER
from dothi.render.markdown import BLOCK_CLOSE, BLOCK_OPEN, BREAK, plain, reader

# What a page may load: its own inline style and data: URLs; a pack's pages also the font beside them.
POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src {fonts}; "
    "base-uri 'none'; form-action 'none'"
)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)  # in matplotlib's SVG, not in our HTML


@functools.cache
def font_file() -> bytes:
    """DejaVu Serif, which matplotlib ships: every Vietnamese letter, on any machine."""
    import matplotlib

    return (Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif.ttf").read_bytes()


@functools.cache
def _inline_font() -> str:
    return "data:font/ttf;base64," + base64.b64encode(font_file()).decode("ascii")


STYLE = """
@font-face { font-family: "dothi serif"; src: url({font}) format("truetype"); }
:root { color-scheme: light; }
body { font-family: "Times New Roman", "dothi serif", serif; font-size: 14pt; line-height: 1.4;
       max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
h1 { text-align: center; font-size: 15pt; margin: 1.2em 0 0.2em; }
h2 { font-size: 14pt; margin: 1.4em 0 0.5em; }
h3 { font-size: 13pt; margin: 1.1em 0 0.4em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 12pt; }
th, td { border: 1px solid #000; padding: 0.2em 0.4em; vertical-align: top; }
th { background: #f2f2f2; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.columns { display: flex; gap: 1em; margin: 0 0 0.6em; font-size: 12pt; }
.column { flex: 1 1 0; }
.column p { margin: 0; }
.masthead .column { text-align: center; }
.masthead .column:first-child { flex: 0 0 40%; }
.masthead .column:last-child { white-space: nowrap; }
.masthead p.row1::after { content: ""; display: block; width: 5em; margin: 3px auto 4px;
                          border-top: 1px solid #000; }
.masthead .column:last-child p.row1 { font-size: 13pt; }
.masthead .column:last-child p.row1::after { width: 12em; }
.signature { margin-top: 1.5em; page-break-inside: avoid; }
.signature .column:first-child { font-size: 11pt; }
.signature .column:first-child p.head { font-size: 12pt; }
.signature .column:last-child { text-align: center; font-size: 13pt; }
.title::after, .appendix-head::after { content: ""; display: block; width: 8em; margin: 0.3em auto 1em;
                                       border-top: 1px solid #000; }
.appendix-head { text-align: center; }
.appendix-head h2 { text-align: center; margin: 0.2em 0; }
.appendix-head p { margin: 0.2em 0; }
.dateline { text-align: right; }
.title, .title h1 { text-align: center; }
.appendix { page-break-before: always; }
.appendix h2 { text-align: center; }
tr.band td { font-weight: bold; }
figure { margin: 1em 0; text-align: center; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; font-size: 12pt; }
a { color: inherit; }
@page { size: A4; margin: 20mm 20mm 20mm 30mm; }
@media print { body { max-width: none; margin: 0; padding: 0; } a { text-decoration: none; }
               .nav { display: none; } }
"""


def to_html(
    markdown: str, title: str, lang: str, charts: Mapping[str, str] | None = None, font: str | None = None
) -> str:
    """A whole page from a rendered Markdown briefing; ``charts`` maps a chart's path to its SVG.

    The font is inlined unless ``font`` gives the path of a copy beside the page (a pack, whose
    pages would otherwise each carry the same 0.5 MB).
    """
    body = _html_reader().render(markdown.removeprefix(MARKER + "\n"), {"charts": charts or {}})
    style = STYLE.replace("{font}", font or _inline_font())
    policy = POLICY.format(fonts="'self' data:" if font else "data:")
    return (
        f'{MARKER}\n<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>{html.escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _html_reader() -> Any:
    """The reader with dothi's render rules: a cell's ``<br>`` (in a text token) as a line break and
    an escaped character (a title's own ``<br>``: a token of its own) as text; a marked block as a
    ``div`` of its name's class; a chart as a figure with its SVG inline (the render ``env`` maps a
    chart's path to its SVG), never inside a ``<p>``; a link to a page of the pack to its web page."""
    from markdown_it.common.utils import escapeHtml

    md = reader()
    rules: dict[str, Any] = {
        "text": lambda _r, tokens, i, _o, _e: escapeHtml(tokens[i].content).replace("&lt;br&gt;", BREAK),
        "text_special": lambda _r, tokens, i, _o, _e: escapeHtml(tokens[i].content),
        BLOCK_OPEN: lambda _r, tokens, i, _o, _e: f'<div class="{tokens[i].info}">\n',
        BLOCK_CLOSE: lambda _r, _t, _i, _o, _e: "</div>\n",
        "image": lambda _r, tokens, i, _o, env: _figure(tokens[i], env["charts"]),
        "paragraph_open": _paragraph,
        "paragraph_close": _paragraph,
        "link_open": _link,
    }
    for name, rule in rules.items():
        md.add_render_rule(name, rule)
    return md


def _paragraph(renderer: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
    """No ``<p>`` around a paragraph that is only an image: the figure is a block of its own."""
    inline = tokens[index + 1] if tokens[index].nesting == 1 else tokens[index - 1]
    children = inline.children or []
    if len(children) == 1 and children[0].type == "image":
        return ""
    return str(renderer.renderToken(tokens, index, options, env))


def _link(renderer: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
    """A template's link to a page of the pack (``agencies/bxd.md``) leads to its web page."""
    href = str(tokens[index].attrGet("href") or "")
    if href.endswith(".md") and not re.search(r"[:#]", href):
        tokens[index].attrSet("href", href.removesuffix(".md") + ".html")
    return str(renderer.renderToken(tokens, index, options, env))


def _figure(image: Any, charts: Mapping[str, str]) -> str:
    alt = html.escape(plain(image.children or []))
    svg = charts.get(str(image.attrGet("src") or ""))
    if svg is None:
        return f"<em>{alt}</em>"
    inline = _METADATA.sub("", svg[svg.index("<svg") :])  # no XML prologue, no RDF metadata
    return f'<figure role="img" aria-label="{alt}">{inline}<figcaption>{alt}</figcaption></figure>'
