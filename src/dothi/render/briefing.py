"""Briefings rendered by Jinja2 templates in a sandbox, deterministic to the byte.

Templates ship inside the package (so an installed wheel works anywhere) and a data repository
may override any of them by name in its ``templates/`` folder. Every value printed by a template
is escaped for Markdown where it lands (SPEC §6): the ``cell`` filter in tables, and by default
elsewhere; data is never evaluated as a template, so a title holding ``{{ 7*7 }}`` shows literally.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, PackageLoader, StrictUndefined
from jinja2.exceptions import SecurityError, TemplateNotFound
from markupsafe import Markup

from dothi.messages import Catalogue
from dothi.problem import Text
from dothi.render import markdown
from dothi.render.sandbox import BoundedSandbox, ConfinedLoader, Limits, OutsideTemplates, RenderLimit
from dothi.reports.briefing import Briefing
from dothi.reports.status import Tally

MARKER = "<!-- dothi briefing -->"
TEMPLATE_SUFFIX = ".md.j2"
BRIEFINGS = ("briefing",)  # what --template may name among the built-in templates
PAGES = ("locality", "agency")  # the templates of a pack's pages: one locality or agency each


class BriefingError(Exception):
    """A template that cannot be rendered: the user's to fix (exit 1), never a traceback."""

    def __init__(self, text: Text, usage: bool = False) -> None:
        super().__init__(text.key)
        self.text = text
        self.usage = usage  # an unknown template name is a usage error (exit 2)


@dataclass(frozen=True)
class Links:
    """Where the pack puts each page, relative to the page that links to it."""

    enabled: bool = False
    prefix: str = ""

    def locality(self, ident: str) -> str | None:
        return f"{self.prefix}localities/{ident}.md" if self.enabled else None

    def agency(self, ident: str) -> str | None:
        return f"{self.prefix}agencies/{ident}.md" if self.enabled else None

    def index(self) -> str | None:
        return f"{self.prefix}index.md" if self.enabled else None


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, markdown.Safe | Markup):  # Markup: a macro's Markdown, printed with |safe
        return value
    if isinstance(value, str):
        return markdown.text(value)
    return value


