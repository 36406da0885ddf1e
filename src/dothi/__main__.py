"""Allow ``python -m dothi``."""

from dothi.cli import main

main()
