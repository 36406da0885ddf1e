"""Text as received → paragraphs as the document has them.

Word files, PDF extractions and copies pasted from the web break lines inside sentences (the
shared source 003 even puts blank lines there). A line starts a new paragraph only where the
document's own structure says so: after a line that ends a sentence or a list item, at a
numbered or dashed point, at a header line (Số:, V/v, Kính gửi, Nơi nhận, place and date),
around lines in capitals (headings, the signer's post), and at a rule drawn under a title.
Everything else is joined with a space.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_RULE = re.compile(r"^[\s_\-=–—.*~]*$")  # "______", "-----": decoration under headings
_ENDS = (".", ":", ";", "!", "?", "./.", "…")
POINT = re.compile(
    r"^(?:(?P<roman>[IVX]{1,4})\.\s|(?P<number>\d{1,2})(?:\.\d{1,2})*\.\s"
    r"|(?P<letter>[a-zđ])\)\s?|(?P<dash>[-–+•])\s?)"
)
_STARTS = re.compile(
    r"^(?:Số\s*:|V/v\b|Về việc\b|Kính gửi\b|Nơi nhận\b|Căn cứ\b|Điều \d+\.|Ngày \d{1,2}(?: tháng |/)"
    r"|[A-ZĐ][^\d,.;:]{1,30}, ngày \d{1,2} tháng)",
)


def paragraphs(text: str) -> list[str]:
    """The document's paragraphs, NFC, spaces collapsed, decoration lines dropped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", _CONTROLS.sub(" ", line)).strip() for line in text.split("\n")]
    found: list[str] = []
    ended = False
    for line in lines:
        if line and _RULE.match(line):
            ended = True  # a rule under a heading or a title closes it
            continue
        if not line:
            continue
        if found and not ended and _continues(found[-1], line):
            found[-1] = f"{found[-1]} {line}"
        else:
            found.append(line)
        ended = False
    return found


def is_capitals(line: str) -> bool:
    """A heading or a post ("VĂN PHÒNG CHÍNH PHỦ", "KT. BỘ TRƯỞNG"): letters, all in capitals."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _continues(before: str, line: str) -> bool:
    """Whether ``line`` goes on the paragraph ``before`` (a hard line break inside a sentence)."""
    if before.endswith(_ENDS) or POINT.match(line) or _STARTS.match(line):
        return False
    return not (is_capitals(line) or is_capitals(before))
