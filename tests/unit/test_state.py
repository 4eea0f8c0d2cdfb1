"""The app's state file: saved searches renamed or deleted keep the view in step, and a
state file that cannot be written says so to the caller that asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.state import (
    SavedSearchError,
    UiState,
    delete_saved_search,
    load_state,
    rename_saved_search,
    save_state,
)


def test_rename_keeps_order_and_the_view_on_it() -> None:
    state = UiState(view="saved:Rail", saved_searches={"Rail": "rail", "Port": "port"})
    assert rename_saved_search(state, "Rail", "  Rail   strikes ") == "Rail strikes"
    assert list(state.saved_searches) == ["Rail strikes", "Port"]
    assert state.view == "saved:Rail strikes"
    with pytest.raises(SavedSearchError, match="already"):
        rename_saved_search(state, "Port", "Rail strikes")
    with pytest.raises(SavedSearchError, match="no saved search"):
        rename_saved_search(state, "Nope", "x")


def test_delete_sends_a_view_on_it_back_to_all() -> None:
    state = UiState(view="saved:Port", saved_searches={"Port": "port"})
    delete_saved_search(state, "Port")
    assert (state.saved_searches, state.view) == ({}, "all")
    with pytest.raises(SavedSearchError):
        delete_saved_search(state, "Port")


def test_save_state_says_whether_it_wrote(tmp_path: Path) -> None:
    state = UiState(saved_searches={"Rail": "rail"})
    assert save_state(state, tmp_path / "state.json")
    assert load_state(tmp_path / "state.json").saved_searches == {"Rail": "rail"}
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert not save_state(state, blocker / "state.json")  # its folder cannot be made
