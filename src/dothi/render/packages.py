"""Office files (Word, Excel) that are the same bytes for the same data and date.

A .docx or .xlsx is a ZIP package, and both python-docx and openpyxl stamp each entry with the
time of saving: the same briefing or form saved twice differed, so a golden file could not hold
it and a user could not tell by its bytes whether anything changed. The package is re-zipped with
every entry stamped with the document's own date, kept within the years a ZIP entry can record.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Mapping
from datetime import date

ZIP_YEARS = (1980, 2107)  # what a ZIP entry's date can hold
Fill = Callable[[bytes], Iterable[bytes]]  # an entry's pieces, from what the package holds of it


def stamped(package: bytes, day: date, fill: Mapping[str, Fill] | None = None) -> bytes:
    """``package`` re-zipped, each entry dated ``day`` (or 1/1/1980 when a ZIP cannot hold it).

    ``fill`` maps an entry's name to what writes it in full from what the package holds, piece by
    piece (a Word briefing's rows, kept apart while it was written): the pieces are compressed as
    they come, so the whole entry is never in memory, and the entry is the one ``writestr`` of
    their concatenation would write."""
    first, last = ZIP_YEARS
    day = day if first <= day.year <= last else date(first, 1, 1)  # never a crash over a stamp
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            pieces = (fill or {}).get(info.filename)
            if pieces is None:
                target.writestr(entry, source.read(info.filename))
                continue
            with target.open(entry, "w") as sink:
                for piece in pieces(source.read(info.filename)):
                    sink.write(piece)
    return out.getvalue()
