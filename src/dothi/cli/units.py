"""Ministries, agencies and localities named on the command line as people write them.

``status`` filters by them and ``request`` writes to them: a unit is given by its id or by the
name the tables print (BXD, Hà Nội), in any case and with or without diacritics, and a name that
matches nothing is a usage error that suggests the nearest one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NoReturn

from dothi.cli.context import Session
from dothi.problem import Text

if TYPE_CHECKING:
    from dothi.data.repository import Repository


def all_units(repo: Repository) -> list[str]:
    """Every organization and locality id, organizations first."""
    return [*repo.organizations, *repo.localities]


def named_units(
    session: Session, kind: str, given: Iterable[str], repo: Repository, known: list[str]
) -> list[str]:
    """The ids of the leads or localities given as the tables print them (BXD, Hà Nội) or by id,
    in any case and with or without diacritics; a usage error naming the nearest id otherwise."""
    import difflib

    from dothi.text import fold

    aliases: dict[str, str] = {}
    for ident in known:  # an id first: a short name never hides another unit's id
        aliases.setdefault(fold(ident), ident)
    for ident in known:
        for name in (repo.short_name_of(ident), repo.name_of(ident)):
            aliases.setdefault(fold(name), ident)
    found: list[str] = []
    for written in given:
        ident = written if written in known else aliases.get(fold(written), "")
        if not ident:
            close = difflib.get_close_matches(fold(written), list(aliases), n=1, cutoff=0.6)
            _unknown(session, kind, written, aliases[close[0]] if close else None)
        found.append(ident)
    return list(dict.fromkeys(found))  # a unit given twice, or by id and by name, is meant once


def _unknown(session: Session, kind: str, written: str, nearest: str | None) -> NoReturn:
    """Refuse a unit no id or name matches, naming the id of the nearest one (exit 2)."""
    suggestion = session.t("usage.did_you_mean", suggestion=nearest) if nearest else ""
    text = Text.of("usage.unknown_id", kind_key=f"kind.{kind}", id=written, suggestion=suggestion)
    session.usage_error(text)
