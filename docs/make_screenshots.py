"""Regenerate the README screenshots from the bundled sample library.

    .venv/bin/python docs/make_screenshots.py

Imports sample_data/ into a temporary library, drives the app headless with Pilot and
saves SVG screenshots (main screen, compare screen) next to this file.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.config import Config
from reader.library import Library
from reader.services.samples import import_samples
from reader.ui.app import ReaderApp
from reader.ui.screens.compare import CompareScreen

HERE = Path(__file__).resolve().parent


async def main_screen(library: Path, state: Path) -> None:
    app = ReaderApp(library, config=Config(), state_path=state)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"voltera", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        app.save_screenshot("screenshot-main.svg", str(HERE))


async def compare_screen(library: Path, state: Path) -> None:
    app = ReaderApp(library, config=Config(), state_path=state)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"kind:article ophelie", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        if not isinstance(app.screen, CompareScreen):
            raise SystemExit("the compare screen did not open on the sample library")
        await pilot.pause(2.5)  # let the "Articles 1-4 of N" notice go
        app.save_screenshot("screenshot-compare.svg", str(HERE))


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        library = Path(scratch) / "sample.sqlite3"
        with Library.open(library) as opened:
            import_samples(opened, max_bytes=Config().max_file_bytes)
        asyncio.run(main_screen(library, Path(scratch) / "state.json"))
        asyncio.run(compare_screen(library, Path(scratch) / "state-compare.json"))
    print(f"screenshots written to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
