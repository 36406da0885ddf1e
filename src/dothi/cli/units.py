"""Ministries, agencies and localities named on the command line as people write them.

``status`` filters by them and ``request`` writes to them: a unit is given by its id or by the
name the tables print (BXD, Hà Nội), in any case and with or without diacritics, and a name that
matches nothing is a usage error that suggests the nearest one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NoReturn

from dothi.problem import Text

if TYPE_CHECKING:
    from dothi.cli.context import Session
    from dothi.data.names import Names


class UnknownUnit(Exception):
    """A unit (or a directive) of ``kind`` that no id or name matches, and the nearest id, if any."""

    def __init__(self, kind: str, written: str, nearest: str | None) -> None:
        super().__init__(written)
        self.kind, self.written, self.nearest = kind, written, nearest


def all_units(names: Names) -> list[str]:
    """Every organization and locality id, organizations first."""
    return [*names.organizations, *names.localities]


def units_named(kind: str, given: Iterable[str], names: Names, known: list[str]) -> list[str]:
    """The ids of the leads or localities given as the tables print them (BXD, Hà Nội) or by id,
    in any case and with or without diacritics; :class:`UnknownUnit` otherwise."""
    from dothi.text import fold

    aliases: dict[str, str] = {}
    for ident in known:  # an id first: a short name never hides another unit's id
        aliases.setdefault(fold(ident), ident)
    for ident in known:
        for name in (names.short_name_of(ident), names.name_of(ident)):
            aliases.setdefault(fold(name), ident)
    found: list[str] = []
    for written in given:
        ident = written if written in known else aliases.get(fold(written), "")
        if not ident:
            close = nearest(fold(written), list(aliases))
            raise UnknownUnit(kind, written, aliases[close] if close else None)
        found.append(ident)
    return list(dict.fromkeys(found))  # a unit given twice, or by id and by name, is meant once


def known_ids(kind: str, given: Iterable[str], known: Sequence[str]) -> list[str]:
    """The ids as given (a directive's), each once; :class:`UnknownUnit` naming the closest known one."""
    for ident in given:
        if ident not in known:
            raise UnknownUnit(kind, ident, nearest(ident, known))
    return list(dict.fromkeys(given))  # a repeated id is meant once


def nearest(ident: str, known: Sequence[str]) -> str | None:
    """The known id closest to a mistyped one, if one is close."""
    import difflib

    close = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_unit(session: Session, error: UnknownUnit) -> NoReturn:
    """Refuse a unit or id nothing matches, naming the nearest id (exit 2)."""
    suggestion = session.t("usage.did_you_mean", suggestion=error.nearest) if error.nearest else ""
    text = Text.of("usage.unknown_id", kind_key=f"kind.{error.kind}", id=error.written, suggestion=suggestion)
    session.usage_error(text)
