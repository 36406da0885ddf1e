"""Who an ``each`` list names: ids as written, and selectors (``@ministries``, ``@localities``…).

One rule, read by two callers that see the data in two shapes: the cross-file checks, from the
loader's raw values (so a file with one invalid field is still checked), and the repository,
from the validated models, for the reports. Each caller says what there is to choose from
(:class:`Directory`); this module alone says what each selector chooses, so a task's assignees
are the same when ``validate`` checks its responses and when ``status`` counts its items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
    ended: Mapping[str, date] = field(default_factory=dict)  # bodies that ended, and the day
    begun: Mapping[str, date] = field(default_factory=dict)  # bodies formed later, and the day

    def exists(self, ident: str, day: date | None) -> bool:
        """Whether ``ident`` is a body on ``day`` (None: ever): not before it began, nor from its end."""
        if day is None:
            return True
        since, until = self.begun.get(ident), self.ended.get(ident)
        return (since is None or since <= day) and (until is None or day < until)


@dataclass(frozen=True)
class Ending:
    """A body that ended (SPEC §9): the day, and who carries its work from then on."""

    until: date
    successors: tuple[str, ...]


def carrier(endings: Mapping[str, Ending], body: str, day: date) -> str:
    """Who carries ``body``'s open work on ``day``: itself while it exists, then its first
    successor, followed through later endings (a loop, which validation reports, stops)."""
    seen = {body}
    while (ending := endings.get(body)) is not None and ending.until <= day and ending.successors:
        following = ending.successors[0]
        if following in seen:
            break
        seen.add(following)
        body = following
    return body


def expand(each: Iterable[str], directory: Directory, day: date | None) -> list[str]:
    """Every assignee ``each`` names, once each, in the order named; ``@members`` counts the
    organizations with a member on ``day``, the day the task was assigned (None: ever). Selectors
    name only the bodies in existence on ``day``: a province merged away before it is not one.

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
        return [
            ident
            for ident, kind in directory.localities.items()
            if kind in kinds and directory.exists(ident, day)
        ]
    if entry == "@ministries":
        return [
            ident
            for ident, kind in directory.organizations.items()
            if kind == MINISTRY and directory.exists(ident, day)
        ]
    if entry == "@members":
        return [m.org for m in directory.members if day is None or m.active_on(day)]
    return [entry]
