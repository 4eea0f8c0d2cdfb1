"""ReaderApp: the terminal reader (a first version: headline list and article pane)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from reader.config import Config
from reader.library import Item, ItemSummary, Library
from reader.ui.safe import plain, styled

LIST_LIMIT = 2000  # the first version lists the newest items only


def _row(item: ItemSummary) -> Content:
    marker = "●" if not item.read else " "
    kind = "A" if item.kind == "article" else "H"
    return Content.assemble(
        f"{marker} {kind} ", plain(item.title), "  ", styled(item.source, "dim")
    )


def _article(item: Item) -> Content:
    parts: list[Content | str] = [styled(item.title, "bold"), "\n"]
    meta = " · ".join(
        part
        for part in (
            item.source,
            item.published.date().isoformat() if item.published else None,
            f"by {item.author}" if item.author else None,
        )
        if part
    )
    parts.append(styled(meta, "dim"))
    if item.tags:
        parts.append(styled("\n" + " ".join(f"#{tag}" for tag in item.tags), "italic"))
    for block in item.blocks:
        parts.append("\n\n")
        parts.append(styled(block.text, "bold underline") if block.heading else plain(block.text))
    return Content.assemble(*parts)


class ReaderApp(App[int]):
    """Browse the library: items on the left, the selected one on the right."""

    TITLE = "reader"
    CSS = """
    #items { width: 45%; min-width: 30; }
    #article-pane { padding: 0 1; }
    #empty { padding: 1 2; }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit", priority=True, id="quit"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, library_path: Path, *, config: Config, greeting: str | None = None) -> None:
        super().__init__()
        self.library_path = library_path
        self.config = config
        self._greeting = greeting
        self._library = Library.open(library_path)
        self._ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield Header()
        items = self._library.list_items(limit=LIST_LIMIT)
        self._ids = [item.id for item in items]
        with Horizontal():
            yield OptionList(*(Option(_row(item)) for item in items), id="items", markup=False)
            with VerticalScroll(id="article-pane"):
                yield Static(self._empty_text(), id="article")
        yield Footer()

    def _empty_text(self) -> Content:
        if self._ids:
            return Content("Select an item to read it.")
        return Content(
            "The library is empty.\n\nImport files with:  reader import PATH...\n"
            "(text dumps, RSS/Atom/JSON feeds, saved HTML pages, OPML)"
        )

    def on_mount(self) -> None:
        self.sub_title = str(self.library_path)
        if self._greeting:
            self.notify(self._greeting, markup=False, timeout=8)

    def on_unmount(self) -> None:
        self._library.close()

    @on(OptionList.OptionHighlighted, "#items")
    def show_item(self, event: OptionList.OptionHighlighted) -> None:
        item = self._library.get_item(self._ids[event.option_index])
        self.query_one("#article", Static).update(_article(item))

    def action_cursor(self, delta: int) -> None:
        items = self.query_one("#items", OptionList)
        if delta > 0:
            items.action_cursor_down()
        else:
            items.action_cursor_up()
