"""Snapshots of the main screen at 80x24 and 160x45 (review the report before updating)."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import AppFactory


def test_main_screen_wide(snap_compare: Any, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory(), terminal_size=(160, 45), press=["j", "j"])


def test_main_screen_small(snap_compare: Any, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory(), terminal_size=(80, 24), press=["j"])


def test_help_screen(snap_compare: Any, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory(), terminal_size=(100, 40), press=["question_mark"])
