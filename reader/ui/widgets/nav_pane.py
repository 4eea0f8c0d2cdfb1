"""NavPane: views, saved searches, sources and tags, each with counts."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
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
    """Picking an entry posts OptionList.OptionSelected with the view's key as option id.
    On a saved search, r renames it, e edits its search and d deletes it (the screen
    asks, through SavedSearchAction)."""

    DEFAULT_CSS = """
    NavPane { width: 32; border: none; border-right: vkey $panel; height: 1fr; }
    """
    BINDINGS = [
        Binding("r", "saved('rename')", "Rename", id="saved-rename"),
        Binding("e", "saved('edit')", "Edit search", id="saved-edit"),
        Binding("d,delete", "saved('delete')", "Delete", id="saved-delete"),
    ]

    @dataclass
    class SavedSearchAction(Message):
        """Rename, edit or delete the saved search `name`."""

        action: str
        name: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def action_saved(self, action: str) -> None:
        if self.highlighted is None:
            return
        key = self.get_option_at_index(self.highlighted).id or ""
        kind, _, name = key.partition(":")
        if kind == "saved" and name:
            self.post_message(self.SavedSearchAction(action, name))
        else:
            self.notify("r, e and d work on a saved search (⌕).", timeout=2)

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
