"""The one kind of Rich console dothi prints with: data is shown, never obeyed.

Rich reads ``[...]`` in a string as markup and ``:name:`` as an emoji, so a title such as
``[link=https://…]`` or ``[/]`` became a hyperlink or a crash: both are off. And whatever a
renderable holds, every piece of text is stripped of control characters just before it is written
(the styles Rich itself adds are separate segments and stay). Rich measures a control character
as zero columns wide, so dropping it keeps every table aligned.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from dothi.render.controls import for_terminal


class SafeConsole(Console):
    """A Console without markup or emoji codes, that writes no control character from the data."""

    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, emoji=False, **options)

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or not segment.text:
                yield segment
            else:
                yield Segment(for_terminal(segment.text), segment.style)
