"""Opening a huge article in the app: time to its first screen and the memory it takes.

    python benchmarks/huge_item.py [--mb 17]

Builds a scratch library holding one article of about `--mb` MB of text in two shapes
(short paragraphs; one single paragraph, as a text file without line breaks gives), runs
the app headless and, for each, times from reading it from the library ("read", also
shown alone) to the first frame written after the reader pane was asked to show it;
then, opened again under tracemalloc, the peak of Python's allocations over the same
span, against the text's size. Targets: first screen in 1 s or less, memory at most 3
times the text. A timing, so a benchmark and not a test: machines are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.config import Config
from reader.library import Library
from reader.model import Block, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.app import ReaderApp

SENTENCE = (
    "The committee heard evidence until late in the evening, and its chair said the "
    "report would be published before the summer recess, with every submission attached. "
)
TARGET_FIRST_SCREEN_S = 1.0
TARGET_MEMORY_RATIO = 3.0


def make_library(path: Path, megabytes: float) -> dict[str, tuple[int, int]]:
    """The two articles' ids and text sizes, by shape."""
    repeats = int(megabytes * 1_048_576 / len(SENTENCE))
    shapes = {
        "paragraphs": tuple(Block(SENTENCE * 4) for _ in range(repeats // 4)),
        "one paragraph": (Block((SENTENCE * repeats).strip()),),
    }
    sizes: dict[str, tuple[int, int]] = {}
    with Library.open(path) as library:
        for name, blocks in shapes.items():
            item = ParsedItem("article", f"A huge article: {name}", blocks=blocks)
            store_document(
                library,
                ParsedDocument(items=(item,)),
                source_name=name,
                source_kind="file",
                origin=None,
                group_stories=False,
            )
        for summary in library.list_items():
            shape = summary.source
            sizes[shape] = (summary.id, sum(len(b.text) for b in shapes[shape]))
    return sizes


async def measure(path: Path, sizes: dict[str, tuple[int, int]]) -> None:
    state = Path(tempfile.mkdtemp()) / "state.json"
    app = ReaderApp(path, config=Config(), state_path=state)
    frames: list[float] = []
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause(0.5)
        screen: Any = app.screen
        for shape, (item_id, chars) in sizes.items():
            read, first = await open_item(pilot, screen, item_id, frames, trace=False)
            peak = (await open_item(pilot, screen, item_id, frames, trace=True))[1]
            await pilot.press("G")
            await pilot.pause(0.2)
            end_line = screen.reader.virtual_size.height
            print(
                f"{shape:>14}: {chars / 1_048_576:5.1f} MB text, read {read:5.2f} s,"
                f" first screen {first:5.2f} s (target {TARGET_FIRST_SCREEN_S:.0f} s),"
                f" memory peak {peak / 1_048_576:6.1f} MB = {peak / chars:4.2f}x the text"
                f" (target {TARGET_MEMORY_RATIO:.0f}x), {end_line:,} lines"
            )


async def open_item(
    pilot: Any, screen: Any, item_id: int, frames: list[float], *, trace: bool
) -> tuple[float, float]:
    """Seconds to read the item and to its first frame; with `trace`, the allocation
    peak (bytes) in place of the second."""
    screen.reader.show(None, empty="-")
    await pilot.pause(0.2)
    gc.collect()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    item = screen.ctx.library.get_item(item_id)
    read = time.perf_counter() - started
    shown = time.perf_counter()
    screen.reader.show(item)
    while not [moment for moment in frames if moment > shown]:
        await pilot.pause(0)
    first = min(moment for moment in frames if moment > shown) - started
    if trace:
        first = float(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return read, first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=17.0, help="size of each article's text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "library.sqlite3"
        sizes = make_library(path, args.mb)
        asyncio.run(measure(path, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
