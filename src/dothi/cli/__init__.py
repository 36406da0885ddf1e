"""The command line: a switchboard from options to core functions, renderers and exit codes."""

from dothi.cli.app import app, main

__all__ = ["app", "main"]
