"""StoryScreen: one story at a glance, and fixing its grouping.

Opened with C on any item. It shows who covered the story and when (the timeline, and
a bar per source), what the sources agree on and where their figures differ; c opens
the side-by-side columns. x splits the highlighted item out, M moves it to another
story, J merges another story into this one: the same services as `reader story`, so
later imports and rebuilds keep the fix. Writes go through the reader screen's writer
thread; the story is read again once a fix has landed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.library import Library
from reader.model import StoryDetail
from reader.stories.accounts import Agreement, Conflict, StoryAccounts
from reader.stories.coverage import SourceCoverage, TimelineEntry, bar, coverage, timeline
from reader.text.wording import counted
from reader.ui.safe import plain, styled
from reader.ui.writer import Write

STORIES_TO_PICK = 2000
"""Most recent stories offered by the move and merge pickers."""


def _when(moment: datetime | None) -> str:
    return moment.strftime("%d %b %H:%M") if moment else "no date     "


def timeline_prompt(entry: TimelineEntry) -> Content:
    """One row of the timeline: date, kind, source, title; a source's first report marked."""
    kind = "A" if entry.kind == "article" else "H"
    source = entry.source if len(entry.source) <= 20 else entry.source[:19] + "…"
    first = Content.styled("  first report", "$text-success") if entry.first_from_source else ""
    return Content.assemble(
        Content.styled(f"{_when(entry.published)}  {kind}  ", "$text-muted"),
        styled(f"{source:<20}", "bold"),
        "  ",
        plain(entry.title),
        first,
    )


def coverage_content(rows: Sequence[SourceCoverage]) -> Content:
    """A bar per source: its items, its first and last report."""
    widest = max((row.items for row in rows), default=0)
    parts: list[Content | str] = [Content.styled("Coverage", "bold underline"), "\n"]
    for row in rows:
        source = row.source if len(row.source) <= 20 else row.source[:19] + "…"
        if row.first is None or row.last is None:
            span = "no date"
        elif row.first.date() == row.last.date():
            span = row.first.strftime("%d %b")
        else:
            span = f"{row.first.strftime('%d %b')} to {row.last.strftime('%d %b')}"
        count = counted(row.items, "item")
        parts += [
            styled(f"{source:<20}", "bold"),
            "  ",
            Content.styled(f"{bar(row.items, widest):<20}", "$accent"),
            Content.styled(f"  {count:<9} {span}\n", "$text-muted"),
        ]
    return Content.assemble(*parts)


def agree_content(agreements: Sequence[Agreement]) -> Content:
    parts: list[Content | str] = [Content.styled("What they agree on", "bold underline"), "\n"]
    if not agreements:
        parts.append(Content.styled("No sentence is told by two sources.\n", "dim"))
    for agreement in agreements:
        told = f"  {len(agreement.sources)} sources: "
        parts += ["• ", plain(agreement.text), Content.styled(told, "$text-muted"),
                  styled(", ".join(agreement.sources), "$text-muted"), "\n"]  # fmt: skip
    return Content.assemble(*parts)


def differ_content(conflicts: Sequence[Conflict]) -> Content:
    parts: list[Content | str] = [Content.styled("Where they differ", "bold underline"), "\n"]
    if not conflicts:
        parts.append(Content.styled("No figure is given differently.\n", "dim"))
    for conflict in conflicts:
        parts += ["• ", styled(conflict.about, "bold"), ": "]
        for n, claim in enumerate(conflict.claims):
            parts += ["" if n == 0 else " vs ", styled(claim.value, "bold $warning"),
                      Content.styled(" (", "$text-muted"),
                      styled(", ".join(claim.sources), "$text-muted"),
                      Content.styled(")", "$text-muted")]  # fmt: skip
        parts.append("\n")
    return Content.assemble(*parts)


class StoryLoaded(Message):
    def __init__(self, detail: StoryDetail, accounts: StoryAccounts) -> None:
        super().__init__()
        self.detail = detail
        self.accounts = accounts


class StoryGone(Message):
    """The story no longer exists (merged away, or its last item moved out)."""


class StoryFixed(Message):
    def __init__(self, note: str) -> None:
        super().__init__()
        self.note = note


class StoriesToPick(Message):
    def __init__(self, purpose: str, stories: list[tuple[int, str, int]]) -> None:
        super().__init__()
        self.purpose = purpose
        self.stories = stories


