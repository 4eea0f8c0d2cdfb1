"""ReaderScreen: navigation, the item list with search, and the reader pane.

The screen routes messages and keys; the work lives beside it: sidebar counts in
reader/ui/nav_counts.py, searching in search_runner.py, edits in item_writes.py (applied
by the one writer thread, writer.py), dialogs in screens/dialogs.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from reader.library import Library, LibraryError
from reader.model import LATER_TAG, Item, ItemFilter, ItemSummary
from reader.services.exporting import ExportFormat, write_items
from reader.state import SavedSearchError, delete_saved_search, rename_saved_search
from reader.ui import item_writes
from reader.ui.context import ReaderContext
from reader.ui.keymap_check import shown_keys
from reader.ui.messages import CompareReady, LibraryChanged, NavCounted, SearchFinished
from reader.ui.rows import FilterRows, IdRows
from reader.ui.safe import plain
from reader.ui.screens.dialogs import PickDialog, PromptDialog, TagSuggester, split_tags
from reader.ui.screens.help import HelpScreen
from reader.ui.search_runner import SearchRunner
from reader.ui.views import ALL, View
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.headline_list import HeadlineList
from reader.ui.widgets.nav_pane import NavPane
from reader.ui.widgets.search_input import SearchInput
from reader.ui.widgets.status_line import StatusLine
from reader.ui.writer import LibraryWriter, Write, WriteDone

PREVIEW_DELAY = 0.03  # seconds; below what the eye notices, after the list's next frame
SEARCHING_NOTICE_DELAY = 0.15  # seconds before the status line says "searching…"
SEARCH_WARM_UP_DELAY = 1.0  # seconds after opening: the first frame and counts come first
STACK_BELOW_WIDTH = 120  # narrower: the reader pane goes under the list
HIDE_NAV_BELOW_WIDTH = 90
EXPORT_SUFFIXES: dict[str, ExportFormat] = {
    ".md": "markdown",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
}


class ReaderScreen(Screen[None]):
    """The main screen. Widgets stay small: this screen routes their messages."""

    # The list has the focus from the start: focusing the sidebar first and then the
    # list rebuilt the footer twice while opening (about 150 ms each at 160 columns).
    AUTO_FOCUS = "#items"
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="search"),
        Binding("space", "page_reader", "Page", show=False, id="page-reader"),
        Binding("n", "next_unread(1)", "Next unread", show=False, id="next-unread"),
        Binding("p", "next_unread(-1)", "Prev unread", show=False, id="previous-unread"),
        Binding("t", "add_tags", "Tag", id="tag"),
        Binding("T", "remove_tag", "Untag", show=False, id="untag"),
        Binding("l", "toggle_later", "Later", id="later"),
        Binding("s", "toggle_star", "Star", id="star"),
        Binding("m", "toggle_read", "Read", show=False, id="read"),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("C", "story_view", "Story", show=False, id="story"),
        Binding("V", "select_story", "Select story", show=False, id="select-story"),
        Binding("D", "toggle_duplicates", "Copies", show=False, id="collapse-duplicates"),
        Binding("S", "save_search", "Save search", show=False, id="save-search"),
        Binding("o", "open_link", "Open link", show=False, id="open-link"),
        Binding("y", "copy_link", "Copy", show=False, id="copy"),
        Binding("e", "export_view", "Export", show=False, id="export"),
        Binding("R", "refresh", "Refresh", show=False, id="refresh"),
        Binding("z", "zoom", "Zoom", show=False, id="zoom"),
        Binding("b", "toggle_nav", "Sources", show=False, id="toggle-nav"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("i", "load_samples", "Sample library", show=False, id="load-samples"),
        Binding("escape", "escape", "Back", show=False),
    ]

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.ctx = context
        self.view: View = ALL
        self.query_text = ""
        self._searching_timer: Timer | None = None
        self._search = SearchRunner(context.library_path)
        self.writer = LibraryWriter(context.library_path, self._write_done)
        self._data_version = -1
        self._nav_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._state_timer: Timer | None = None
        self._story_sizes: dict[int, int] = {}
        self._shown_item_id: int | None = None
        self.shown_query = ""
        """The query whose results the list shows ("" when it shows a view)."""
        self._more_results = False

    def palette_bindings(self) -> list[Binding]:
        """The screen's actions offered in the command palette."""
        return [b for b in self.BINDINGS if isinstance(b, Binding) and b.id and b.description]

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield NavPane(id="nav")
            with Container(id="content"):
                with Vertical(id="list-pane"):
                    yield SearchInput(
                        placeholder='/ search: words, \'exact, "phrase", !not, tag:later …',
                        id="search",
                    )
                    yield HeadlineList(id="items")
                yield ArticleView(id="reader")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def items(self) -> HeadlineList:
        return self.query_one("#items", HeadlineList)

    @property
    def reader(self) -> ArticleView:
        return self.query_one("#reader", ArticleView)

    def on_mount(self) -> None:
        state = self.ctx.state
        self.view = View.from_key(state.view)
        self.set_class(not state.nav_visible, "-nav-hidden")
        self.set_class(state.reader_zoomed, "-zoom-reader")
        self._data_version = self.ctx.library.data_version()
        self.refresh_nav()
        self.show_view(self.view, keep_item=state.item_id)
        self._focus_shown_pane()
        self.set_interval(2.0, self._poll_library)
        self.set_timer(SEARCH_WARM_UP_DELAY, self._warm_up_search)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < STACK_BELOW_WIDTH, "-stacked")
        self.set_class(event.size.width < HIDE_NAV_BELOW_WIDTH, "-narrow")

    # ------------------------------------------------------------------ views
    def refresh_nav(self) -> None:
        """Recount the navigation pane in a worker: counting 100k items takes a while."""
        self._count_nav(dict(sorted(self.ctx.state.saved_searches.items())))

    @work(
        thread=True,
        exclusive=True,
        group="nav",
        description="count items for the sidebar",
        exit_on_error=False,
    )
    def _count_nav(self, saved_searches: dict[str, str]) -> None:
        # Imported here, in the worker: the search and story engines cost ~150 ms of
        # start-up at the top, before the first frame.
        from reader.ui.nav_counts import count_sections

        counted = count_sections(self.ctx.library_path, saved_searches)
        if not get_current_worker().is_cancelled:
            self.post_message(counted)

    @on(NavCounted)
    def fill_nav(self, message: NavCounted) -> None:
        self._story_sizes = message.story_sizes
        self.items.story_sizes = message.story_sizes
        self.items.refresh()
        self.query_one("#nav", NavPane).fill(message.sections, self.view.key)

    def schedule_nav_refresh(self) -> None:
        """Counts change with every toggle; recount once things settle."""
        if self._nav_timer is not None:
            self._nav_timer.stop()
        self._nav_timer = self.set_timer(0.4, self.refresh_nav)

    def show_view(self, view: View, *, keep_item: int | None = None) -> None:
        self.view = view
        if view.kind == "saved":
            query = self.ctx.state.saved_searches.get(view.value, "")
            self.query_one("#search", Input).value = query
            return  # the Changed handler runs the search
        if self.query_text:
            self.query_one("#search", Input).value = ""
            self.query_text = ""
        item_filter = view.item_filter()
        if self.ctx.state.collapse_duplicates:
            item_filter = replace(item_filter, collapse_duplicates=True)
        rows = FilterRows(self.ctx.library, item_filter)
        self.items.show(rows, keep_item=keep_item)
        self.shown_query = ""
        self.update_status()
        self.remember()

    @on(OptionList.OptionSelected, "#nav")
    def pick_view(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.show_view(View.from_key(event.option.id))
            self.items.focus()

    @on(NavPane.SavedSearchAction)
    def saved_search_action(self, message: NavPane.SavedSearchAction) -> None:
        """Rename, edit or delete a saved search, asking first."""
        saved = self.ctx.state.saved_searches
        name = message.name
        if name not in saved:
            return

        def changed(shown: View | None, note: str) -> None:
            self.ctx.save_state()
            if shown is not None:
                self.show_view(shown)
            self.refresh_nav()
            self.notify(note, timeout=2, markup=False)

        showing = self.view == View("saved", name)
        if message.action == "rename":

            def renamed(new: str | None) -> None:
                if not new or " ".join(new.split()) == name:
                    return
                try:
                    new = rename_saved_search(self.ctx.state, name, new)
                except SavedSearchError as error:
                    self.notify(f"Not renamed: {error}.", severity="warning", markup=False)
                    return
                changed(View("saved", new) if showing else None, f"Renamed “{name}” to “{new}”.")

            self.app.push_screen(PromptDialog(f"New name for “{name}”", value=name), renamed)
        elif message.action == "edit":

            def edited(query: str | None) -> None:
                from reader.search.query import QueryError, parse

                if not query or query == saved[name]:
                    return
                try:
                    parse(query)
                except QueryError as error:
                    self.notify(f"Not saved: {error}", severity="error", markup=False)
                    return
                saved[name] = query
                changed(View("saved", name) if showing else None, f"“{name}” now searches {query}.")

            self.app.push_screen(PromptDialog(f"Search of “{name}”", value=saved[name]), edited)
        else:

            def confirmed(choice: str | None) -> None:
                if choice == "Delete":
                    delete_saved_search(self.ctx.state, name)
                    changed(View("all") if showing else None, f"Deleted the saved search “{name}”.")

            self.app.push_screen(PickDialog(f"Delete the saved search “{name}”?",
                                            ["Delete", "Keep"]), confirmed)  # fmt: skip

    @on(ArticleView.TagClicked)
    def pick_tag(self, event: ArticleView.TagClicked) -> None:
        """A click on a tag under the title shows that tag's items (later: the Later view)."""
        is_later = event.tag.casefold() == LATER_TAG
        self.show_view(View("later") if is_later else View("tag", event.tag))
        self.query_one("#nav", NavPane).highlight_key(self.view.key)
        self.items.focus()

    # ------------------------------------------------------------------ search
    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.query_text = query
        if not query:
            self.show_view(self.view if self.view.kind != "saved" else ALL)
            return
        # "searching…" only when an answer is slow to come: said at once, it would redraw
        # the status line in the results' frame (a frame from the list to the bottom of
        # the screen spans the sidebar and the reader pane too).
        if self._searching_timer is not None:
            self._searching_timer.stop()
        self._searching_timer = self.set_timer(SEARCHING_NOTICE_DELAY, self._say_searching)
        self._run_search(query)

    def _say_searching(self) -> None:
        if self.query_text and self.shown_query != self.query_text:
            self.update_status(searching=True)

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.items.focus()

    @work(thread=True, group="search", description="open the search index", exit_on_error=False)
    def _warm_up_search(self) -> None:
        self._search.warm_up()

    @work(thread=True, exclusive=True, group="search", description="search", exit_on_error=False)
    def _run_search(self, query: str) -> None:
        finished = self._search.search(query)
        if finished is not None and not get_current_worker().is_cancelled:
            self.post_message(finished)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed says so: the app goes on, the user knows why."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            what = event.worker.description or event.worker.name
            self.notify(f"Could not {what}: {error}", severity="error", markup=False)

    @on(SearchFinished)
    def show_results(self, message: SearchFinished) -> None:
        if message.query != self.query_text:  # the user kept typing: a stale answer
            return
        if message.error:
            self.update_status(error=message.error)
            return
        if self.ctx.state.collapse_duplicates:
            rows = IdRows.collapsed(self.ctx.library, message.item_ids, message.spans)
        else:
            rows = IdRows(self.ctx.library, message.item_ids, message.spans)
        self.items.show(rows)
        self.shown_query = message.query
        self._more_results = message.more
        # The status line a moment later, after the list's frame, for the same reason as
        # "searching…" (call_after_refresh runs before that frame).
        self.set_timer(PREVIEW_DELAY, partial(self._status_if_current, message))

    def _status_if_current(self, message: SearchFinished) -> None:
        if message.query == self.shown_query == self.query_text:
            self.update_status(elapsed_ms=message.elapsed_ms)

    # ------------------------------------------------------------------ status and reader
    def update_status(
        self, *, searching: bool = False, error: str | None = None, elapsed_ms: float | None = None
    ) -> None:
        parts: list[Content | str] = []
        count = self.items.count
        if self.query_text:
            parts.append(Content.styled("search ", "$text-muted"))
            parts.append(Content.styled(self.query_text, "bold"))
            if error:
                parts += ["  ", Content.styled(error, "$text-error")]
            elif searching:
                parts.append(Content.styled("  searching…", "$text-muted"))
            else:
                parts.append(f"  {count} result{'s' if count != 1 else ''}")
                if self._more_results:
                    parts.append(Content.styled(f" (best {count} shown)", "$text-muted"))
                if elapsed_ms is not None:
                    parts.append(Content.styled(f"  {elapsed_ms:.0f} ms", "$text-muted"))
        else:
            parts += [Content.styled(self.view.label, "bold"), f"  {count} items"]
            if self.ctx.state.collapse_duplicates:
                parts.append(Content.styled("  (copies collapsed: D)", "$text-muted"))
        if self.items.selected_ids:
            parts.append(f"  · {len(self.items.selected_ids)} selected")
        self.query_one("#status", StatusLine).update(Content.assemble(*[
            plain(p) if isinstance(p, str) else p for p in parts
        ]))  # fmt: skip
        if count == 0:
            self.reader.show(None, empty=self._empty_message())

    def _empty_message(self) -> str:
        if self.query_text:
            return f"Nothing matches “{self.query_text}”.\n\nFewer words, or esc to clear."
        if self.ctx.library.is_empty():
            return (
                "The library is empty.\n\nImport files from a terminal:\n\n"
                "    reader import PATH...\n\n"
                "Text dumps, RSS/Atom/JSON feeds, saved HTML pages and OPML lists work.\n\n"
                "Or press i to load the bundled sample library (French and English news"
                " about a few events, told by several sources) and try reader on it."
            )
        return f"No items in {self.view.label}."

    @on(HeadlineList.Highlighted)
    def preview(self, event: HeadlineList.Highlighted) -> None:
        self._shown_item_id = event.item_id
        if event.item_id is None:
            self.reader.show(None, empty=self._empty_message())
            return
        # A moment later, after the list's frame: wrapping and drawing an article cost
        # 10-40 ms, and the moved cursor or the new results are what the keystroke
        # should show first (call_after_refresh ran before that frame). Held-down j
        # coalesces: only the item still highlighted then is shown.
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(
            PREVIEW_DELAY, partial(self._preview_now, event.item_id)
        )
        self.remember()

    def _preview_now(self, item_id: int) -> None:
        if item_id == self._shown_item_id and item_id != self.reader.item_id:
            self._show_item(item_id)

    def _show_item(self, item_id: int) -> None:
        try:
            item = self.ctx.library.get_item(item_id)
        except LibraryError:
            return
        size = self._story_sizes.get(item.story_id or -1, 0)
        self.reader.show(item, story_size=size)

    @on(HeadlineList.Opened)
    def open_item(self, event: HeadlineList.Opened) -> None:
        if self.ctx.config.mark_read_on_open:
            self._write(item_writes.open_item(event.item_id, follow=self._follow))
        self._show_item(event.item_id)
        self.reader.focus()

    def action_page_reader(self) -> None:
        self.reader.page_down()

    def action_next_unread(self, direction: int) -> None:
        if not self.items.move_to_unread(direction):
            self.notify("No more unread items that way.", timeout=2)

    def action_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus or self.query_text:
            search.value = ""
            self.items.focus()
        elif self.items.selected_ids:
            self.items.selected_ids.clear()
            self.items.refresh()
            self.update_status()
        elif self.reader.has_focus:
            self.items.focus()

    # ------------------------------------------------------------------ writes
    def _write(self, write: Write) -> None:
        """Queue a change for the writer thread: the key is handled at once, the write
        lands when the library lets it (LibraryChanged then refreshes what it touched)."""
        self.writer.submit(write)

    def _write_done(self, done: WriteDone) -> None:  # on the writer thread
        self.post_message(LibraryChanged(done.item_ids, done.note, done.error, done.refilters))

    @on(LibraryChanged)
    def library_changed(self, message: LibraryChanged) -> None:
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        if not message.item_ids:  # another process wrote, or a write of many items
            self._reload()
            if message.note:
                self.notify(message.note, timeout=3, markup=False)
            return
        if message.refilters and self.query_text:
            # Untagging inside "tag:foot" must take the item out of the results now.
            self._run_search(self.query_text)
        for item_id in message.item_ids:
            self.items.forget(item_id)
        current_id = self.items.current_id
        if current_id is not None and current_id in message.item_ids:
            self._show_item(current_id)
        self._data_version = self.ctx.library.data_version()
        self.schedule_nav_refresh()
        if message.note:
            self.notify(message.note, timeout=2, markup=False)

    def _targets(self) -> list[int]:
        return self.items.target_ids()

    @property
    def _follow(self) -> bool:
        """Whether reading, tagging and starring an item applies to its copies too."""
        return self.ctx.config.duplicates_follow

    def action_toggle_duplicates(self) -> None:
        """One row per duplicate set (with a "+N sources" mark), or every copy."""
        state = self.ctx.state
        state.collapse_duplicates = not state.collapse_duplicates
        self.remember()
        if self.query_text:
            self._run_search(self.query_text)
        else:
            self.show_view(self.view, keep_item=self.items.current_id)
        said = "one row per set, +N sources" if state.collapse_duplicates else "every copy shown"
        self.notify(f"Duplicates: {said}.", timeout=2)

    def action_select_story(self) -> None:
        """Select every item of the current item's story, so t/T/l/s/m act on all of it."""
        current = self.items.current
        if current is None or current.story_id is None:
            return
        library = self.ctx.library
        ids = [item.id for item in library.list_items(ItemFilter(story_id=current.story_id))]
        self.items.selected_ids.update(ids)
        self.items.refresh()
        self.update_status()
        self.notify(f"Selected the {len(ids)} items of this story: t tags them all.", timeout=3)

    def action_toggle_read(self) -> None:
        if ids := self._targets():
            self._write(item_writes.toggle_read(ids, follow=self._follow))

    def action_toggle_star(self) -> None:
        if ids := self._targets():
            self._write(item_writes.toggle_star(ids, follow=self._follow))

    def action_toggle_later(self) -> None:
        if ids := self._targets():
            self._write(item_writes.toggle_later(ids, follow=self._follow))

    def action_add_tags(self) -> None:
        ids = self._targets()
        if not ids:
            return
        existing = [tag.name for tag in self.ctx.library.tags()]
        what = f"{len(ids)} selected items" if len(ids) > 1 else "this item"

        def done(value: str | None) -> None:
            if tags := split_tags(value or ""):
                self._write(item_writes.tag(ids, tags, follow=self._follow, what=what))

        self.app.push_screen(
            PromptDialog(
                f"Tags for {what} (space or comma between tags)",
                placeholder="later ukraine economy",
                suggester=TagSuggester(existing),
                choices=existing,
                hint="→ or enter takes the completion · a space after a word keeps it as"
                " typed · esc cancels",
            ),
            done,
        )

    def action_remove_tag(self) -> None:
        ids = self._targets()
        current = self.items.current
        if not ids or current is None:
            return
        tags = sorted({t for r in self.items_rows(ids) for t in r.tags}, key=str.casefold)
        if not tags:
            self.notify("No tags to remove.", timeout=2)
            return

        def done(tag: str | None) -> None:
            if tag:
                self._write(item_writes.untag(ids, tag, follow=self._follow))

        self.app.push_screen(PickDialog("Remove which tag?", tags), done)

    def items_rows(self, ids: list[int]) -> list[ItemSummary]:
        return list(self.ctx.library.summaries(ids))

    # ------------------------------------------------------------------ other actions
    def action_load_samples(self) -> None:
        """Fill an empty library with the bundled samples (as the first start does)."""
        if not self.ctx.library.is_empty():
            self.notify("The sample library loads into an empty library only.", timeout=3)
            return
        counted: list[str] = []

        def change(library: Library) -> list[int]:
            from reader.config import Config
            from reader.services.samples import import_samples

            if library.is_empty():  # still empty when the write's turn comes
                report = import_samples(library, max_bytes=Config().max_file_bytes)
                counted.append(f"{report.added} items from {report.files} files")
            return []

        def note() -> str:
            return f"Loaded the sample library: {counted[0]}." if counted else ""

        self.notify("Loading the sample library…", timeout=2)
        self._write(Write(change, (), note))

    def action_story_view(self) -> None:
        """The item's story at a glance, where its grouping can be fixed too."""
        from reader.ui.screens.story import StoryScreen

        current = self.items.current
        if current is None:
            return
        if current.story_id is None:
            self.notify("This item is not in a story yet.", timeout=3)
            return
        self.app.push_screen(
            StoryScreen(self.ctx.library_path, current.story_id, self._write, current.id)
        )

    def action_compare(self) -> None:
        current = self.items.current
        if current is None:
            return
        if current.story_id is None:
            self.notify("This item is not in a story yet.", timeout=3)
            return
        self._load_compare(current.story_id, current.id)

    @work(thread=True, exclusive=True, group="compare", description="open the story",
          exit_on_error=False)  # fmt: skip
    def _load_compare(self, story_id: int, focus_item: int) -> None:
        """The story, read on a connection of the worker's own; its pending items are
        left to the import grouping them (grouping here would wait for its lock)."""
        from reader.services.stories import story as load_story  # off start-up, as above

        with Library.open(self.ctx.library_path) as library:
            story = load_story(library, story_id, group_pending=False)
        if sum(1 for item in story.items if item.kind == "article") < 2:
            self.notify(
                f"Its story has {story.size} item{'s' if story.size != 1 else ''} and fewer than"
                " two articles: nothing to put side by side.",
                timeout=4,
            )
            return
        self.post_message(CompareReady(story, focus_item))

    @on(CompareReady)
    def show_compare(self, message: CompareReady) -> None:
        from reader.ui.screens.compare import CompareScreen  # off start-up, as above

        self.app.push_screen(
            CompareScreen(self.ctx.library_path, message.story, message.focus_item)
        )

    def action_save_search(self) -> None:
        query = self.query_text
        if not query:
            self.notify("Type a search first (/), then S saves it as a view.", timeout=3)
            return

        def done(name: str | None) -> None:
            if name:
                self.ctx.state.saved_searches[name] = query
                self.ctx.save_state()
                self.view = View("saved", name)
                self.refresh_nav()
                self.notify(f"Saved search “{name}”.", timeout=2, markup=False)

        self.app.push_screen(PromptDialog("Name of this saved search", value=query), done)

    def action_open_link(self) -> None:
        current = self.items.current
        if current is None or not current.url:
            self.notify("This item has no link.", timeout=2)
            return
        if not current.url.startswith(("http://", "https://")):
            self.notify("Only http(s) links are opened.", severity="warning", timeout=3)
            return
        if self.app.is_web:
            self.app.open_url(current.url)  # the browser showing the app opens it
            return
        self._open_in_browser(current.url)

    @work(thread=True, group="browser", description="open the link", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        """webbrowser may wait for the browser to start, and it says whether one did."""
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        if opened:
            self.app.call_from_thread(self.notify, "Opening the link in your browser.", timeout=2)
        else:
            self.app.call_from_thread(
                self.notify,
                "No browser could be started here; y copies the link instead.",
                severity="warning",
                timeout=4,
            )

    def action_copy_link(self) -> None:
        current = self.items.current
        if current is not None:
            text = current.title + (f"\n{current.url}" if current.url else "")
            self.app.copy_to_clipboard(text)
            if current.url:
                self.notify("Copied title and link.", timeout=2)
            else:
                self.notify("Copied the title (this item has no link).", timeout=2)

    def action_export_view(self) -> None:
        label = "search" if self.query_text else self.view.label.strip("#⌕ ").replace(" ", "-")
        default = Path.cwd() / f"reader-{label.casefold() or 'view'}-{date.today()}.md"

        def done(value: str | None) -> None:
            if value:
                self._export(Path(value).expanduser())

        self.app.push_screen(
            PromptDialog("Export this view to (.md, .json, .jsonl or .csv)", value=str(default)),
            done,
        )

    def _export(self, target: Path) -> None:
        fmt = EXPORT_SUFFIXES.get(target.suffix.casefold())
        if fmt is None:
            self.notify("Use a .md, .json, .jsonl or .csv file name.", severity="error")
            return
        library = self.ctx.library
        source = self.items.source
        items: Iterable[Item]
        if isinstance(source, IdRows):
            items = (library.get_item(item_id) for item_id in source.item_ids)
        else:
            items = library.iter_items(self.view.item_filter())
        try:
            with open(target, "w", encoding="utf-8", newline="") as out:
                count = write_items(items, out, fmt)
        except OSError as error:
            self.notify(f"Cannot write {target}: {error.strerror}", severity="error", markup=False)
            return
        self.notify(f"Exported {count} items to {target}", timeout=4, markup=False)

    def action_refresh(self) -> None:
        self._reload()
        self.notify("Refreshed.", timeout=1)

    def _reload(self) -> None:
        self._data_version = self.ctx.library.data_version()
        self.refresh_nav()
        if self.query_text:
            self._run_search(self.query_text)
        else:
            self.items.reload()
            self.update_status()

    def _poll_library(self) -> None:
        """Another process (an import) wrote to the library: show it without a key press."""
        version = self.ctx.library.data_version()
        if version != self._data_version:
            self._reload()

    def action_zoom(self) -> None:
        self.toggle_class("-zoom-reader")
        self._focus_shown_pane()
        self.remember()

    def _focus_shown_pane(self) -> None:
        """Zoomed, the reader pane has the keys; else the list. Focus left in a hidden
        pane (the search box) would take j and z as text."""
        if self.has_class("-zoom-reader"):
            self.reader.focus()
        else:
            self.items.focus()

    def action_toggle_nav(self) -> None:
        hidden = self.has_class("-nav-hidden") or (
            self.has_class("-narrow") and not self.has_class("-nav-shown")
        )
        self.set_class(not hidden, "-nav-hidden")
        self.set_class(hidden, "-nav-shown")
        self.remember()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self._remapped_keys()))

    def _remapped_keys(self) -> dict[str, str]:
        """Help rows to rewrite: a default key as shown ("t") → the keys [keys] set."""
        keys = self.ctx.config.keys
        app = self.app
        out: dict[str, str] = {}
        for binding in [*self.BINDINGS, *HeadlineList.BINDINGS, *app.BINDINGS]:
            if not isinstance(binding, Binding) or not binding.id or binding.id not in keys:
                continue
            now = shown_keys(binding, keys[binding.id], app.get_key_display)
            for default in binding.key.split(","):
                out[shown_keys(binding, default, app.get_key_display)] = now
        return out

    # ------------------------------------------------------------------ state
    def remember(self) -> None:
        """Save view, item and layout soon (debounced: cursor moves come in bursts)."""
        if self._state_timer is not None:
            self._state_timer.stop()
        self._state_timer = self.set_timer(0.5, self._save_now)

    def _save_now(self) -> None:
        state = self.ctx.state
        state.view = self.view.key
        state.item_id = self._shown_item_id
        state.nav_visible = not self.has_class("-nav-hidden")
        state.reader_zoomed = self.has_class("-zoom-reader")
        self.ctx.save_state()

    def on_unmount(self) -> None:
        self._save_now()  # a debounced save may still be pending
        self.writer.close()  # queued writes land before the app goes
        self._search.close()
