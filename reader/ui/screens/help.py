"""HelpScreen: every key and the search syntax."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Moving", (
        ("j / k, ↓ / ↑", "next / previous item"),
        ("g / G", "first / last item"),
        ("PgUp / PgDn", "page through the list"),
        ("n / p", "next / previous unread item"),
        ("enter", "open the item (marks it read)"),
        ("space", "page down the reader pane"),
        ("tab / shift+tab", "next / previous pane"),
    )),
    ("Finding", (
        ("/", "search as you type (enter: to the list, esc: clear)"),
        ("S", "save the current search as a view"),
        ("r / e / d", "on a saved search in the sources pane: rename / edit / delete it"),
        ("R", "refresh from the library (also automatic)"),
    )),
    ("Keeping", (
        ("t", "add tags (completion: → accepts)"),
        ("T", "remove a tag"),
        ("l", "toggle read-later"),
        ("s", "toggle star"),
        ("m", "toggle read"),
        ("v", "select items; t, T, l, s, m then apply to the selection"),
        ("V", "select the whole story of the item"),
        ("D", "one row per duplicate set (+N sources) / every copy"),
        ("e", "export the current view (markdown, json, jsonl or csv)"),
    )),
    ("Reading", (
        ("c", "compare: the item's story side by side ([ ] other articles, s sync)"),
        ("C", "the item's story: timeline, coverage, agreement, conflicts;"
              " x split, M move, J merge"),
        ("click #tag", "show the items with that tag"),
        ("o", "open the item's link in the browser"),
        ("y", "copy title and link"),
        ("z", "zoom the reader pane"),
        ("b", "show / hide the sources pane"),
    )),
    ("App", (
        ("?", "this help"),
        ("i", "load the bundled sample library (into an empty library)"),
        ("ctrl+p", "command palette (themes, keys...)"),
        ("q", "quit"),
    )),
)  # fmt: skip

SEARCH_SYNTAX: tuple[tuple[str, str], ...] = (
    ("kante fenerb", "fuzzy words in any order; accents, case and typos forgiven"),
    ("'word", "this exact word"),
    ('"a phrase"', "these words together"),
    ("^start  end$", "title starts / ends with"),
    ("!word", "exclude"),
    ("a | b", "either"),
    ("tag:later  source:NAME", "filters (quote names with spaces)"),
    ("kind:article  is:unread  is:read  is:starred", "more filters"),
    ("is:undated  is:dated", "without / with a publication date"),
    ("after:2026-11-01  before:...  story:ID", "dates and stories"),
)


def help_content(remapped: Mapping[str, str] | None = None) -> Content:
    """The keys and the search syntax; `remapped` gives a row's keys as [keys] in
    config.toml changed them (default key as shown → the keys now)."""
    remapped = remapped or {}
    parts: list[Content | str] = []
    for section, rows in KEYS:
        parts += [Content.styled(section, "bold $text-accent"), "\n"]
        for keys, what in rows:
            keys = remapped.get(keys, keys)
            parts += [Content.styled(f"  {keys:<18}", "bold"), what, "\n"]
        parts.append("\n")
    parts += [Content.styled("Search syntax", "bold $text-accent"), "\n"]
    for example, what in SEARCH_SYNTAX:
        parts += [Content.styled(f"  {example:<44}", "bold"), what, "\n"]
    parts += ["\n", Content.styled("Keys can be changed in config.toml: see the README.", "dim")]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 96; max-width: 95%; height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]

    def __init__(self, remapped: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self._remapped = remapped

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(help_content(self._remapped), id="help-text")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
