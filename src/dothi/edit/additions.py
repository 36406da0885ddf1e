"""What the ``add`` commands write: a new task, directive, organization, membership or locality.

Apart from the edits of an item (``changes``), which every ``done`` and ``update`` imports: an
edit run pays for every dataclass it defines (3.7 M instructions each on Python 3.11), and
these five are only the ``add`` commands'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from dothi.calendar.dates import format_day_first
from dothi.edit.document import Document, add_to_list, mapping
from dothi.edit.errors import EditError
from dothi.problem import Text


@dataclass(frozen=True)
class NewTask:
    """A task as ``dothi add task`` writes it, from the command's options."""

    ident: str
    title: str
    lead: str | None
    support: tuple[str, ...]
    each: tuple[str, ...]
    deadline: str | None


def add_task(doc: Document, task: NewTask) -> None:
    if doc.entity("tasks", task.ident) is not None:
        raise EditError(Text.of("edit.exists", id=task.ident, path=doc.relative))
    entry = mapping(
        id=task.ident,
        title=task.title,
        lead=task.lead,
        support=_flow(task.support),
        each=_flow(task.each),
        deadline=task.deadline,
    )
    add_to_list(doc.data, "tasks", entry)


def _flow(values: tuple[str, ...]) -> Any:
    """A short list of ids written on one line, as people write them: [bkhcn, bca]."""
    if not values:
        return None
    written = CommentedSeq(values)
    written.fa.set_flow_style()
    return written


@dataclass(frozen=True)
class NewDirective:
    """A directive's header as ``dothi add directive`` writes it in a new file."""

    number: str
    kind: str
    day: date
    issuer: str
    subject: str
    assigned_on: date | None = None


def new_directive(relative: str, directive: NewDirective) -> Document:
    doc = Document.new(relative, CommentedMap())
    header = mapping(
        number=directive.number,
        kind=directive.kind,
        date=format_day_first(directive.day),
        assigned_on=format_day_first(directive.assigned_on) if directive.assigned_on else None,
        issuer=directive.issuer,
        subject=directive.subject,
    )
    doc.data["directive"] = header
    return doc


@dataclass(frozen=True)
class NewOrganization:
    """An organization as ``dothi add org`` writes it in members.yaml."""

    ident: str
    name: str
    kind: str
    short: str | None = None


def add_organization(doc: Document, org: NewOrganization) -> None:
    """Add an organization to members.yaml (``dothi add org``)."""
    if doc.entity("organizations", org.ident) is not None:
        raise EditError(Text.of("edit.exists", id=org.ident, path=doc.relative))
    entry = mapping(id=org.ident, name=org.name, short=org.short, kind=org.kind)
    add_to_list(doc.data, "organizations", entry)


@dataclass(frozen=True)
class NewMember:
    """A membership as ``dothi add member`` writes it in members.yaml."""

    ident: str
    name: str
    title: str
    role: str
    org: str
    since: date | None = None
    email: str | None = None
    phone: str | None = None


def add_member(doc: Document, member: NewMember) -> None:
    """Add a membership to members.yaml (``dothi add member``)."""
    if doc.entity("members", member.ident) is not None:
        raise EditError(Text.of("edit.exists", id=member.ident, path=doc.relative))
    entry = mapping(
        id=member.ident,
        name=member.name,
        title=member.title,
        role=member.role,
        org=member.org,
        since=doc.day(member.since, "since") if member.since else None,
        email=member.email,
        phone=member.phone,
    )
    add_to_list(doc.data, "members", entry)


@dataclass(frozen=True)
class NewLocality:
    """A locality as ``dothi add locality`` writes it in a new file."""

    name: str
    code: str
    kind: str


def new_locality(relative: str, locality: NewLocality) -> Document:
    """A new locality file (``dothi add locality``): its code quoted, as codes such as "01" must be."""
    doc = Document.new(relative, CommentedMap())
    code = DoubleQuotedScalarString(locality.code)
    doc.data.update(mapping(name=locality.name, code=code, kind=locality.kind))
    return doc
