"""ArticleView: the reader pane, one item with its metadata and body."""

from __future__ import annotations

from dataclasses import dataclass

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

from reader.library import Item
from reader.ui.safe import plain, styled


def article_content(item: Item, *, story_size: int = 0) -> Content:
    """Title, metadata, tags and body as literal text with styles around it."""
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
    for block in item.blocks:
        parts.append("\n\n")
        heading = block.heading
        parts.append(styled(block.text, "bold $text-accent") if heading else plain(block.text))
    return Content.assemble(*parts)


class ArticleView(ScrollView, can_focus=True):
    """The reader pane: the item is wrapped once into strips, then only visible lines draw.

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
        self._content = Content("")
        self._strips: list[Strip] = []
        self._wrapped_width = -1
        self._base_key: tuple[object, ...] = ()
        self._base = RichStyle()

    def show(self, item: Item | None, *, story_size: int = 0, empty: str = "") -> None:
        self.item_id = item.id if item else None
        self._content = article_content(item, story_size=story_size) if item else plain(empty)
        self._wrapped_width = -1
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._rewrap()
        self.refresh()

    @property
    def text(self) -> str:
        """What the pane shows, as plain text (tests and copy)."""
        return self._content.plain

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_width:
            return
        self._wrapped_width = width
        self._strips = Visual.to_strips(self, self._content, width, None, self.visual_style)
        # Set without the reactive's layout refresh (as Widget._size_updated does): a new
        # item must repaint this pane only, not re-arrange the whole screen.
        size = Size(width, len(self._strips))
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)

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
        if 0 <= index < len(self._strips):
            return self._strips[index].crop_extend(0, width, self._base)
        return Strip.blank(width, self._base)

    def on_click(self, event: events.Click) -> None:
        tag = event.style.meta.get("tag")
        if isinstance(tag, str):
            event.stop()
            self.post_message(self.TagClicked(tag))

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def page_down(self) -> None:
        self.scroll_page_down(animate=False)
