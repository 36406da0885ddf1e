"""``dothi members``: the group's roster by role, as of a date (members change over time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dothi.data.models import Member
from dothi.data.repository import Repository

ROLE_ORDER = ("leader", "deputy", "member", "invited")


@dataclass(frozen=True)
class Roster:
    """The group's members on a day, by role, as ``dothi members`` lists them."""

    group: str
    as_of: date
    by_role: tuple[tuple[str, tuple[Member, ...]], ...]


def roster(repo: Repository, as_of: date) -> Roster:
    present = repo.members_on(as_of)
    groups = tuple(
        (role, tuple(m for m in present if m.role == role))
        for role in ROLE_ORDER
        if any(m.role == role for m in present)
    )
    return Roster(repo.members.group.name, as_of, groups)
