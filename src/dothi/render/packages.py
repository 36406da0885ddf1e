"""Office files (Word, Excel) that are the same bytes for the same data and date.

A .docx or .xlsx is a ZIP package, and both python-docx and openpyxl stamp each entry with the
time of saving: the same briefing or form saved twice differed, so a golden file could not hold
it and a user could not tell by its bytes whether anything changed. The package is re-zipped with
every entry stamped with the document's own date, kept within the years a ZIP entry can record.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

ZIP_YEARS = (1980, 2107)  # what a ZIP entry's date can hold


def stamped(package: bytes, day: date) -> bytes:
    """``package`` re-zipped, each entry dated ``day`` (or 1/1/1980 when a ZIP cannot hold it)."""
    first, last = ZIP_YEARS
    day = day if first <= day.year <= last else date(first, 1, 1)  # never a crash over a stamp
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
