"""ReaderApp: opens the library and the reader screen; remembers state and theme."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TextIO

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader import paths
from reader.config import Config
from reader.library import Library
from reader.state import UiState, load_state, save_state
from reader.ui.context import ReaderContext
from reader.ui.keymap_check import checked_keymap, shown_keys
from reader.ui.screens.reader import ReaderScreen

TERMINAL_CHECK_SECONDS = 2.0


def terminal_alive(stream: TextIO | None) -> bool:
    """Whether `stream` is a terminal that is still there: once the other end of a
    terminal is closed, asking for its settings fails with EIO (POSIX only)."""
    import termios

    try:
        termios.tcgetattr(stream.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError, termios.error):
        return False
    return True


def _binding_ids() -> list[str]:
    """Every binding id a [keys] entry may remap: the app's, its screens' and widgets'."""
    from reader.ui.screens.compare import CompareScreen
    from reader.ui.screens.story import StoryScreen
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.headline_list import HeadlineList

    owners = (ReaderApp, ReaderScreen, HeadlineList, ArticleView, CompareScreen, StoryScreen)
    return [
        binding.id
        for owner in owners
        for binding in owner.BINDINGS
        if isinstance(binding, Binding) and binding.id
    ]


class ReaderApp(App[int]):
    """The terminal reader. The library is opened here and read on the UI thread;
    writes go through the reader screen's writer thread."""

    TITLE = "reader"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("q", "quit", "Quit", priority=True, id="quit"),
    ]

    def __init__(
        self,
        library_path: Path,
        *,
        config: Config,
        greeting: str | None = None,
        state_path: Path | None = None,
        freeze_gc: bool = False,
        problems: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self._freeze_gc = freeze_gc
        self.library_path = library_path
        self._greeting = greeting
        self._state_path = state_path
        self.state: UiState = load_state(state_path)
        self.library = Library.open(library_path)
        self.problems = list(problems)
        """What is wrong in config.toml, one line each: shown when the app starts."""
        source = str(paths.config_file())
        if config.theme and config.theme not in self.available_themes:
            self.problems.append(
                f"{source}: [ui] theme {config.theme!r} is not a theme here (ctrl+p lists"
                f" them); using {self.state.theme or self.theme!r}"
            )
            config = replace(config, theme=None)
        if config.keys:
            usable, wrong = checked_keymap(config.keys, _binding_ids(), source)
            self.problems.extend(wrong)
            config = replace(config, keys=MappingProxyType(usable))
        self.config = config
        theme = config.theme or self.state.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        if config.keys:
            self.set_keymap(dict(config.keys))

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(
            ReaderContext(
                library=self.library,
                library_path=self.library_path,
                config=self.config,
                state=self.state,
                save_state=self.save_state,
            )
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every key of the reader screen is also a command in the palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            for binding in screen.palette_bindings():
                yield SystemCommand(
                    binding.description,
                    f"{binding.tooltip or binding.description} (key: {self.keys_shown(binding)})",
                    partial(self.call_later, screen.run_action, binding.action),
                )

    def keys_shown(self, binding: Binding) -> str:
        """A binding's keys as the footer writes them ("?", "^q"), remapped ones included."""
        keys = self.config.keys.get(binding.id or "", binding.key)
        return shown_keys(binding, keys, self.get_key_display)

    def on_mount(self) -> None:
        self.sub_title = str(self.library_path)
        if self._freeze_gc:
            self.call_after_refresh(self._freeze_startup_objects)
        if self._greeting:
            self.notify(self._greeting, markup=False, timeout=8)
        for problem in self.problems:
            self.notify(problem, severity="warning", markup=False, timeout=12)
        if os.name == "posix" and not self.is_headless and terminal_alive(sys.__stdin__):
            self.set_interval(TERMINAL_CHECK_SECONDS, self._exit_if_terminal_gone)

    def _exit_if_terminal_gone(self) -> None:
        """Quit when the terminal has gone away without a hang-up signal reaching us (a
        killed tmux server, a dropped SSH connection): Textual's input thread then reads
        end-of-file in a loop and the orphaned app burnt 73% of a core until killed.
        Everything the app changed is already in the library."""
        if not terminal_alive(sys.__stdin__):
            self.exit(0)

    @staticmethod
    def _freeze_startup_objects() -> None:
        """Move what start-up built (Textual, the widgets, ~90k objects) out of the
        collector's sight: full collections walked them all, up to 90 ms pauses in the
        middle of a keystroke at 100k items. Objects made later are collected as usual.
        Only for the real app (`freeze_gc`): in tests, many apps share one process."""
        gc.collect()
        gc.freeze()

    def watch_theme(self, theme: str) -> None:
        if self.state.theme != theme:
            self.state.theme = theme
            self.save_state()

    def save_state(self) -> None:
        save_state(self.state, self._state_path)

    def on_unmount(self) -> None:
        self.library.close()