def environment(templates: Path | None, catalogue: Catalogue, limits: Limits) -> BoundedSandbox:
    """The sandbox the briefing's templates run in: the repository's own first, then the built-in ones."""
    loaders: list[Any] = []
    if templates is not None and templates.is_dir():
        loaders.append(ConfinedLoader(templates))
    loaders.append(PackageLoader("dothi", "templates"))
    env = BoundedSandbox(
        limits,
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters.update(
        cell=markdown.cell,
        text=markdown.text,
        day=catalogue.day,
        written_day=catalogue.written_day,
        dateline=catalogue.dateline,
        number=catalogue.number,
        percent=catalogue.percent,
        score=catalogue.score,
        state=lambda state: catalogue.get(f"state.{state}"),
        upper_vi=lambda value: str(value).upper(),
        longday=lambda value: long_day(catalogue, value),
    )
    env.globals.update(
        t=catalogue.get,
        lang=catalogue.lang,
        overview=lambda tally: overview(catalogue, tally),
        nonzero=nonzero,
    )
    return env


def nonzero(counts: Mapping[Any, int]) -> list[str]:
    """The states a table has something to show for: a column of zeros says nothing."""
    return [str(getattr(state, "value", state)) for state, count in counts.items() if count]


def long_day(catalogue: Catalogue, value: date) -> str:
    """The date as Decree 30's date line writes it, without the place: "ngày 05 tháng 8 năm 2025"."""
    return catalogue.dateline(value).partition(", ")[2]


DONE = ("done_on_time", "done_late", "done_undated")
OPEN = ("in_progress", "overdue", "no_deadline")
OTHERS = ("ongoing", "cancelled", "unknown")
PARTS = {"done_on_time": "on_time", "done_late": "late", "done_undated": "undated"}


def overview(catalogue: Catalogue, tally: Tally) -> str:
    """The Government Office's overview sentence: "Tổng số 99 nhiệm vụ …, trong đó: đã hoàn thành
    11 (quá hạn 11); chưa hoàn thành 88 (trong hạn 6; quá hạn 82)". Each class under its own
    word (done late and not done overdue are both "quá hạn", but never in the same parentheses),
    and a count of zero left out."""
    counts = {state.value: count for state, count in tally.counts.items()}
    if not tally.total:
        return catalogue.get("brief.overview.head.empty")
    parts = []
    for key, group in (("done", DONE), ("open", OPEN)):
        total = sum(counts.get(state, 0) for state in group)
        if not total:
            continue
        inner = [
            catalogue.get(f"brief.overview.{PARTS.get(state, state)}", count=catalogue.number(counts[state]))
            for state in group
            if counts.get(state)
        ]
        parts.append(
            catalogue.get(f"brief.overview.{key}", count=catalogue.number(total)) + f" ({'; '.join(inner)})"
        )
    parts += [
        catalogue.get(f"brief.overview.{state}", count=catalogue.number(counts[state]))
        for state in OTHERS
        if counts.get(state)
    ]
    return catalogue.get("brief.overview.head", total=catalogue.number(tally.total), parts="; ".join(parts))


@dataclass(frozen=True)
class ChartLink:
    """A chart as a page links to it: its title and the file beside the page."""

    title: str
    path: str  # "" for a chart the data cannot show
    note: str = ""  # why it is not drawn, printed where it would be


def check_briefing_name(name: str) -> None:
    """A briefing's template, not a page's: a page template needs the page (``page``) it shows,
    which only a pack gives, so ``--template locality`` is a usage error, not a crash."""
    if name in PAGES or name.startswith("_"):
        raise BriefingError(
            Text.of("brief.error.page_template", name=name, known=", ".join(BRIEFINGS)), usage=True
        )


def render(
    env: BoundedSandbox,
    name: str,
    context: Briefing,
    links: Links,
    charts: Mapping[str, ChartLink] | None = None,
    **extra: Any,
) -> str:
    env.start()
    try:
        template = env.get_template(name + TEMPLATE_SUFFIX)
        body = env.stream(template.generate(b=context, links=links, charts=dict(charts or {}), **extra))
    except TemplateNotFound as error:
        if error.name != name + TEMPLATE_SUFFIX:  # an include of the template that is not there
            raise BriefingError(_failed(error, name)) from None
        known = ", ".join(BRIEFINGS)
        raise BriefingError(Text.of("brief.unknown_template", name=name, known=known), usage=True) from None
    except (OutsideTemplates, RenderLimit, SecurityError) as error:
        raise BriefingError(_refused(error, name, env)) from None
    except Exception as error:  # a template is the user's code: whatever it raises is theirs to fix
        raise BriefingError(_failed(error, name)) from None
    return f"{MARKER}\n{body}" if not body.startswith(MARKER) else body


def _failed(error: Exception, name: str) -> Text:
    """A syntax error, bytes that are not UTF-8, a division by zero: where, and Jinja2's own words."""
    detail = f"{_where(error, name)}: {type(error).__name__}: {error}"
    return Text.of("brief.error.template", name=name, detail=detail)


def _refused(error: OutsideTemplates | RenderLimit | SecurityError, name: str, env: BoundedSandbox) -> Text:
    """A template stopped by the fence: which fence, and its bound."""
    if isinstance(error, OutsideTemplates):
        return Text.of("brief.error.outside", name=name, target=error.name)
    if isinstance(error, SecurityError):
        return Text.of("brief.error.sandbox", name=name, detail=str(error))
    limits = env.limits
    if error.kind == "time":
        millions = limits.steps // 1_000_000
        return Text.of("brief.error.too_long", name=name, seconds=f"{limits.seconds:g}", millions=millions)
    return Text.of("brief.error.too_big", name=name, millions=limits.characters // 1_000_000)


def _where(error: Exception, name: str) -> str:
    """The template file and line that failed: Jinja2 rewrites tracebacks to point at templates."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(TEMPLATE_SUFFIX)]
    if frames:
        return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}"
    lineno = getattr(error, "lineno", None)
    return f"{name}{TEMPLATE_SUFFIX}:{lineno}" if lineno else f"{name}{TEMPLATE_SUFFIX}"


def render_pack(
    env: BoundedSandbox,
    context: Briefing,
    index_name: str,
    charts: Mapping[str, ChartLink] | None = None,
) -> dict[str, str]:
    """Every page of the pack by its relative path: the index, then one page per locality and agency."""
    pages = {"index.md": render(env, index_name, context, Links(True, ""), charts)}
    back = Links(True, "../")
    for locality in context.localities:
        pages[f"localities/{locality.id}.md"] = render(env, "locality", context, back, page=locality)
    for agency in context.agencies:
        pages[f"agencies/{agency.id}.md"] = render(env, "agency", context, back, page=agency)
    return pages
