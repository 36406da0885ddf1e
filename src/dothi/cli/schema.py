"""``dothi schema``: the JSON Schemas of the data files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dothi.cli.context import session


def schema(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write one <kind>.json per file kind into this folder.")
    ] = None,
) -> None:
    """Print the JSON Schemas of the data files, or write them into a folder."""
    from dothi.schema import dump, file_schemas

    schemas = file_schemas()
    if out is None:
        typer.echo(json.dumps(schemas, ensure_ascii=False, indent=2, sort_keys=True))
        return
    out.mkdir(parents=True, exist_ok=True)
    for kind, document in schemas.items():
        (out / f"{kind}.json").write_text(dump(document), encoding="utf-8")
    session(ctx).err.print(session(ctx).t("schema.written", count=len(schemas), dir=out), markup=False)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