class StoryScreen(Screen[None]):
    """A story's timeline, coverage, agreement and disagreements; fixes to its grouping."""

    DEFAULT_CSS = """
    StoryScreen #story-header { height: auto; padding: 0 1; border-bottom: hkey $panel; }
    StoryScreen #timeline { height: auto; max-height: 16; border: none; }
    StoryScreen #story-body Static { padding: 1 1 0 1; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Back", id="story-close"),
        Binding("c", "compare", "Compare", id="story-compare"),
        Binding("x", "split", "Split out", id="story-split"),
        Binding("M", "move", "Move to story", id="story-move"),
        Binding("J", "merge", "Merge a story in", id="story-merge"),
    ]

    def __init__(
        self,
        library_path: Path,
        story_id: int,
        submit: Callable[[Write], None],
        focus_item: int | None = None,
    ) -> None:
        super().__init__()
        self._library_path = library_path
        self.story_id = story_id
        self._submit = submit
        self._focus_item = focus_item
        self.detail: StoryDetail | None = None
        self.accounts: StoryAccounts | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(f"Story {self.story_id} · reading…", "bold"),
                     id="story-header")  # fmt: skip
        with VerticalScroll(id="story-body"):
            yield Static(Content.styled("Timeline", "bold underline"), id="timeline-title")
            yield OptionList(id="timeline", markup=False)
            yield Static(id="coverage")
            yield Static(id="agree")
            yield Static(id="differ")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="story", description="read the story",
          exit_on_error=False)  # fmt: skip
    def _load(self) -> None:
        """The story and its accounts, on a connection of the worker's own."""
        from reader.library import NotFoundError
        from reader.services.comparing import story_accounts
        from reader.services.stories import story as load_story

        with Library.open(self._library_path) as library:
            try:
                detail = load_story(library, self.story_id, group_pending=False)
            except NotFoundError:
                self.post_message(StoryGone())
                return
            accounts = story_accounts(library, detail)
        self.post_message(StoryLoaded(detail, accounts))

    @on(StoryLoaded)
    def show_story(self, message: StoryLoaded) -> None:
        detail, self.accounts = message.detail, message.accounts
        self.detail = detail
        sizes = f"{counted(detail.size, 'item')} from {counted(len(detail.sources), 'source')}"
        self.query_one("#story-header", Static).update(
            Content.assemble(
                Content.styled(f"Story {detail.id} · {sizes} · ", "bold"),
                styled(detail.label, "bold"),
            )
        )
        entries = timeline(detail.items)
        options = self.query_one("#timeline", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(Option(timeline_prompt(e), id=str(e.item_id)) for e in entries)
        ids = [entry.item_id for entry in entries]
        if self._focus_item in ids:
            options.highlighted = ids.index(self._focus_item)
            self._focus_item = None
        elif ids:
            options.highlighted = min(highlighted or 0, len(ids) - 1)
        options.focus()
        self.query_one("#coverage", Static).update(coverage_content(coverage(detail.items)))
        self.query_one("#agree", Static).update(agree_content(message.accounts.agree))
        self.query_one("#differ", Static).update(differ_content(message.accounts.differ))

    @on(StoryGone)
    def story_gone(self) -> None:
        self.notify(f"Story {self.story_id} no longer exists.", timeout=3)
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def _highlighted_item(self) -> int | None:
        options = self.query_one("#timeline", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return int(option_id) if option_id else None

    def action_compare(self) -> None:
        from reader.ui.screens.compare import CompareScreen

        detail = self.detail
        if detail is None:
            return
        if sum(1 for item in detail.items if item.kind == "article") < 2:
            self.notify("Fewer than two articles: nothing to put side by side.", timeout=3)
            return
        self.app.push_screen(CompareScreen(self._library_path, detail, self._highlighted_item()))

    # ------------------------------------------------------------------ fixes
    def _fix(self, change: Callable[[Library], list[int]], item_ids: tuple[int, ...],
             note: Callable[[], str]) -> None:  # fmt: skip
        def done() -> str:
            text = note()
            self.post_message(StoryFixed(text))
            return text

        self._submit(Write(change, item_ids, done))

    @on(StoryFixed)
    def fixed(self) -> None:
        self._load()

    def action_split(self) -> None:
        item_id = self._highlighted_item()
        if item_id is None or self.detail is None:
            return
        if self.detail.size == 1:
            self.notify("This item is alone in its story already.", timeout=3)
            return
        made: list[int] = []

        def change(library: Library) -> list[int]:
            from reader.services.stories import split_from_story

            made.append(split_from_story(library, item_id))
            return [item_id]

        self._fix(change, (item_id,), lambda: f"Item {item_id} now has story {made[0]} to itself.")

    def action_move(self) -> None:
        if self._highlighted_item() is not None:
            self._load_stories("move")

    def action_merge(self) -> None:
        if self.detail is not None:
            self._load_stories("merge")

    @work(thread=True, exclusive=True, group="story-pick", description="list the stories",
          exit_on_error=False)  # fmt: skip
    def _load_stories(self, purpose: str) -> None:
        from reader.services.stories import list_stories

        with Library.open(self._library_path) as library:
            stories = list_stories(library, min_size=1, limit=STORIES_TO_PICK)
        choices = [(s.id, s.label, s.size) for s in stories if s.id != self.story_id]
        self.post_message(StoriesToPick(purpose, choices))

    @on(StoriesToPick)
    def pick_story(self, message: StoriesToPick) -> None:
        from reader.ui.screens.dialogs import StoryPickDialog

        item_id = self._highlighted_item()
        if message.purpose == "move":
            if item_id is None:
                return
            title = f"Move item {item_id} to which story?"
        else:
            title = f"Merge which story into story {self.story_id}?"

        def chosen(picked: str | None) -> None:
            if not picked:
                return
            other = int(picked)
            if message.purpose == "move" and item_id is not None:
                self._move(item_id, other)
            else:
                self._merge(other)

        self.app.push_screen(StoryPickDialog(title, message.stories), chosen)

    def _move(self, item_id: int, story_id: int) -> None:
        def change(library: Library) -> list[int]:
            from reader.services.stories import move_to_story

            move_to_story(library, item_id, story_id)
            return [item_id]

        self._fix(change, (item_id,), lambda: f"Item {item_id} moved to story {story_id}.")

    def _merge(self, other: int) -> None:
        moved: list[int] = []

        def change(library: Library) -> list[int]:
            from reader.model import ItemFilter
            from reader.services.stories import merge_stories

            members = [item.id for item in library.list_items(ItemFilter(story_id=other))]
            moved.append(merge_stories(library, other, self.story_id))
            return members

        self._fix(change, (), lambda: f"Story {other} merged in ({moved[0]} items).")
