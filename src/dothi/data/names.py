"""What a listing of items names: organizations, localities, documents and tasks, by id.

A listing of items (``dothi status``) prints a lead's name, a directive's number and the title of
a task another waits for; that, the repository's notice and its ids for the filters is all it
reads of the repository. Held apart as plain values, it can be kept with a day's items and read
back by a run that imports neither the models nor Pydantic (``cli/quick``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dothi.data.repository import Repository

LOCALITY_PREFIXES = ("Thành phố ", "Tỉnh ")


def short_locality_name(name: str) -> str:
    """Hà Nội for “Thành phố Hà Nội”, Cao Bằng for “Tỉnh Cao Bằng”: a locality where a column is narrow."""
    for prefix in LOCALITY_PREFIXES:
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


@dataclass(frozen=True)
class Names:
    """The names of one repository's bodies and documents, by id (see the module's docstring)."""

    names: Mapping[str, str]  # every organization's and locality's name
    short_names: Mapping[str, str]  # what fits a table column: "BXD", "Hà Nội"
    documents: Mapping[str, tuple[str | None, str]]  # each directive's number and subject
    task_titles: Mapping[str, str]  # tasks by title (all of them, or those kept: see ``keeping``)
    organizations: tuple[str, ...] = ()
    localities: tuple[str, ...] = ()
    notice: str | None = None

    def name_of(self, ident: str) -> str:
        """A lead or assignee by name, as briefings print it."""
        return self.names.get(ident, ident)

    def short_name_of(self, ident: str) -> str:
        """BXD, Hà Nội: what fits a table column (a locality without its "Tỉnh"/"Thành phố")."""
        return self.short_names.get(ident, ident)

    def number_of(self, directive: str) -> str | None:
        found = self.documents.get(directive)
        return found[0] if found else None

    def document_of(self, directive: str) -> str:
        """A directive as a listing names it: by its number, or without one by its subject
        (trích yếu), never by its id."""
        number, subject = self.documents[directive]
        return number or subject

    @property
    def directives(self) -> tuple[str, ...]:
        return tuple(self.documents)

    def keeping(self, titles: Mapping[str, str]) -> Names:
        """These names with the task titles ``titles`` only (of the tasks some item waits for):
        what is kept beside a day's items, where every task's title would double the file."""
        return replace(self, task_titles=dict(titles))


class _TaskTitles(Mapping[str, str]):
    """Every task's title, looked up the first time one is asked for: most listings ask none,
    and a repository read back from the snapshot unpickles its tasks only when one is."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    @cached_property
    def _titles(self) -> dict[str, str]:
        return {task.id: task.title for _, task in self.repo.tasks()}

    def __getitem__(self, ident: str) -> str:
        return self._titles[ident]

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles)

    def __len__(self) -> int:
        return len(self._titles)


def names_of(repo: Repository) -> Names:
    """The names ``repo`` gives its bodies and documents."""
    organizations = repo.organizations
    names = {ident: org.name for ident, org in organizations.items()}
    names |= {ident: locality.data.name for ident, locality in repo.localities.items()}  # first
    short = {ident: short_locality_name(locality.data.name) for ident, locality in repo.localities.items()}
    for ident, org in organizations.items():  # an organization's own short name first
        if org.short or ident not in short:
            short[ident] = org.short or org.name
    return Names(
        names=names,
        short_names=short,
        documents={ident: (h.number, h.subject) for ident, h in repo.headers.items()},
        task_titles=_TaskTitles(repo),
        organizations=tuple(organizations),
        localities=tuple(repo.localities),
        notice=repo.settings.notice,
    )


__all__ = ["Names", "names_of", "short_locality_name"]
