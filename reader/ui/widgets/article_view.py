"""ArticleView: the reader pane, one item with its metadata and body."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget

from reader.model import Block, Item
from reader.text.clean import strip_controls
from reader.ui.safe import plain, styled

PIECE_CHARS = 8_000
"""Paragraphs longer than this are wrapped in pieces of about this size (at a space)."""
CACHED_PIECES = 200
"""Wrapped pieces kept; the others are wrapped again when they scroll back into view."""
FILL = 0.9
"""Share of a line's width that wrapped words fill on average, for line estimates."""


def header_content(item: Item, *, story_size: int = 0) -> Content:
    """Title, metadata, tags and link as literal text with styles around it."""
    parts: list[Content | str] = [styled(item.title, "bold $text-primary")]
    if item.title_derived:
        parts.append(Content.styled("  (title from the text)", "dim italic"))
    meta = [item.source]
    if item.published:
        meta.append(item.published.strftime("%a %d %b %Y %H:%M"))
    if item.author:
        meta.append(f"by {item.author}")
    meta.append(item.kind)
    parts += ["\n", styled(" · ".join(meta), "$text-muted")]
    flags = []
    if item.starred:
        flags.append("★ starred")
    if story_size > 1:
        flags.append(f"story of {story_size} items (c to compare)")
    if item.tags or flags:
        parts.append("\n")
        for index, tag in enumerate(item.tags):
            # The tag's name rides in the style's meta: a click shows that tag's items.
            label = styled(f"#{tag}", "$text-secondary").stylize(Style.from_meta({"tag": tag}))
            parts += [" " if index else "", label]
        if flags:
            gap = "   " if item.tags else ""
            parts.append(styled(gap + " · ".join(flags), "$text-muted"))
    if item.url:
        parts += ["\n", styled(item.url, "underline $text-muted")]
    if not item.blocks:
        parts += ["\n\n", Content.styled("(headline only: no text was saved)", "dim italic")]
    return Content.assemble(*parts)


@dataclass(frozen=True, slots=True)
class Piece:
    """A body paragraph, or part of a long one, as the pane wraps it."""

    text: str
    heading: bool
    joined_by: str | None = None
    """For the later pieces of a long paragraph, what the cut removed (a space or
    nothing); None for a paragraph's first piece."""

    @property
    def continues(self) -> bool:
        """Part of the paragraph before it: no blank line between them."""
        return self.joined_by is not None

    def content(self) -> Content:
        return styled(self.text, "bold $text-accent") if self.heading else plain(self.text)


