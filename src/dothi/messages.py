"""The one door to the message catalogue: every user-facing sentence and label, by key.

The texts live in ``locale/vi.toml`` and ``locale/en.toml``, where a translator reviews them.
Renderers ask for text by key; no other module holds a user-facing string. A key missing from a
language falls back to English and then to the key itself, so a forgotten translation shows up
in review instead of crashing a meeting's briefing. Numbers and dates are written here too, by
the rules of each language.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from string import Formatter
from typing import Protocol

from dothi.calendar.dates import format_day_first
from dothi.problem import Text

LANGUAGES = ("vi", "en")
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DEFAULT_LANGUAGE = "vi"
LOCALE = Path(__file__).parent / "locale"  # not importlib.resources: 25 ms at every start


def chosen_language(option: str | None, environ: Mapping[str, str]) -> str:
    """``--lang``, else ``DOTHI_LANG``, else Vietnamese: as written, for the caller to check."""
    return option or environ.get("DOTHI_LANG") or DEFAULT_LANGUAGE


class ParsedTexts(Protocol):
    """Where a run keeps a catalogue once parsed (``cache.TextStore``), by language and bytes."""

    def get(self, lang: str, raw: bytes) -> dict[str, str] | None: ...

    def put(self, lang: str, raw: bytes, texts: dict[str, str]) -> None: ...


# Set by the command line for the run (``cli.main``): parsing a catalogue's TOML, with tomllib's
# import, took 25-35 ms of every run, a tenth of a warm ``status``.
KEPT: ParsedTexts | None = None


@functools.cache
def catalogue(lang: str) -> Mapping[str, str]:
    """The texts of one language by key, from ``locale/<lang>.toml`` inside the package.

    The texts are data a translator reviews, one file per language; a test keeps the two files'
    keys and placeholders the same. They are read once, when the first text is asked for; a
    catalogue parsed by an earlier run from the same bytes is taken from ``KEPT``.
    """
    raw = (LOCALE / f"{lang}.toml").read_bytes()
    found = KEPT.get(lang, raw) if KEPT is not None else None
    if found is not None:
        return found
    import tomllib

    parsed = tomllib.loads(raw.decode("utf-8"))
    if KEPT is not None:
        KEPT.put(lang, raw, parsed)
    return parsed


def data_text(key: str, /, **params: object) -> str:
    """Text that stands in for data (an item's title), so Vietnamese like the data it sits beside."""
    return Catalogue("vi").get(key, **params)


class Catalogue:
    """Looks texts up in one language, and writes numbers and dates as that language does."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._texts = catalogue(self.lang)

    @property
    def texts(self) -> Mapping[str, str]:
        """Every text of this language by key, for a caller that must know whether one exists."""
        return self._texts

    def get(self, key: str, /, **params: object) -> str:
        if self.lang == "en" and any(str(params.get(n)) == "1" for n in ("count", "days")):
            key = key + ".one" if key + ".one" in self._texts else key
        template = self._texts.get(key) or catalogue("en").get(key, key)
        return _format(template, {name: str(value) for name, value in params.items()})

    def number(self, value: int) -> str:
        """21.914 in Vietnamese, 21,914 in English (SPEC §4)."""
        written = f"{value:,}"
        return written.replace(",", ".") if self.lang == "vi" else written

    def decimal(self, value: float) -> str:
        """2,5 in Vietnamese, 2.5 in English; whole numbers without decimals."""
        if float(value).is_integer():
            return self.number(int(value))
        written = f"{value:,.3f}".rstrip("0")
        if self.lang == "vi":
            written = written.replace(",", " ").replace(".", ",").replace(" ", ".")
        return written

    def percent(self, fraction: float | None) -> str:
        """98,62% in Vietnamese, 98.62% in English; a dash when there is nothing to divide."""
        if fraction is None:
            return self.get("value.none")
        written = f"{fraction * 100:,.2f}"
        if self.lang == "vi":
            written = written.replace(",", " ").replace(".", ",").replace(" ", ".")
        return written + "%"

    def score(self, value: int | None) -> str:
        """A plan's score, or a dash when no section is required (nothing to score)."""
        return self.get("value.none") if value is None else str(value)

    def day(self, value: date | None) -> str:
        """Day first, as Vietnamese documents write it (5/6/2025 is 5 June); ISO in English."""
        if value is None:
            return self.get("value.none")
        return format_day_first(value) if self.lang == "vi" else value.isoformat()

    def written_day(self, value: date) -> str:
        """A date inside a sentence of a document people read (a letter, a form, a briefing):
        day first in Vietnamese, as ``day`` writes it (1/12/2026); written out in English
        ("1 December 2026"), where the ISO form of the tables reads as a code in a sentence."""
        if self.lang == "vi":
            return format_day_first(value)
        return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"

    def dateline(self, value: date) -> str:
        """Decree 30's date line: "Hà Nội, ngày 05 tháng 8 năm 2025" (days below 10 and months 1–2 padded)."""
        if self.lang == "vi":
            month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
            return f"{self.get('brief.place')}, ngày {value.day:02d} tháng {month} năm {value.year}"
        return f"{self.get('brief.place')}, {self.written_day(value)}"

    def text(self, text: Text) -> str:
        """Fill a Text; ``entity`` ("task:t4") and ``*_key`` params are themselves translated."""
        params = dict(text.params)
        for name, value in text.params:
            if name.endswith("_key"):
                params[name.removesuffix("_key")] = self.get(value, **dict(text.params))
        kind, _, ident = params.get("entity", "").partition(":")
        params["entity"] = self.get(f"entity.{kind}", id=ident) if kind else ""
        return self.get(text.key, **params)


class _Lenient(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, params: Mapping[str, str]) -> str:
    """Fill a template; an unknown placeholder stays visible rather than raising."""
    return Formatter().vformat(template, (), _Lenient(params))
