"""YAML anchors: an edit must not reach, through an alias, what the user did not name (issue 21).

``&base`` on one task and ``<<: *base`` (or ``*base``) in another make both one node of the
round-trip tree, and ruamel writes the anchor back with whatever the edit put into it: marking
one task done would mark the other done too. So before a change every node that the file
reaches in more than one way (by an alias or a merge) is noted with what it holds, and after it
a change to any of them is refused, naming the anchor and the entity that shares it.

Refusing is chosen over breaking the alias (writing the shared content out in full where it is
used): the anchor was written on purpose, undoing it rewrites lines the user did not ask to
change, and a refusal that names both places lets them decide how the file should read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq, merge_attrib

from dothi.edit.errors import EditError
from dothi.problem import Text

SHARED = "edit.shared"  # a refusal that names lines: said from the whole file, where they are

Node = CommentedMap | CommentedSeq
Place = tuple[Any, ...]  # the keys and indexes from the top of the file down to a node
ENTITY_LISTS = {"tasks": "kind.task", "roadmap": "kind.milestone"}


@dataclass
class _Survey:
    """Every node of a tree once, with each place it appears and the maps that merge it."""

    places: dict[int, list[Place]] = field(default_factory=dict)
    nodes: dict[int, Node] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict)
    merged_by: dict[int, list[Place]] = field(default_factory=dict)

    def shared(self) -> list[int]:
        """The nodes written once and used again elsewhere, in the file's order."""
        return [ident for ident, seen in self.places.items() if len(seen) > 1 or ident in self.merged_by]

    def users(self, ident: int) -> list[Place]:
        """The places that use a shared node, besides the one that defines it."""
        return [*self.places[ident][1:], *self.merged_by.get(ident, [])]


def _inside(node: Node, place: Place) -> list[tuple[Place, Node]]:
    """The node's own child collections (not those a “<<” merge brings in), in the file's order."""
    items = node.non_merged_items() if isinstance(node, CommentedMap) else enumerate(node)
    return [((*place, key), value) for key, value in items if isinstance(value, CommentedMap | CommentedSeq)]


def _survey(data: Node) -> _Survey:
    """Walk the tree in the file's order; a node met again is recorded, not walked again."""
    survey = _Survey()
    stack: list[tuple[Place, Node]] = [((), data)]
    while stack:
        place, node = stack.pop()
        ident = id(node)
        if ident in survey.places:
            survey.places[ident].append(place)
            continue
        survey.places[ident], survey.nodes[ident] = [place], node
        inner = _inside(node, place)
        survey.children[ident] = [id(child) for _, child in inner]
        for source in getattr(node, merge_attrib, []):
            survey.merged_by.setdefault(id(source), []).append(place)
        stack.extend(reversed(inner))
    return survey


def _content(node: Node) -> tuple[Any, ...]:
    """What a node holds itself: its values, a child collection standing for itself by identity."""
    items = node.non_merged_items() if isinstance(node, CommentedMap) else enumerate(node)
    own = tuple(
        (key, id(value) if isinstance(value, CommentedMap | CommentedSeq) else value) for key, value in items
    )
    return own + tuple(id(source) for source in getattr(node, merge_attrib, []))


@dataclass(frozen=True)
class Watch:
    """The shared nodes of a tree (and all inside them), each with what it held before a change."""

    survey: _Survey
    before: dict[int, tuple[Node, int, tuple[Any, ...]]]  # node -> (node, its shared root, content)


def watch(data: Node) -> Watch:
    survey = _survey(data)
    before: dict[int, tuple[Node, int, tuple[Any, ...]]] = {}
    for root in survey.shared():
        pending = [root]
        while pending:
            ident = pending.pop()
            if ident not in before:
                node = survey.nodes[ident]
                before[ident] = (node, root, _content(node))
                pending.extend(survey.children[ident])
    return Watch(survey, before)


def refuse_spread(relative: str, data: Node, watched: Watch) -> None:
    """Refuse (exit 2) a change that altered a node another place of the file shares."""
    for node, root, content in watched.before.values():
        if _content(node) != content:
            raise EditError(_spread(relative, data, watched.survey, root), usage=True)


def _spread(relative: str, data: Node, survey: _Survey, root: int) -> Text:
    shared = survey.nodes[root]
    owner_kind, owner = _entity(data, survey.places[root][0])
    user_place = min(survey.users(root), key=lambda place: _line(data, place))
    user_kind, user = _entity(data, user_place)
    return Text.of(
        SHARED,
        path=relative,
        anchor=shared.anchor.value or "",
        line=shared.lc.line + 1,
        owner_kind_key=owner_kind,
        owner=owner,
        user_kind_key=user_kind,
        user=user,
        user_line=_line(data, user_place),
    )


def _entity(data: Node, place: Place) -> tuple[str, str]:
    """The task or milestone holding ``place`` (kind key, id), or else the top-level key."""
    if len(place) >= 2 and place[0] in ENTITY_LISTS:
        item = data[place[0]][place[1]]
        if isinstance(item, CommentedMap) and item.get("id") is not None:
            return ENTITY_LISTS[place[0]], str(item["id"])
    return "edit.key", str(place[0]) if place else ""


def _line(data: Node, place: Place) -> int:
    """The 1-based line where ``place`` is written (its key, or its item's dash)."""
    container: Any = data
    for key in place[:-1]:
        container = container[key]
    if not place:
        return 1
    try:
        if isinstance(container, CommentedMap):
            return int(container.lc.key(place[-1])[0]) + 1
        return int(container.lc.item(place[-1])[0]) + 1
    except (KeyError, IndexError, TypeError):
        return int(container.lc.line) + 1
