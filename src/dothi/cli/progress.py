"""A progress bar for loading a large repository, on stderr, and only when it is worth one.

A bar that flashes up for a tenth of a second is noise, and one that lands in a script's output
or a CI log is worse: it appears only on a terminal, once loading has taken a second.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

DELAY = 1.0  # seconds of loading before the bar appears


class LoadingBar:
    """Called after each file with (files done, files in all); close() removes the bar."""

    def __init__(self, console: Console, label: str, delay: float = DELAY) -> None:
        self.console, self.label, self.delay = console, label, delay
        self.started = time.monotonic()
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            self._start(total)
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=done)

    def _start(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


class Working:
    """A sign of life for one long step that reports no progress of its own (rendering the Word
    briefing): a spinner, what is being done and the time it has taken, on stderr, once the step
    has taken ``delay`` seconds; ``step`` names the next one; close() removes it.

    A timer thread starts the spinner, so a step that ends in time shows nothing at all. While it
    lives it listens to the rendering's ticks (``render/ticks.py``: the Word writer's tables) and
    shows them as a count after the label.
    """

    def __init__(self, console: Console, label: str, delay: float = DELAY) -> None:
        import threading

        self.console = console
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.label = label
        self.closed = False
        self.lock = threading.Lock()
        self.count = ""
        self.timer = threading.Timer(delay, self._start)
        self.timer.daemon = True
        self.timer.start()
        from dothi.render.ticks import LISTENER

        self.listening = LISTENER.set(self.advance)

    def step(self, label: str) -> None:
        with self.lock:
            self.label = label
            if self.bar is not None and self.task is not None:
                self.bar.update(self.task, description=label)

    def advance(self, done: int, total: int) -> None:
        """``done`` of ``total`` parts of the step are finished: shown as "done/total"."""
        with self.lock:
            self.count = f"{done}/{total}"
            if self.bar is not None and self.task is not None:
                self.bar.update(self.task, count=self.count)

    def _start(self) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self.lock:
            if self.closed:  # the step ended while the timer fired
                return
            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TextColumn("{task.fields[count]}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=None, count=self.count)

    def close(self) -> None:
        self.timer.cancel()
        from dothi.render.ticks import LISTENER

        try:
            LISTENER.reset(self.listening)
        except (ValueError, RuntimeError):  # closed twice, or from another context than its own
            LISTENER.set(None)
        with self.lock:
            self.closed = True
            if self.bar is not None:
                self.bar.stop()
                self.bar = None
