"""What the list can show: a named view (all, unread, a source, a tag...) as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reader.model import LATER_TAG, ItemFilter

ViewKind = Literal["all", "unread", "later", "starred", "source", "tag", "story", "saved"]


@dataclass(frozen=True, slots=True)
class View:
    """One entry of the navigation pane; `key` is what the state file remembers."""

    kind: ViewKind
    value: str = ""
    title: str = field(default="", compare=False)
    """Display name when the value is an id (a story's label)."""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}" if self.value else self.kind

    @classmethod
    def from_key(cls, key: str) -> View:
        kind, _, value = key.partition(":")
        if kind not in ("all", "unread", "later", "starred", "source", "tag", "story", "saved"):
            return ALL
        return cls(kind, value)  # type: ignore[arg-type]

    @property
    def label(self) -> str:
        names = {"all": "All", "unread": "Unread", "later": "Later", "starred": "Starred"}
        if self.kind in names:
            return names[self.kind]
        if self.kind == "story" and self.title:
            return self.title
        prefix = {"source": "", "tag": "#", "story": "story ", "saved": "⌕ "}[self.kind]
        return prefix + self.value

    def item_filter(self) -> ItemFilter:
        """The library filter of this view (saved searches filter through search instead)."""
        if self.kind == "unread":
            return ItemFilter(unread=True)
        if self.kind == "later":
            return ItemFilter(tag=LATER_TAG)
        if self.kind == "starred":
            return ItemFilter(starred=True)
        if self.kind == "source":
            return ItemFilter(source=self.value)
        if self.kind == "tag":
            return ItemFilter(tag=self.value)
        if self.kind == "story" and self.value.isdigit():
            return ItemFilter(story_id=int(self.value))
        return ItemFilter()


ALL = View("all")


@dataclass(frozen=True, slots=True)
class NavEntry:
    """One line of the sidebar: a view and its count."""

    view: View
    count: int
    unread: int | None = None
    more: bool = False
    """More matched than `count` (a saved search counts its best results only)."""
