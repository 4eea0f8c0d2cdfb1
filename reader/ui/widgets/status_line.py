"""StatusLine: one line of state (view, counts, search timing) that repaints without layout."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class StatusLine(Widget):
    """Unlike Static.update, update() here never asks for a layout pass: the line's size is
    fixed, and a layout pass per keystroke costs more than the search itself."""

    DEFAULT_CSS = """
    StatusLine { height: 1; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")

    def update(self, content: Content) -> None:
        self._content = content
        self.refresh()

    def render(self) -> Content:
        return self._content
