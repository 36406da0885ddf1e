"""``dothi brief``: the meeting briefing in Markdown, one file or a whole pack."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dothi.cli.context import EXIT_DATA, EXIT_USAGE, Session
from dothi.defaults import DEFAULT_SOON
from dothi.layout import TEMPLATES_DIR
from dothi.problem import Text

if TYPE_CHECKING:
    from dothi.cli.progress import Working


def brief(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    soon: Annotated[str, typer.Option("--soon")] = str(DEFAULT_SOON),
    template: Annotated[str, typer.Option("--template")] = "briefing",
    out: Annotated[Path | None, typer.Option("--out")] = None,
    pack: Annotated[Path | None, typer.Option("--pack")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    number: Annotated[str | None, typer.Option("--number")] = None,
    to: Annotated[str | None, typer.Option("--to")] = None,
) -> None:
    """The briefing pack for a meeting of the Working Group: Markdown, a web page or Word."""
    from dothi.output import check_folder
    from dothi.render.briefing import BriefingError, environment
    from dothi.render.formats import FORMATS, briefing_files
    from dothi.render.sandbox import Limits
    from dothi.reports.briefing import briefing

    session = Session.of(ctx)
    to = _format(session, to, out, FORMATS)
    if to == "docx" and out is None and pack is None:
        session.usage_error(Text.of("brief.error.docx_needs_out"))
    day = session.parse_day("--as-of", as_of)
    last = session.parse_day("--since", since) if since else None
    days = session.parse_count("--soon", soon)
    if pack is not None:  # before the work of rendering: a file where the folder should be
        session.check_output(lambda: check_folder(pack))
    repo = session.repository()
    working = _working(session)
    try:
        context = session.build(briefing, repo, day, last, days, number)
        env = environment(repo.root / TEMPLATES_DIR, session.catalogue, Limits(clock=time.monotonic))
        if working is not None:
            working.step(session.t("progress.rendering", format=session.t(f"progress.format.{to}")))
        pages = session.build(briefing_files, env, context, session.catalogue, template, to, pack is not None)
    except BriefingError as error:
        session.err.print(session.t("usage.error") + session.catalogue.text(error.text), markup=False)
        raise typer.Exit(EXIT_USAGE if error.usage else EXIT_DATA) from None
    finally:
        if working is not None:
            working.close()
    if pack is not None:
        _write(session, {pack / name: text for name, text in pages.items()}, force)
        session.err.print(session.t("brief.written_pack", count=len(pages), dir=str(pack)), markup=False)
    elif out is not None:
        _write(session, {out: pages[""]}, force)
        session.err.print(session.t("brief.written", path=str(out)), markup=False)
    else:
        session.echo(str(pages[""]), nl=False)


def _working(session: Session) -> Working | None:
    """A sign of life on a terminal while the briefing is computed and rendered (the Word file
    takes seconds at national scale); nothing in a pipe or a CI log."""
    if not session.err.is_terminal:
        return None
    from dothi.cli.progress import Working

    return Working(session.err, session.t("progress.briefing"))


SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def _format(session: Session, to: str | None, out: Path | None, formats: Sequence[str]) -> str:
    """``--to`` as given, else what ``--out``'s extension says, else Markdown; a ``--to`` that
    contradicts the extension (HTML into ``x.md``) is a usage error, not a file that lies."""
    if to is not None:
        session.check_choice("--to", to, formats)
    implied = SUFFIXES.get(out.suffix.lower()) if out is not None else None
    if to is not None and implied is not None and to != implied:
        session.usage_error(Text.of("brief.error.to_mismatch", to=to, path=str(out), implied=implied))
    return to or implied or "md"


def _write(session: Session, files: Mapping[Path, str | bytes], force: bool) -> None:
    """Check every target first, then write them all or none, so a refusal leaves every file as it was."""
    from dothi.output import check_file, write_files
    from dothi.render.briefing import MARKER

    def check_and_write() -> None:
        for path, content in files.items():
            check_file(path, MARKER, content, force, "brief.error.not_ours")
        write_files(files)

    session.check_output(check_and_write)


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)
