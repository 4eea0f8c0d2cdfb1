"""NavPane: views, saved searches, sources and tags, each with counts."""

from __future__ import annotations

from contextlib import suppress

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.ui.safe import plain, styled
from reader.ui.views import NavEntry


def _heading(text: str) -> Option:
    return Option(Content.styled(text, "bold $text-muted"), disabled=True)


def _entry_prompt(entry: NavEntry, width: int = 26) -> Content:
    label = entry.view.label
    figure = str(entry.count) if entry.unread is None else f"{entry.unread}/{entry.count}"
    if entry.more:
        figure += "+"
    room = max(4, width - len(figure) - 1)
    if len(label) > room:
        label = label[: room - 1] + "…"
    return Content.assemble(plain(label), " " * (width - len(label) - len(figure)),
                            styled(figure, "$text-muted"))  # fmt: skip


class NavPane(OptionList):
    """Picking an entry posts OptionList.OptionSelected with the view's key as option id."""

    DEFAULT_CSS = """
    NavPane { width: 32; border: none; border-right: vkey $panel; height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def fill(self, sections: list[tuple[str, list[NavEntry]]], current: str) -> None:
        """Rebuild the entries, keeping the highlight on the current view."""
        options: list[Option | None] = []
        for title, entries in sections:
            if not entries:
                continue
            if options:
                options.append(None)
            options.append(_heading(title))
            options.extend(Option(_entry_prompt(e), id=e.view.key) for e in entries)
        self.clear_options()
        self.add_options(options)
        self.highlight_key(current)

    def highlight_key(self, key: str) -> None:
        # A view that is gone (a deleted tag) keeps the highlight where it was.
        with suppress(OptionDoesNotExist):
            self.highlighted = self.get_option_index(key)
