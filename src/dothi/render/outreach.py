"""The files ``request`` writes for each organization: the urging letter and the answer form.

The letter is made the way the briefing is: the template ``letter.md.j2`` renders it to Markdown
in the sandbox, and the one Word writer (``docx.py``) lays that Markdown out, so a repository's
own ``templates/letter.md.j2`` reaches the letter. The form is a workbook (``xlsx.py``).
"""

from __future__ import annotations

import traceback
from pathlib import Path

from jinja2.exceptions import SecurityError, TemplateNotFound

from dothi.data.repository import Repository
from dothi.messages import Catalogue
from dothi.problem import Text
from dothi.render.briefing import MARKER, TEMPLATE_SUFFIX, BriefingError
from dothi.render.docx import Meta, to_docx
from dothi.render.sandbox import BoundedSandbox, OutsideTemplates, RenderLimit
from dothi.render.xlsx import FormLine, form_workbook
from dothi.reports.outreach import Outreach, Request

LETTER = "letter"


def identity(repo: Repository) -> str:
    """What a form says about the repository it was made for (the group's founding decision)."""
    return f"dothi:{repo.members.group.established_by}"


def citations(request: Request, t: Catalogue) -> str:
    """The directives a letter cites, as a sentence lists them."""
    return "; ".join(
        t.get(
            "letter.directive" if cited.number else "letter.directive.unnumbered",
            number=cited.number or "",
            day=t.written_day(cited.day),
            subject=cited.subject,
        )
        for cited in request.cited
    )


def letter_markdown(
    env: BoundedSandbox, outreach: Outreach, request: Request, t: Catalogue, notice: str | None
) -> str:
    """The letter as Markdown, from the template; a template that fails is a BriefingError."""
    name = LETTER + TEMPLATE_SUFFIX
    env.start()
    try:
        template = env.get_template(name)
        body = env.stream(
            template.generate(o=outreach, r=request, citations=citations(request, t), notice=notice)
        )
    except TemplateNotFound as error:
        raise BriefingError(Text.of("brief.error.template", name=LETTER, detail=str(error))) from None
    except (OutsideTemplates, RenderLimit, SecurityError) as error:
        detail = f"{type(error).__name__}: {error}"
        raise BriefingError(Text.of("brief.error.template", name=LETTER, detail=detail)) from None
    except Exception as error:  # a repository's template is its own code: whatever it raises is theirs
        raise BriefingError(Text.of("brief.error.template", name=LETTER, detail=_where(error))) from None
    return f"{MARKER}\n{body}"


def _where(error: Exception) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(TEMPLATE_SUFFIX)]
    place = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else LETTER + TEMPLATE_SUFFIX
    return f"{place}: {type(error).__name__}: {error}"


def letter_docx(
    env: BoundedSandbox, outreach: Outreach, request: Request, t: Catalogue, notice: str | None
) -> bytes:
    markdown = letter_markdown(env, outreach, request, t, notice)
    meta = Meta(outreach.as_of, t.lang, t.get("letter.title"), request.name)
    return to_docx(markdown, meta)


def form_xlsx(outreach: Outreach, request: Request, t: Catalogue, repo: Repository) -> bytes:
    lines = [
        FormLine(
            line.ident,
            line.title,
            line.directive or "",
            line.deadline or t.day(line.due),
            t.get(f"state.{line.state.value}"),
        )
        for line in request.lines
    ]
    return form_workbook(request.name, outreach.as_of, outreach.reply_by, lines, identity(repo), t)


def request_files(
    env: BoundedSandbox, outreach: Outreach, t: Catalogue, repo: Repository
) -> dict[str, bytes]:
    """Every file by its name: ``<id>.docx`` and ``<id>.xlsx`` per organization asked."""
    files: dict[str, bytes] = {}
    for request in outreach.requests:
        files[f"{request.org}.docx"] = letter_docx(env, outreach, request, t, repo.settings.notice)
        files[f"{request.org}.xlsx"] = form_xlsx(outreach, request, t, repo)
    return files
