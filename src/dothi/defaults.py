"""Defaults the command line shows in its options, kept here so that start-up imports no model."""

from __future__ import annotations

DEFAULT_SOON = 14  # days ahead that count as due soon (SPEC §4)
