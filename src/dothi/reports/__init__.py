"""Reports: pure functions of a Repository and dates to result objects (no clock, no disk)."""
