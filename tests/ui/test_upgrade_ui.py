"""The app on a library from every earlier schema: the user's saved searches (kept in the
app's state file, not the library) still find the same items once the library upgrades."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.config import Config
from reader.library.schema import LATEST_VERSION
from reader.state import STATE_VERSION
from reader.ui.app import ReaderApp
from reader.ui.widgets.headline_list import HeadlineList
from tests.old_libraries import library_at


def _nav_entry(app: ReaderApp, key: str) -> str:
    nav = app.screen.query_one("#nav")
    return str(nav.get_option(key).prompt)  # type: ignore[attr-defined]


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
async def test_saved_searches_and_tags_survive_every_upgrade(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.sqlite3"
    library_at(path, version)
    state = tmp_path / "state.json"
    saved = {"Cranes": "crane", "Port news": "tag:port"}
    state.write_text(json.dumps({"version": STATE_VERSION, "saved_searches": saved}))
    app = ReaderApp(path, config=Config(), state_path=state)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _nav_entry(app, "saved:Cranes").split() == ["⌕", "Cranes", "2"]
        assert _nav_entry(app, "saved:Port news").split() == ["⌕", "Port", "news", "2"]
        assert _nav_entry(app, "tag:Port").split() == ["#Port", "2"]
        assert _nav_entry(app, "later").split() == ["Later", "1"]
        nav = app.screen.query_one("#nav")
        nav.focus()
        nav.highlighted = nav.get_option_index("saved:Cranes")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = app.screen.query_one(HeadlineList)
        titles = {row.title for n in range(shown.count) if (row := shown.row(n)) is not None}
        assert titles == {
            "Crane collapse halts the harbour",
            "Harbour reopens after the crane inquiry",
        }
    kept = json.loads(state.read_text())["saved_searches"]
    assert kept == saved
