"""ArticleView: the reader pane, one item with its metadata and body."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

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
        line = " ".join(f"#{tag}" for tag in item.tags)
        parts += ["\n", styled(line, "$text-secondary")]
        if flags:
            parts.append(styled(("   " if line else "") + " · ".join(flags), "$text-muted"))
    if item.url:
        parts += ["\n", styled(item.url, "underline $text-muted")]
    if not item.blocks:
        parts += ["\n\n", Content.styled("(headline only: no text was saved)", "dim italic")]
    for block in item.blocks:
        parts.append("\n\n")
        heading = block.heading
        parts.append(styled(block.text, "bold $text-accent") if heading else plain(block.text))
    return Content.assemble(*parts)


class ArticleView(VerticalScroll, can_focus=True):
    """Scrollable reader pane; space pages it even while the list has focus."""

    DEFAULT_CSS = """
    ArticleView { padding: 0 2; }
    ArticleView > Static { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item_id: int | None = None
        self._content = Content("")
        self._body = Static(self._content, id="article-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, item: Item | None, *, story_size: int = 0, empty: str = "") -> None:
        self.item_id = item.id if item else None
        self._content = article_content(item, story_size=story_size) if item else plain(empty)
        self._body.update(self._content)
        self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """What the pane shows, as plain text (tests and copy)."""
        return self._content.plain

    def page_down(self) -> None:
        self.scroll_page_down(animate=False)
