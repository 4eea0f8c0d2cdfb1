"""App latency, headless: process start to first rendered list, and keystroke to repaint.

    python benchmarks/app_bench.py [--items 100000] [--library PATH] [--runs 5]

Builds (once, cached under /tmp) a library from the synthetic corpus with the real
import code, then:
- start-up: spawns `python -c ...` that opens the app headless on the library and
  says when it writes the first frame showing list rows; the time runs from spawn to
  that line, so it includes the interpreter and every import, not the app's shutdown
  (target <= 1.0 s at 100k items);
- `j`: presses j 200 times and times each press to the first frame the app writes
  after it (a hook on App._display, so Pilot's own idle waits are not counted);
- search: types realistic queries letter by letter (with a backspace) and times each
  keystroke to the first frame showing that query's results (target p95 <= 50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_corpus import generate
from reader.config import Config
from reader.library import Library
from reader.services.importing import import_paths

TARGET_START_S = 1.0
TARGET_KEY_P95_MS = 50.0
QUERIES = ("storm brittany", "electon", "strike airline", "jean-noel", "merger bank")

STARTUP_SCRIPT = """
import sys, asyncio
from pathlib import Path
from reader.config import Config
from reader.ui.app import ReaderApp
from reader.ui.widgets.headline_list import HeadlineList

async def run():
    app = ReaderApp(Path(sys.argv[1]), config=Config(), state_path=Path(sys.argv[2]),
                    freeze_gc=True)
    write_frame = app._display
    said = []

    def display(screen, renderable):
        write_frame(screen, renderable)
        lists = screen.query(HeadlineList)
        # The first frame written after the list fetched rows to draw: rows are on screen.
        if renderable is not None and not said and lists and lists.first().line_text(0):
            said.append(True)
            print("READY", flush=True)

    app._display = display
    async with app.run_test(size=(160, 45)) as pilot:
        while not said:
            await pilot.pause()

asyncio.run(run())
"""


def build_library(items: int, path: Path) -> None:
    corpus = Path(f"/tmp/reader-corpus-{items}")
    if not (corpus / "items.jsonl").exists():
        generate(items, corpus)
    started = time.perf_counter()
    with Library.open(path) as library:
        import_paths(
            library,
            [str(corpus / "dumps"), str(corpus / "feeds")],
            max_bytes=Config().max_file_bytes,
        )
        count = library.count_items()
    print(f"library: {count} items imported in {time.perf_counter() - started:.1f} s ({path})")


def measure_startup(library: Path, runs: int) -> list[float]:
    """Seconds from spawning the interpreter to its first frame showing list rows.

    The clock stops when the child says so (read as it happens), not when it exits:
    shutting the app down is not part of opening it.
    """
    times = []
    for run in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", STARTUP_SCRIPT, str(library), f"/tmp/app-bench-state-{run}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - started
        _, errors = child.communicate()
        if "READY" not in line:
            raise RuntimeError(errors)
        times.append(elapsed)
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class FrameClock:
    """Records when the app writes each frame (headless too), to time key -> repaint.

    Each frame is stored with the query whose results the screen showed when it was
    written, so a search keystroke is timed to the first frame showing its results.
    """

    def __init__(self, app: Any) -> None:
        self.frames: list[tuple[float, str]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None:
                shown = getattr(screen, "shown_query", "")
                self.frames.append((time.perf_counter(), shown))

        app._display = display

    def first_after(self, moment: float, showing: str | None = None) -> float | None:
        for when, shown in self.frames:
            if when >= moment and (showing is None or shown == showing):
                return when
        return None


async def measure_keys(library: Path) -> tuple[list[float], list[float]]:
    # reader.ui first, as `reader` imports it: it sets Textual's frame rate before
    # Textual is imported.
    from reader.ui.app import ReaderApp
    from reader.ui.screens.reader import ReaderScreen

    from textual.widgets import Input  # isort: skip

    # freeze_gc as `reader` itself runs the app (see ReaderApp._freeze_startup_objects).
    app = ReaderApp(
        library, config=Config(), state_path=Path("/tmp/app-bench-keys.json"), freeze_gc=True
    )
    clock = FrameClock(app)
    j_times: list[float] = []
    search_times: list[float] = []
    slowest: list[tuple[float, str]] = []
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for _ in range(200):
            started = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()
            frame = clock.first_after(started)
            if frame is not None:
                j_times.append((frame - started) * 1000)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        search = screen.query_one("#search", Input)
        for query in QUERIES:
            search.focus()
            search.value = ""
            await pilot.pause()
            typed = ""
            for key in [*query, "backspace", query[-1]]:
                typed = typed[:-1] if key == "backspace" else typed + key
                started = time.perf_counter()
                await pilot.press("space" if key == " " else key)
                # Wait until the list shows this query's results (the worker answered),
                # then take the first frame written after that.
                deadline = started + 10
                wanted = typed.strip()
                while time.perf_counter() < deadline and clock.first_after(started, wanted) is None:
                    await pilot.pause(0.001)
                frame = clock.first_after(started, wanted)
                if frame is not None:
                    search_times.append((frame - started) * 1000)
                    slowest.append(((frame - started) * 1000, typed))
    worst = ", ".join(f"{query!r} {ms:.0f} ms" for ms, query in sorted(slowest)[-4:][::-1])
    print(f"slowest search keystrokes: {worst}")
    return j_times, search_times


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--library", type=Path, help="an existing library to measure")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs")
    args = parser.parse_args()
    library = args.library or Path(f"/tmp/reader-app-bench-{args.items}.sqlite3")
    if not library.exists():
        build_library(args.items, library)
    with Library.open(library) as opened:
        print(f"library: {opened.count_items()} items")
    startup = measure_startup(library, args.runs)
    median = statistics.median(startup)
    print(
        f"start-up to first rendered list: median {median:.2f} s, max {max(startup):.2f} s"
        f" over {len(startup)} runs (target {TARGET_START_S:.1f} s: ratio"
        f" {median / TARGET_START_S:.2f})"
    )
    j_times, search_times = asyncio.run(measure_keys(library))
    for name, values in (("j", j_times), ("search keystroke", search_times)):
        p95 = percentile(values, 0.95)
        print(
            f"{name:<17} p50 {percentile(values, 0.5):6.1f} ms  p95 {p95:6.1f} ms"
            f"  max {max(values):6.1f} ms  n={len(values)}"
            f"  (target p95 {TARGET_KEY_P95_MS:.0f} ms: ratio {p95 / TARGET_KEY_P95_MS:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
