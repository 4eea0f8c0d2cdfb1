"""Snapshots of the main screen at 80x24 and 160x45 (review the report before updating)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.ui.conftest import AppFactory


async def settle(pilot: Pilot[Any]) -> None:
    """Let the sidebar counts (a worker) arrive before the picture is taken."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_wide(snap_compare: Any, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory(), terminal_size=(160, 45), press=["j", "j"], run_before=settle)


def test_main_screen_small(snap_compare: Any, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory(), terminal_size=(80, 24), press=["j"], run_before=settle)


def test_help_screen(snap_compare: Any, app_factory: AppFactory) -> None:
    assert snap_compare(
        app_factory(), terminal_size=(100, 40), press=["question_mark"], run_before=settle
    )
