"""The app's memory between runs: last view, item, layout, theme, saved searches.

Beside the layers (like config and paths): the app keeps it, and `reader views` edits
its saved searches from the command line.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reader import paths

STATE_VERSION = 1


@dataclass
class UiState:
    view: str = "all"
    item_id: int | None = None
    nav_visible: bool = True
    reader_zoomed: bool = False
    theme: str | None = None
    saved_searches: dict[str, str] = field(default_factory=dict)
    """Name -> query: saved searches shown as views in the navigation pane."""
    collapse_duplicates: bool = False
    """One row per duplicate set (the same item from several sources) in views."""


def state_file() -> Path:
    return paths.state_dir() / "ui-state.json"


def load_state(path: Path | None = None) -> UiState:
    """The saved state; anything unreadable means a fresh start, never an error."""
    target = path or state_file()
    try:
        data: Any = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UiState()
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        return UiState()
    state = UiState()
    for name, default in asdict(state).items():
        value = data.get(name, default)
        if isinstance(default, bool) and not isinstance(value, bool):
            continue
        if name == "item_id" and not (value is None or isinstance(value, int)):
            continue
        if name in ("view", "theme") and not (value is None or isinstance(value, str)):
            continue
        if name == "saved_searches" and not (
            isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        ):
            continue
        setattr(state, name, value)
    return state


def save_state(state: UiState, path: Path | None = None) -> bool:
    """Write atomically; False when it could not be written. The app ignores that
    (failing to save state must never disturb the user); `reader views` reports it."""
    target = path or state_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".ui-state.")
        with open(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"version": STATE_VERSION, **asdict(state)}, handle, ensure_ascii=False)
        os.replace(temporary, target)
    except OSError:
        return False
    return True


class SavedSearchError(ValueError):
    """A saved search that is not there, or a name already taken; one line for the user."""


def rename_saved_search(state: UiState, old: str, new: str) -> str:
    """Rename a saved search in place, keeping its position and the view on it; returns
    the new name with its spacing tidied."""
    saved = state.saved_searches
    new = " ".join(new.split())
    if old not in saved:
        raise SavedSearchError(f"no saved search named {old!r}")
    if not new:
        raise SavedSearchError("a saved search needs a name")
    if new != old and new in saved:
        raise SavedSearchError(f"a saved search is called {new!r} already")
    state.saved_searches = {new if name == old else name: query for name, query in saved.items()}
    if state.view == f"saved:{old}":
        state.view = f"saved:{new}"
    return new


def delete_saved_search(state: UiState, name: str) -> None:
    """Forget a saved search; a view left on it goes back to All."""
    if name not in state.saved_searches:
        raise SavedSearchError(f"no saved search named {name!r}")
    state.saved_searches = {key: query for key, query in state.saved_searches.items()
                            if key != name}  # fmt: skip
    if state.view == f"saved:{name}":
        state.view = "all"
