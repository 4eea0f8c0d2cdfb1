"""CompareScreen: a story's articles side by side, shared and unique passages marked."""

from __future__ import annotations

from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import MouseScrollDown, MouseScrollUp
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from reader.library import Library
from reader.model import StoryDetail
from reader.services.comparing import articles_to_compare, compare_inputs
from reader.stories.compare import (
    MAX_ARTICLES,
    ComparedArticle,
    SpanFinder,
    compare,
    fact_finder,
)
from reader.ui.safe import plain, styled

MAX_COLUMNS = 4
MIN_COLUMN_WIDTH = 36  # narrower columns wrap a word or two a line: unreadable


def columns_for(width: int) -> int:
    """How many article columns fit side by side: 2 to 4 (1 below 72 columns)."""
    return max(1, min(MAX_COLUMNS, width // MIN_COLUMN_WIDTH))


def _marked(text: str, find: SpanFinder, base: str) -> Content:
    """A sentence with the numbers, names and quotes only this source has highlighted."""
    content = styled(text, base) if base else plain(text)
    for start, end in find(text):
        content = content.stylize("bold reverse", start, end)
    return content


def column_content(article: ComparedArticle, numbers: dict[int, int]) -> Content:
    """One column: title, source, then each sentence, unique ones marked ▌ and coloured.

    Columns are numbered as the `= N` marks of shared sentences refer to them.
    """
    parts: list[Content | str] = [
        Content.styled(f"{numbers.get(article.id, '?')} ", "bold reverse"),
        " ",
        styled(article.title, "bold $text-primary"),
        "\n",
    ]
    meta = article.source
    if article.published:
        meta += " · " + article.published.strftime("%d %b %Y")
    parts += [styled(meta, "$text-muted"), "\n"]
    unique = [s for s in article.sentences if not s.shared]
    parts.append(
        Content.styled(
            f"{len(article.sentences) - len(unique)} shared · {len(unique)} only here", "dim"
        )
    )
    find = fact_finder(article)
    for sentence in article.sentences:
        parts.append("\n\n")
        if sentence.shared:
            others = ",".join(str(numbers.get(i, "?")) for i in sentence.shared_with)
            parts.append(Content.styled(f"= {others} ", "dim"))
            parts.append(_marked(sentence.text, find, ""))
        else:
            parts.append(Content.styled("▌ ", "$text-warning"))
            parts.append(_marked(sentence.text, find, "$text-warning"))
    return Content.assemble(*parts)


class ArticleColumn(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    ArticleColumn { width: 1fr; padding: 0 1; border-right: vkey $panel; }
    ArticleColumn:focus { background: $boost; }
    """

    def __init__(self, content: Content) -> None:
        super().__init__()
        self._content = content

    def compose(self) -> ComposeResult:
        yield Static(self._content)

    @property
    def text(self) -> str:
        return self._content.plain


class CompareScreen(Screen[None]):
    """Opened with c on an item; [ and ] move the window of articles, s syncs scrolling."""

    DEFAULT_CSS = """
    CompareScreen #story-header { height: auto; max-height: 30%; padding: 0 1;
                                  border-bottom: hkey $panel; }
    CompareScreen #columns { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Back", id="compare-close"),
        Binding("left_square_bracket", "shift(-1)", "Previous articles", id="compare-previous"),
        Binding("right_square_bracket", "shift(1)", "Next articles", id="compare-next"),
        Binding("s", "toggle_sync", "Sync scroll", id="compare-sync"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("space,pagedown", "scroll(20)", "Page", show=False),
        Binding("pageup", "scroll(-20)", "Page up", show=False),
    ]

    def __init__(self, library_path: Path, story: StoryDetail, focus_item: int | None) -> None:
        super().__init__()
        self._library_path = library_path
        # Comparisons made, by the articles compared: resizing or paging back reuses them.
        self._compared: dict[tuple[int, ...], dict[int, ComparedArticle]] = {}
        self.story = story
        self.article_ids, _ = articles_to_compare(story, focus_item)
        start = self.article_ids.index(focus_item) if focus_item in self.article_ids else 0
        self._focus_start = start
        self.width_columns = MAX_COLUMNS
        self.start = 0
        self.synced = True
        self.shown: list[ComparedArticle] = []

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="story-header")
        yield Horizontal(id="columns")
        yield Footer()

    def _header(self) -> Content:
        story = self.story
        parts: list[Content | str] = [
            Content.styled(f"Story {story.id} · {story.size} items · ", "bold"),
            styled(story.label, "bold"),
        ]
        headlines = [item for item in story.items if item.kind == "headline"]
        for item in headlines[:6]:
            parts += ["\n  · ", plain(item.title), styled(f"  ({item.source})", "$text-muted")]
        if len(headlines) > 6:
            parts.append(Content.styled(f"\n  … and {len(headlines) - 6} more headlines", "dim"))
        if len(self.article_ids) < 2:
            parts.append(Content.styled("\n\nFewer than two articles: nothing to compare.", "dim"))
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.width_columns = columns_for(self.app.size.width)
        last_start = max(0, len(self.article_ids) - self.width_columns)
        self.start = min(self._focus_start, last_start)
        self._show()

    def on_resize(self, event: events.Resize) -> None:
        wanted = columns_for(event.size.width)
        if wanted != self.width_columns:
            self.width_columns = wanted
            self.start = max(0, min(self.start, len(self.article_ids) - wanted))
            self._show()

    def _window(self) -> list[int]:
        return self.article_ids[self.start : self.start + self.width_columns]

    def _show(self) -> None:
        window = self._window()
        # Compare against every article when there are few, else against the window only.
        few = len(self.article_ids) <= MAX_ARTICLES
        compared_ids = tuple(self.article_ids if few else window)
        compared = self._compared.get(compared_ids)
        if compared is None:
            if len(compared_ids) >= 2 or not few:
                self.sub_title = "comparing…"
                self._compare(compared_ids)
            return
        numbers = {item_id: n for n, item_id in enumerate(self.article_ids, 1)}
        self.shown = [compared[item_id] for item_id in window if item_id in compared]
        columns = self.query_one("#columns", Horizontal)
        columns.remove_children()
        columns.mount_all(ArticleColumn(column_content(a, numbers)) for a in self.shown)
        if self.focused is None:  # the columns came after the screen's own first focus
            self.call_after_refresh(self._focus_first_column)
        total = len(self.article_ids)
        if total:
            last = self.start + len(window)
            self.sub_title = f"articles {self.start + 1}-{last} of {total}"
            if total > len(window):  # say so only when some articles are out of sight
                shown = f"Articles {self.start + 1}–{last} of {total}"
                self.notify(f"{shown}  ([ and ] for the others)", timeout=2, markup=False)

    @work(thread=True, exclusive=True, group="compare", description="compare the articles",
          exit_on_error=False)  # fmt: skip
    def _compare(self, item_ids: tuple[int, ...]) -> None:
        """Compare off the event loop, on a connection of the worker's own: a few long
        articles take a noticeable moment."""
        with Library.open(self._library_path) as library:
            inputs = compare_inputs(library, item_ids)
        compared = {article.id: article for article in compare(inputs)}
        self.app.call_from_thread(self._compared_ready, item_ids, compared)

    def _compared_ready(
        self, item_ids: tuple[int, ...], compared: dict[int, ComparedArticle]
    ) -> None:
        self._compared[item_ids] = compared
        self._show()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(f"Could not compare: {event.worker.error}", severity="error",
                        markup=False)  # fmt: skip

    def _focus_first_column(self) -> None:
        if self.focused is None and (columns := list(self.query(ArticleColumn))):
            columns[0].focus()

    def action_shift(self, step: int) -> None:
        start = max(0, min(self.start + step, len(self.article_ids) - self.width_columns))
        if start != self.start:
            self.start = start
            self._show()

    def action_toggle_sync(self) -> None:
        self.synced = not self.synced
        self.notify("Columns scroll together." if self.synced else "Columns scroll apart.",
                    timeout=2)  # fmt: skip

    def action_scroll(self, lines: int) -> None:
        columns = list(self.query(ArticleColumn))
        focused = self.focused if isinstance(self.focused, ArticleColumn) else None
        targets = columns if self.synced or focused is None else [focused]
        for column in targets:
            column.scroll_relative(y=lines, animate=False)

    @on(MouseScrollDown)
    @on(MouseScrollUp)
    def sync_wheel(self, event: MouseScrollDown | MouseScrollUp) -> None:
        if self.synced:
            event.stop()
            self.action_scroll(3 if isinstance(event, MouseScrollDown) else -3)

    def action_close(self) -> None:
        self.dismiss(None)
