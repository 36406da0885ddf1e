"""A cold run starts parsing its files before dothi's libraries are imported.

Typer, Pydantic, dothi's models and the rest take about 0.2 s to import, on one core, before a
run reads a file. On a cold run (after dothi changed, on a fresh clone, in CI, with
``--no-cache``), parsing is then most of what is left, and it is spread over the cores
(``data/parallel.py``) only once the loader starts. Forked here instead, the workers parse while
this process imports: 0.07–0.1 s of a cold run at 10,000 items on two cores, nothing that shows
at 100,000, where the imports are a twentieth of the run.

Only the light modules are imported here (the arguments, the listing, the cache's key and the
loader). Whether the run is cold is the cache's guess (``cache.cold``): a wrong guess costs time
only, as does a run that stops before it loads (a usage error): the workers are then stopped at
exit. The loader uses what the workers parsed of a file only if it reads the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from dothi.cli.argv import command_named, root_options
from dothi.data import cache
from dothi.data.listing import NoRepository, find_root, list_data, read_files

# The commands that read every file, and only read them: an edit reads hers under its lock.
LOADING = frozenset({"validate", "status", "check", "brief", "show", "members", "request"})
HELP = frozenset({"-h", "--help"})


def parse_early(args: Sequence[str], environ: Mapping[str, str]) -> None:
    """Start parsing the files of a cold run of a command that loads them, if it is one."""
    if command_named(args) not in LOADING or not HELP.isdisjoint(args):
        return
    options = root_options(args)
    try:
        root = find_root(Path.cwd(), options.get("--root"))
    except (NoRepository, OSError):  # the run itself will say so
        return
    if not cache.cold(root, environ, "--no-cache" in options):
        return
    from dothi.data import parallel  # with the loader and PyYAML: a warm run needs neither yet

    read = read_files(root, list_data(root))
    parallel.start_early(root, [(relative, raw) for relative, raw in read.items() if isinstance(raw, bytes)])
