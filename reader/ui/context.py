"""What the screens need from the app, handed to them instead of the app itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.config import Config
from reader.library import Library
from reader.state import UiState


@dataclass(frozen=True, slots=True)
class ReaderContext:
    """The library (read on the UI thread; writes go through the screen's writer), its
    path (for workers' own connections), the configuration and the saved UI state."""

    library: Library
    library_path: Path
    config: Config
    state: UiState
    save_state: Callable[[], None]
