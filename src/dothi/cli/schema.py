"""``dothi schema``: the JSON Schemas of the data files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dothi.cli.context import Session


def schema(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option("--out")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    """Print the JSON Schemas of the data files, or write them into a folder.

    Written as ``brief --pack`` writes: into a folder (never over a file of that name), all files
    or none, and over a file dothi did not write only with ``--force``.
    """
    from dothi.data.schema import dump, file_schemas
    from dothi.output import check_file, check_folder, write_files

    session = Session.of(ctx)
    schemas = file_schemas()
    if out is None:
        session.echo(json.dumps(schemas, ensure_ascii=False, indent=2, sort_keys=True))
        return
    folder = out
    files = {folder / f"{kind}.json": dump(document) for kind, document in schemas.items()}

    def check_and_write() -> None:
        check_folder(folder)
        for path, text in files.items():
            check_file(path, "", text, force, "schema.error.not_ours")
        write_files(files)

    session.check_output(check_and_write)
    session.err.print(session.t("schema.written", count=len(schemas), dir=out), markup=False)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
