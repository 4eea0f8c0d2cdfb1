"""HeadlineList: the item list, a line-API widget that renders only the visible rows.

Rows come page by page from a RowSource (SQLite underneath), so 100k or 1M items cost
the same to show: no widget per row, an LRU cache of fetched rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from reader.model import ItemSummary
from reader.text.clean import strip_controls
from reader.ui.rows import RowSource, Spans

PAGE_SIZE = 200
SOURCE_WIDTH = 16


def _cut(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _short_date(moment: datetime | None) -> str:
    """The publication day; an undated item says so rather than show its import day."""
    return moment.strftime("%d %b") if moment else "no date"


class HeadlineList(ScrollView, can_focus=True):
    """All items of the current view; the cursor row is shown in the reader pane."""

    COMPONENT_CLASSES = {
        "headline-list--cursor",
        "headline-list--unread",
        "headline-list--meta",
        "headline-list--match",
        "headline-list--selected",
        "headline-list--tag",
    }
    DEFAULT_CSS = """
    /* Rows are cut to the width: never a horizontal scrollbar (one appeared under short
       result lists, the virtual width counting the vertical scrollbar's columns). */
    HeadlineList { background: $surface; overflow-x: hidden; }
    HeadlineList > .headline-list--cursor { background: $block-cursor-background 60%; }
    HeadlineList:focus > .headline-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    HeadlineList > .headline-list--unread { text-style: bold; }
    HeadlineList > .headline-list--meta { color: $text-muted; }
    HeadlineList > .headline-list--match { color: $text-accent; text-style: bold underline; }
    HeadlineList > .headline-list--selected { background: $accent 30%; }
    HeadlineList > .headline-list--tag { color: $text-secondary; }
    """
    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("g,home", "first", "Top", show=False),
        Binding("G,end", "last", "Bottom", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter", "open", "Open", id="open"),
        Binding("v", "toggle_select", "Select", id="select", tooltip="Add to the selection"),
    ]

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another item (None when the list is empty)."""

        item_id: int | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, HeadlineList.Highlighted)

    @dataclass
    class Opened(Message):
        item_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source: RowSource | None = None
        self._rows: LRUCache[int, ItemSummary] = LRUCache(4 * PAGE_SIZE)
        self._count = 0
        self.selected_ids: set[int] = set()
        self.story_sizes: dict[int, int] = {}
        self._style_key: tuple[object, ...] = ()
        self._styles: dict[str, Style] = {}
        self._base: Style | None = None

    # ------------------------------------------------------------------ data
    @property
    def count(self) -> int:
        return self._count

    @property
    def source(self) -> RowSource | None:
        return self._source

    def show(self, source: RowSource, *, keep_item: int | None = None) -> None:
        """Show another list; keep the cursor on `keep_item` when it is still there."""
        self._source = source
        self._rows.clear()
        self._count = source.count()
        # Without the reactive's layout pass (as Widget._size_updated does): a new list
        # repaints this widget only instead of re-arranging the screen on every keystroke.
        size = Size(self.size.width, self._count)
        if size != self.virtual_size:  # else the scrollbar stays as drawn (2.4 ms a frame)
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        index = self.index_of(keep_item) if keep_item is not None else None
        self.set_reactive(HeadlineList.cursor, 0)
        self.cursor = index if index is not None else 0
        self.scroll_to(y=max(0, self.cursor - self.size.height // 3), animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self.current_id))

    def reload(self) -> None:
        """Fetch again (the library changed), keeping the cursor on the same item."""
        if self._source is not None:
            self.show(self._source, keep_item=self.current_id)

    def forget(self, item_id: int) -> None:
        """Drop a cached row so it is fetched again (its flags or tags changed)."""
        for index in range(max(0, self.cursor - 2 * PAGE_SIZE), self.cursor + 2 * PAGE_SIZE):
            row = self._rows.get(index)
            if row is not None and row.id == item_id:
                self._rows.discard(index)
                self.refresh_line(index)

    def row(self, index: int) -> ItemSummary | None:
        if self._source is None or not 0 <= index < self._count:
            return None
        cached = self._rows.get(index)
        if cached is None:
            start = index - index % PAGE_SIZE
            for offset, item in enumerate(self._source.page(start, PAGE_SIZE), start):
                self._rows[offset] = item
            cached = self._rows.get(index)
        return cached

    def index_of(self, item_id: int) -> int | None:
        """Where an item is in the list; looks through cached and then all pages."""
        for index in range(self._count):
            row = self.row(index)
            if row is not None and row.id == item_id:
                return index
            if index > 20_000:  # a lost item deep in a huge list is not worth the scan
                return None
        return None

    @property
    def current(self) -> ItemSummary | None:
        return self.row(self.cursor)

    @property
    def current_id(self) -> int | None:
        row = self.current
        return row.id if row is not None else None

    def target_ids(self) -> list[int]:
        """What an action applies to: the selection when there is one, else the cursor row."""
        if self.selected_ids:
            return sorted(self.selected_ids)
        return [self.current_id] if self.current_id is not None else []

    # ------------------------------------------------------------------ cursor
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self._count - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)  # virtual line numbers: ScrollView maps them
        self.refresh_line(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)
        self.post_message(self.Highlighted(self.current_id))

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._count - 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 1)

    def action_open(self) -> None:
        if (item_id := self.current_id) is not None:
            self.post_message(self.Opened(item_id))

    def action_toggle_select(self) -> None:
        if (item_id := self.current_id) is None:
            return
        self.selected_ids.symmetric_difference_update({item_id})
        self.refresh_line(self.cursor)
        self.cursor += 1

    def move_to_unread(self, direction: int) -> bool:
        """Put the cursor on the next (1) or previous (-1) unread item; False if none."""
        index = self.cursor + direction
        while 0 <= index < self._count:
            row = self.row(index)
            if row is not None and not row.read:
                self.cursor = index
                return True
            index += direction
        return False

    async def _on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < self._count:
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index

    # ------------------------------------------------------------------ drawing
    def _style(self, name: str, partial: bool = True) -> Style:
        """Component styles, computed once per theme and focus state (hot path)."""
        self._check_style_key()
        cache_name = f"{name}:{partial}"
        style = self._styles.get(cache_name)
        if style is None:
            style = self.get_component_rich_style(name, partial=partial)
            self._styles[cache_name] = style
        return style

    def _base_style(self) -> Style:
        """The widget's own style, cached like the component styles: Textual recomputes
        it from the ancestors on every call, half of what drawing a row cost."""
        self._check_style_key()
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def _check_style_key(self) -> None:
        key = (self.app.theme, self.has_focus)
        if key != self._style_key:
            self._style_key = key
            self._styles = {}
            self._base = None

    def line_text(self, index: int) -> str:
        """Row `index` as plain text, as drawn at the current width (tests, copying)."""
        row = self.row(index)
        if row is None:
            return ""
        width = self.scrollable_content_region.width
        return "".join(s.text for s in self._row_segments(row, width, self._base_style()))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        row = self.row(index)
        base = self._base_style()
        if row is None:
            if index == 0 and self._count == 0:
                return Strip([Segment(_cut("  Nothing here.", width), base)]).crop_extend(
                    0, width, base
                )
            return Strip.blank(width, base)
        if index == self.cursor:
            base = base + self._style("headline-list--cursor", partial=False)
        elif row.id in self.selected_ids:
            base = base + self._style("headline-list--selected", partial=False)
        segments = self._row_segments(row, width, base)
        return Strip(segments).crop_extend(0, width, base)

    def _row_segments(self, row: ItemSummary, width: int, base: Style) -> list[Segment]:
        meta = base + self._style("headline-list--meta")
        title_style = base
        if not row.read:
            title_style += self._style("headline-list--unread")
        marker = ("✓" if row.id in self.selected_ids else "●") if not row.read else " "
        if row.id in self.selected_ids and row.read:
            marker = "✓"
        star = "★" if row.starred else " "
        kind = "¶" if row.kind == "article" else "·"
        left = f"{marker}{star}{kind} "
        story = self.story_sizes.get(row.story_id or -1, 0)
        badge = f" [{story}]" if story > 1 else ""
        if row.duplicates:  # a collapsed duplicate set: this row stands for its copies
            badge = f" +{row.duplicates} source{'s' if row.duplicates > 1 else ''}{badge}"
        tags = " ".join(f"#{strip_controls(tag)}" for tag in row.tags)
        date = f"{_short_date(row.published):>7}"
        source = _cut(strip_controls(row.source), SOURCE_WIDTH)
        right = f"{badge}  {source:>{SOURCE_WIDTH}}  {date}"
        if width < 70:  # narrow terminals: keep the title, drop the source column
            copies = f" +{row.duplicates} src" if row.duplicates else ""
            right = f"{copies}{' [' + str(story) + ']' if story > 1 else ''} {date}"
        tag_text = f"  {tags}" if tags and width >= 90 else ""
        title_width = width - len(left) - len(right) - len(tag_text)
        title = strip_controls(row.title)
        if len(title) > title_width:
            title = _cut(title, title_width)
        segments = [Segment(left, meta)]
        segments.extend(self._title_segments(title, row.id, title_style))
        padding = width - len(left) - len(title) - len(right) - len(tag_text)
        if tag_text:
            tag_style = base + self._style("headline-list--tag")
            segments.append(Segment(tag_text, tag_style))
        segments.append(Segment(" " * max(0, padding), base))
        segments.append(Segment(right, meta))
        return segments

    def _title_segments(self, title: str, item_id: int, style: Style) -> list[Segment]:
        spans: Spans = self._source.title_spans(item_id) if self._source else ()
        if not spans:
            return [Segment(title, style)]
        match = style + self._style("headline-list--match")
        segments: list[Segment] = []
        position = 0
        for start, end in sorted(spans):
            start, end = max(start, position), min(end, len(title))
            if start >= end:
                continue
            segments.append(Segment(title[position:start], style))
            segments.append(Segment(title[start:end], match))
            position = end
        segments.append(Segment(title[position:], style))
        return segments
