"""Why an edit was not made: said to the user, never a traceback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dothi.problem import Text

if TYPE_CHECKING:
    from dothi.data.repository import LoadResult


class EditError(Exception):
    """An edit refused before anything was written (exit 1, or 2 for a usage error)."""

    def __init__(self, text: Text, usage: bool = False) -> None:
        super().__init__(text.key)
        self.text = text
        self.usage = usage


class Invalid(Exception):
    """The file as the edit would leave it has errors the repository did not have (exit 1)."""

    def __init__(self, result: LoadResult, new_errors: int) -> None:
        super().__init__("invalid")
        self.result = result
        self.new_errors = new_errors
