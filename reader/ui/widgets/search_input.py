"""SearchInput: the search box, without a screen layout pass on every keystroke."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchInput(Input):
    """An Input whose growing text repaints the box only.

    Input sets its virtual size (text width + 1) on each change, a reactive that asks
    for a layout pass of the whole screen: 25-55 ms here at 160×45, the larger part of
    a keystroke's budget. The box has a fixed size, so only its scrolling depends on the
    text width: that is updated directly.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)

    def watch_virtual_size(self, size: Size) -> None:
        self._scroll_update(size)
