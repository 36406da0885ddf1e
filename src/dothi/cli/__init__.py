"""The command line: a switchboard from options to core functions, renderers and exit codes."""

from __future__ import annotations

import gc
import os
import sys
import types
from collections.abc import MutableMapping


def main() -> None:
    """Run ``dothi``: ``dothi --version``, a ``status`` from what an earlier run kept and an
    edit of one item (``quick_edit``) are answered, and a cold run's parsing started, before the
    application is imported."""
    from dothi.cli.terminal import able_to_write_vietnamese

    able_to_write_vietnamese(os.environ)
    if sys.argv[1:] == ["--version"]:  # as the application says it (``app.configure``), 0.15 s sooner
        from dothi.cli.argv import version_line

        sys.stdout.write(version_line() + "\n")
        return
    without_pydantic_plugins(os.environ, sys.modules)
    # Importing makes objects by the hundred thousand and no garbage: the collector would walk
    # them again and again (a tenth of a warm status). The application, which imports more,
    # runs with it on and pauses it where it loads and builds.
    gc.disable()
    from dothi import messages
    from dothi.data.cache import text_store

    messages.KEPT = text_store(os.environ)  # the catalogue as an earlier run parsed it
    from dothi.cli.early import parse_early
    from dothi.cli.quick import run as answer_quickly

    parse_early(sys.argv[1:], os.environ)  # a cold run's workers first: they parse meanwhile
    code = answer_quickly(sys.argv[1:], os.environ)  # a warm one may need nothing else
    if code is None:
        from dothi.cli.quick_edit import run as edit_quickly

        code = edit_quickly(sys.argv[1:], os.environ)  # nor an edit, Typer
    if code is not None:
        sys.exit(code)
    gc.enable()
    from dothi.cli.app import main as run

    run()


# The values of Pydantic's documented switch that turn every plugin off (``plugin/_loader.py``).
ALL_PLUGINS_OFF = ("__all__", "1", "true")
PLUGIN_LOADER = "pydantic.plugin._loader"


def without_pydantic_plugins(environ: MutableMapping[str, str], modules: dict[str, types.ModuleType]) -> None:
    """Turn Pydantic's plugins off, unless the user set its switch, and skip importing their loader.

    Pydantic looks for plugins among every installed package's entry points the first time a
    model is built: about 30 ms of every run, for plugins (tracing, linting) an end-user program
    has no use for, and its documented switch turns that off. With every plugin off, its loader
    answers "none" before reading anything, yet importing it imports ``importlib.metadata`` and
    the ``email`` package (44 M instructions, 4 % of an edit). Pydantic imports the loader by its
    name when it builds its first model, so the same answer is given under that name instead.
    """
    environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if environ["PYDANTIC_DISABLE_PLUGINS"] in ALL_PLUGINS_OFF and PLUGIN_LOADER not in modules:
        loader = types.ModuleType(PLUGIN_LOADER, "Pydantic's plugin loader, with every plugin off.")
        loader.get_plugins = tuple  # type: ignore[attr-defined]  # no plugins: ()
        modules[PLUGIN_LOADER] = loader


__all__ = ["main"]
