"""Progress of a long rendering, for whoever shows it.

The Word writer reports each table it has written as (done, in all); the command line's spinner
(``cli/progress.Working``) listens while it is shown, so the count advances while a briefing of
10,000 items is set. Rendering stays a function of its input: with no listener, a tick does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

Listener = Callable[[int, int], None]
LISTENER: ContextVar[Listener | None] = ContextVar("dothi_render_listener", default=None)


def tick(done: int, total: int) -> None:
    """``done`` of ``total`` steps of the rendering are finished."""
    listener = LISTENER.get()
    if listener is not None:
        listener(done, total)