def body_pieces(blocks: Sequence[Block]) -> list[Piece]:
    """The body in pieces of at most about `PIECE_CHARS`, cut at spaces."""
    pieces: list[Piece] = []
    for block in blocks:
        text = block.text
        start = 0
        joined_by: str | None = None
        while len(text) - start > PIECE_CHARS:
            cut = text.rfind(" ", start + PIECE_CHARS // 2, start + PIECE_CHARS)
            cut = cut if cut > start else start + PIECE_CHARS
            pieces.append(Piece(text[start:cut], block.heading, joined_by))
            joined_by = " " if text[cut : cut + 1] == " " else ""
            start = cut + len(joined_by)
        pieces.append(Piece(text[start:] if start else text, block.heading, joined_by))
    return pieces


class LineIndex:
    """Where each piece starts, in lines: exact for pieces wrapped, estimated for others.

    Estimates (the length over the width filled) make the scroll bar right to within a
    few percent without wrapping a body nobody scrolls through; a piece's count is made
    exact when it is drawn, which moves only the pieces after it.
    """

    def __init__(self, pieces: Sequence[Piece], width: int) -> None:
        per_line = max(1.0, width * FILL)
        self.counts = [
            (0 if piece.continues else 1) + max(1, math.ceil(len(piece.text) / per_line))
            for piece in pieces
        ]
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = list(accumulate(self.counts, initial=0))
        return self._starts

    @property
    def total(self) -> int:
        return self.starts[-1]

    def piece_at(self, line: int) -> int:
        return bisect_right(self.starts, line) - 1

    def correct(self, piece: int, count: int) -> bool:
        """Record a piece's exact line count; True if the estimate was off."""
        if self.counts[piece] == count:
            return False
        self.counts[piece] = count
        self._starts = None
        return True


class ArticleView(ScrollView, can_focus=True):
    """The reader pane: lines are wrapped when they come into view, and only they draw.

    A line-API widget rather than a Static in a scroll container: showing another item
    changes only this widget's virtual size, so moving through the list never triggers a
    layout pass of the whole screen.
    """

    DEFAULT_CSS = """
    ArticleView { padding: 0 2; overflow-y: scroll; }
    """
    BINDINGS = [
        Binding("down,j", "scroll_down", "Down", show=False),
        Binding("up,k", "scroll_up", "Up", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
    ]

    @dataclass
    class TagClicked(Message):
        """A tag under the title was clicked."""

        tag: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item_id: int | None = None
        self._header = Content("")
        self._pieces: list[Piece] = []
        self._header_strips: list[Strip] = []
        self._lines = LineIndex((), 1)
        self._wrapped: OrderedDict[int, list[Strip]] = OrderedDict()
        self._wrapped_width = -1
        self._base_key: tuple[object, ...] = ()
        self._base = RichStyle()

    def show(self, item: Item | None, *, story_size: int = 0, empty: str = "") -> None:
        """Show an item (or a message): only the lines on screen are wrapped and drawn.

        A body of any size opens at once: its paragraphs are wrapped as they scroll into
        view, and only the last `CACHED_PIECES` wrapped are kept.
        """
        self.item_id = item.id if item else None
        self._header = header_content(item, story_size=story_size) if item else plain(empty)
        self._pieces = body_pieces(item.blocks) if item else []
        self._wrapped_width = -1
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._rewrap()
        self.refresh()

    @property
    def text(self) -> str:
        """What the pane shows, as plain text (tests and copy)."""
        parts = [self._header.plain]
        for piece in self._pieces:
            parts.append("\n\n" if piece.joined_by is None else piece.joined_by)
            parts.append(strip_controls(piece.text))
        return "".join(parts)

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_width:
            return
        self._wrapped_width = width
        self._header_strips = self._wrap(self._header, width)
        self._wrapped.clear()
        self._lines = LineIndex(self._pieces, width)
        self._resize()

    def _wrap(self, content: Content, width: int) -> list[Strip]:
        return Visual.to_strips(self, content, width, None, self.visual_style)

    def _resize(self) -> None:
        # Set without the reactive's layout refresh (as Widget._size_updated does): a new
        # item must repaint this pane only, not re-arrange the whole screen.
        size = Size(self._wrapped_width, len(self._header_strips) + self._lines.total)
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)

    def _piece_strips(self, index: int) -> list[Strip]:
        """A piece's lines (a blank one first unless it continues a paragraph)."""
        strips = self._wrapped.get(index)
        if strips is not None:
            self._wrapped.move_to_end(index)
            return strips
        piece = self._pieces[index]
        strips = self._wrap(piece.content(), self._wrapped_width)
        if not piece.continues:
            strips = [Strip.blank(self._wrapped_width), *strips]
        self._wrapped[index] = strips
        if len(self._wrapped) > CACHED_PIECES:
            self._wrapped.popitem(last=False)
        if self._lines.correct(index, len(strips)):
            self._resize()
        return strips

    def on_resize(self) -> None:
        self._rewrap()

    def render_line(self, y: int) -> Strip:
        self._rewrap()
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        # Textual recomputes rich_style from the ancestors on each call: once per pass.
        key = (self.app.theme, self.has_focus)
        if key != self._base_key:
            self._base_key, self._base = key, self.rich_style
        strip = self._line(index)
        if strip is None:
            return Strip.blank(width, self._base)
        return strip.crop_extend(0, width, self._base)

    def _line(self, index: int) -> Strip | None:
        if index < 0:
            return None
        if index < len(self._header_strips):
            return self._header_strips[index]
        line = index - len(self._header_strips)
        if not self._pieces or line >= self._lines.total:
            return None
        piece = self._lines.piece_at(line)
        strips = self._piece_strips(piece)
        # Wrapping may have moved where this piece starts from: look again.
        offset = line - self._lines.starts[piece]
        return strips[offset] if 0 <= offset < len(strips) else Strip.blank(self._wrapped_width)

    def on_click(self, event: events.Click) -> None:
        tag = event.style.meta.get("tag")
        if isinstance(tag, str):
            event.stop()
            self.post_message(self.TagClicked(tag))

    def action_scroll_home(self) -> None:
        # A jump, like the page keys: an animated scroll through a long body lags behind.
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def page_down(self) -> None:
        self.scroll_page_down(animate=False)
