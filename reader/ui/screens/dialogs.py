"""Small modal dialogs: tag entry with completion, tag removal, export, save search,
picking a story."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.text.fold import fold_words
from reader.ui.safe import plain


def split_tags(value: str) -> list[str]:
    """'later, ukraine  economy' -> ['later', 'ukraine', 'economy']."""
    return [part for part in value.replace(",", " ").split() if part.strip("#")]


class TagSuggester(Suggester):
    """Completes the last word typed with an existing tag (case-insensitive)."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._tags = sorted(tags, key=str.casefold)

    async def get_suggestion(self, value: str) -> str | None:
        return self.complete(value)

    def complete(self, value: str) -> str | None:
        """The value with its last word completed to an existing tag; None when there is
        nothing to complete (a trailing space or comma ends the word as typed)."""
        if not value or value[-1] in " ,":
            return None
        cut = max(value.rfind(" "), value.rfind(",")) + 1
        prefix = value[cut:].lstrip("#").casefold()
        for tag in self._tags:
            if tag.casefold().startswith(prefix) and tag.casefold() != prefix:
                return value[:cut] + tag
        return None


class _Dialog(ModalScreen[str | None]):
    DEFAULT_CSS = """
    _Dialog { align: center middle; }
    _Dialog > Vertical {
        width: 64; max-width: 90%; height: auto; max-height: 80%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    _Dialog Label { margin-bottom: 1; }
    _Dialog OptionList { height: auto; max-height: 12; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class PromptDialog(_Dialog):
    """Ask for one line of text; enter confirms, escape cancels."""

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        placeholder: str = "",
        suggester: Suggester | None = None,
        choices: Sequence[str] = (),
        hint: str = "",
    ) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._placeholder = placeholder
        self._suggester = suggester
        self._choices = list(choices)
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self._title))
            yield Input(self._value, placeholder=self._placeholder, suggester=self._suggester)
            if self._hint:
                yield Label(Content.styled(self._hint, "dim"))
            if self._choices:
                yield OptionList(*(Option(plain(choice), id=choice) for choice in self._choices),
                                 markup=False)  # fmt: skip

    @on(Input.Submitted)
    def confirm(self, event: Input.Submitted) -> None:
        """Enter takes the completion shown ("mé" with "météo" offered saves "météo");
        what was typed stays as typed after a space or a comma."""
        value = event.value
        if isinstance(self._suggester, TagSuggester):
            value = self._suggester.complete(value) or value
        self.dismiss(value.strip() or None)

    @on(OptionList.OptionSelected)
    def pick(self, event: OptionList.OptionSelected) -> None:
        """Clicking an existing tag adds it to what is typed."""
        field = self.query_one(Input)
        words = split_tags(field.value)
        choice = event.option.id or ""
        if choice and choice.casefold() not in {w.casefold() for w in words}:
            field.value = " ".join([*words, choice]) + " "
        field.focus()
        field.cursor_position = len(field.value)


class PickDialog(_Dialog):
    """Pick one entry of a list (e.g. the tag to remove)."""

    def __init__(self, title: str, choices: Sequence[str]) -> None:
        super().__init__()
        self._title = title
        self._choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self._title))
            yield OptionList(*(Option(plain(c), id=c) for c in self._choices), markup=False)

    @on(OptionList.OptionSelected)
    def pick(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class StoryPickDialog(_Dialog):
    """Pick a story by typing words of its label (or its id); enter takes the highlighted
    one. Dismisses with the story's id as text, or None."""

    SHOWN = 40

    def __init__(self, title: str, stories: Sequence[tuple[int, str, int]]) -> None:
        super().__init__()
        self._title = title
        self._stories = [(story_id, label, size, " ".join(fold_words(label)))
                         for story_id, label, size in stories]  # fmt: skip

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self._title))
            yield Input(placeholder="words of the story, or its id")
            yield OptionList(*self._options(""), markup=False)

    def _options(self, typed: str) -> list[Option]:
        words = fold_words(typed)
        shown = [
            entry for entry in self._stories
            if all(word in entry[3] for word in words) or typed.strip() == str(entry[0])
        ][: self.SHOWN]  # fmt: skip
        return [Option(Content.assemble(Content.styled(f"{story_id:>6} ", "dim"), plain(label),
                                        Content.styled(f"  {size} items", "dim")),
                       id=str(story_id))
                for story_id, label, size, _folded in shown]  # fmt: skip

    @on(Input.Changed)
    def filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Submitted)
    def take_highlighted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def pick(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
