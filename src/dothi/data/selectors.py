"""Who an ``each`` list names: ids as written, and selectors (``@ministries``, ``@localities``…).

One rule, read by two callers that see the data in two shapes: the cross-file checks, from the
loader's raw values (so a file with one invalid field is still checked), and the repository,
from the validated models, for the reports. Each caller says what there is to choose from
(:class:`Directory`); this module alone says what each selector chooses, so a task's assignees
are the same when ``validate`` checks its responses and when ``status`` counts its items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

# The kinds of locality each locality selector names (SPEC §2: ``kind`` is city or province).
LOCALITY_KINDS: Mapping[str, frozenset[str]] = {
    "@localities": frozenset({"city", "province"}),
    "@cities": frozenset({"city"}),
    "@provinces": frozenset({"province"}),
}
MINISTRY = "ministry"


class Membership(Protocol):
    """A member as ``@members`` sees it: the organization it sits for, and when."""

    @property
    def org(self) -> str: ...

    def active_on(self, day: date) -> bool: ...


@dataclass(frozen=True)
class Directory:
    """What selectors choose from.

    ``localities`` and ``organizations`` map an id to its ``kind``, in the order a list should
    show them; ``members`` are the group's memberships over time.
    """

    localities: Mapping[str, str]
    organizations: Mapping[str, str]
    members: Sequence[Membership]


def expand(each: Iterable[str], directory: Directory, day: date | None) -> list[str]:
    """Every assignee ``each`` names, once each, in the order named; ``@members`` counts the
    organizations with a member on ``day``, the day the task was assigned (None: ever).

    An id stands for itself, and so does a selector dothi does not know: the reference check
    reports it, and an assignee list is never silently emptied by a typo.
    """
    found: dict[str, None] = {}
    for entry in each:
        for ident in _selected(entry, directory, day):
            found.setdefault(ident)
    return list(found)


def _selected(entry: str, directory: Directory, day: date | None) -> Iterable[str]:
    kinds = LOCALITY_KINDS.get(entry)
    if kinds is not None:
        return [ident for ident, kind in directory.localities.items() if kind in kinds]
    if entry == "@ministries":
        return [ident for ident, kind in directory.organizations.items() if kind == MINISTRY]
    if entry == "@members":
        return [m.org for m in directory.members if day is None or m.active_on(day)]
    return [entry]
