"""The command line: a switchboard from options to core functions, renderers and exit codes."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run ``dothi``: a cold run's parsing is started before the application is imported."""
    from dothi.cli.early import parse_early

    parse_early(sys.argv[1:], os.environ)
    from dothi.cli.app import main as run

    run()


__all__ = ["main"]
