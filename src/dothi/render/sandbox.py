"""The fence around the data repository's templates: what they may read, how long and how much.

A template comes from the data repository, so from anyone who can open a pull request, and runs in
CI. Jinja2's sandbox stops it from reaching Python's internals; this module adds the rest:

- it reads templates only from inside ``templates/``: a symbolic link (or a link to a folder) that
  leads elsewhere is refused before it is read, as ``..`` already is;
- it runs for a bounded time: every loop iteration, every call and every element of a ``range``
  counts a step against a step budget and a wall-clock deadline (the clock is given by the caller,
  so nothing here reads it on its own);
- it writes a bounded amount: the page is streamed and counted, and the operators that multiply
  sizes (``*`` on a string or a list, ``**``) are refused beyond the same bound.

Exceeding a bound raises :class:`RenderLimit`, which the briefing turns into a message naming the
template.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from jinja2 import FileSystemLoader, nodes
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

TICK = "_dothi_tick"  # the call put at the top of every loop body


@dataclass(frozen=True)
class Limits:
    """How much one page may cost: seconds on ``clock``, steps (loop turns, calls) and characters."""

    clock: Callable[[], float]
    seconds: float = 20.0
    steps: int = 5_000_000
    characters: int = 32_000_000


class RenderLimit(Exception):
    """A template ran past a bound: ``kind`` is "time" (seconds or steps) or "size" (characters)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class OutsideTemplates(Exception):
    """A template name that leads outside the templates folder (not a TemplateNotFound on purpose:
    the built-in templates must not be tried instead, the user must hear why)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class ConfinedLoader(FileSystemLoader):
    """Templates from one folder, never from a file that resolves outside it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder.resolve()

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = Path(self.folder, *split_template_path(template))  # "..": TemplateNotFound
        if os.path.lexists(path) and not path.resolve().is_relative_to(self.folder):
            raise OutsideTemplates(template)
        return super().get_source(environment, template)


class TickingRange(Sequence[int]):
    """``range`` for templates: the sandbox's bounded length, and a step counted per element."""

    def __init__(self, numbers: range, tick: Callable[[], None]) -> None:
        self.numbers, self.tick = numbers, tick

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> TickingRange: ...
    def __getitem__(self, index: int | slice) -> int | TickingRange:
        if isinstance(index, slice):
            return TickingRange(self.numbers[index], self.tick)
        return self.numbers[index]

    def __iter__(self) -> Iterator[int]:
        for number in self.numbers:
            self.tick()
            yield number

    def __repr__(self) -> str:
        return repr(self.numbers)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with every render bounded by :class:`Limits`."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, limits: Limits, **options: Any) -> None:
        super().__init__(optimized=False, **options)  # no constant folding: all work happens in render
        self.limits = limits
        self.deadline = math.inf
        self.steps = 0
        self.globals.update({"range": self.range, TICK: str})

    def start(self) -> None:
        """A new page: a fresh budget of time and steps."""
        self.deadline = self.limits.clock() + self.limits.seconds
        self.steps = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps > self.limits.steps or self.limits.clock() > self.deadline:
            raise RenderLimit("time")

    def range(self, *args: int) -> TickingRange:
        return TickingRange(safe_range(*args), self.tick)

    def stream(self, chunks: Iterator[str]) -> str:
        """Join a render's output, stopping it once it has run too long or written too much."""
        parts, size = [], 0
        for chunk in chunks:
            size += len(chunk)
            if size > self.limits.characters:
                raise RenderLimit("size")
            self.tick()
            parts.append(chunk)
        return "".join(parts)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.tick()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        if _cost(operator, left, right) > self.limits.characters:
            raise RenderLimit("size")
        return super().call_binop(context, operator, left, right)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then make every loop body start with a call, so even an empty loop counts steps."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.body.insert(0, nodes.ExprStmt(nodes.Call(nodes.Name(TICK, "load"), [], [], None, None)))
        return tree


def _cost(operator: str, left: Any, right: Any) -> float:
    """The size of what ``left operator right`` would make: elements of a repeated sequence, or
    the bits of a power (a number of a million digits is as bad as a string of a million letters)."""
    if operator == "*":
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and isinstance(count, int):
                return len(sequence) * count
        return 0
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        return abs(left).bit_length() * right / 8
    return 0
