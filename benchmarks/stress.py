"""Kill and contention stress: nothing is lost when `reader import` is killed, and
concurrent writers never see "database is locked".

    python benchmarks/stress.py [--rounds 30] [--ops 1000] [--files 4] [--per-file 500]

1. Kill loop, `--rounds` times on one library: new RSS files are added to a folder,
   `reader import` of the folder is started and killed with SIGKILL after a random
   delay (parse, store and grouping phases). After each kill: `PRAGMA integrity_check`,
   every file fully in or fully absent, every item in at most one story and every
   story with items, no helper process left. Then one import runs to the end: the
   exact item count, all grouped.
2. Contention: two processes each run `--ops` tag and untag operations through the
   tagging service on overlapping items, while a third imports. Lost tags, "locked"
   errors and other errors are counted, and operations per second reported.

Every count but the rates must be 0. `make test` runs short versions
(tests/unit/test_stress.py).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.library import Library, LibraryError  # noqa: E402
from reader.services.tagging import add_tags, remove_tags  # noqa: E402

WORDS = (
    "harbour",
    "council",
    "ferry",
    "strike",
    "budget",
    "vote",
    "flood",
    "bridge",
    "court",
    "mayor",
    "rail",
    "school",
    "storm",
    "museum",
    "election",
    "hospital",
    "airport",
    "harvest",
    "tariff",
    "festival",
    "quay",
    "crane",
    "tram",
    "dock",
)


def write_feeds(folder: Path, files: int, per_file: int, prefix: str = "feed") -> int:
    """RSS files of distinct headlines (`Feed N` sources); returns the item count."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for f in range(files):
        entries = []
        for _ in range(per_file):
            words = " ".join(WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(6))
            entries.append(
                f"<item><title>{words} {prefix}{n}</title><guid>{prefix}-{n}</guid></item>"
            )
            n += 1
        (folder / f"{prefix}{f:02}.xml").write_text(
            f"<rss version='2.0'><channel><title>{prefix} {f}</title>{''.join(entries)}"
            "</channel></rss>",
            encoding="utf-8",
        )
    return n


def _import_command(library: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "reader", "--library", str(library), "import", str(folder)]


def children_of(pid: int) -> set[int]:
    """PIDs whose parent is `pid`, from /proc (Linux)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


@dataclass
class KillReport:
    kills: int = 0
    integrity_failures: int = 0
    partial_files: int = 0
    inconsistent_stories: int = 0
    leftover_helpers: int = 0
    final_items: int = 0
    expected_items: int = 0
    final_ungrouped: int = 0
    grouped_before_final: int = 0
    kills_by_phase: dict[str, int] = field(default_factory=dict)
    """Where each kill landed, judged from what it left in the library (see _phase)."""

    @property
    def ok(self) -> bool:
        return (
            self.integrity_failures == self.partial_files == self.inconsistent_stories == 0
            and self.leftover_helpers == self.final_ungrouped == 0
            and self.final_items == self.expected_items
        )


def check_library(path: Path, per_file: int, report: KillReport) -> None:
    """After a kill: the file is sound, files are whole or absent, stories consistent.
    Killed before it created the library, there is nothing to check (and opening it
    here must not create it)."""
    if not path.exists():
        return
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            report.integrity_failures += 1
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            return  # killed before its first transaction (the schema) committed
        counts = db.execute(
            "SELECT count(i.id) FROM sources s LEFT JOIN items i ON i.source_id = s.id"
            " WHERE s.kind = 'feed' OR s.kind = 'file' GROUP BY s.id"
        ).fetchall()
        report.partial_files += sum(1 for (count,) in counts if count not in (0, per_file))
        dangling = db.execute(
            "SELECT count(*) FROM items WHERE story_id IS NOT NULL"
            " AND story_id NOT IN (SELECT id FROM stories)"
        ).fetchone()[0]
        empty = db.execute(
            "SELECT count(*) FROM stories WHERE id NOT IN"
            " (SELECT story_id FROM items WHERE story_id IS NOT NULL)"
        ).fetchone()[0]
        report.inconsistent_stories += int(dangling) + int(empty)
    except sqlite3.DatabaseError:
        report.integrity_failures += 1
    finally:
        db.close()


PHASES = ("parse", "store", "group")


def _counts(path: Path) -> tuple[int, int]:
    """Items stored and items grouped so far (0, 0 before the library exists)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return 0, 0
    try:
        stored, grouped = db.execute("SELECT count(*), count(story_id) FROM items").fetchone()
        return int(stored), int(grouped)
    except sqlite3.Error:
        return 0, 0
    finally:
        db.close()


def _phase(before: int, stored: int, grouped: int, expected: int) -> str:
    """Where a killed import was, from what it left: nothing new, some files, all files."""
    if stored == before:
        return "parse"
    if stored < expected:
        return "store"
    return "group" if grouped < stored else "done"


def _reached(target: str, path: Path, before: int, expected: int) -> bool:
    stored, _grouped = _counts(path)
    return stored > before if target == "store" else stored >= expected


def kill_loop(
    library: Path,
    folder: Path,
    *,
    rounds: int,
    files: int,
    per_file: int,
    max_delay: float = 4.0,
    seed: int = 7,
) -> KillReport:
    """`rounds` times: add `files` new feed files to `folder`, start `reader import` of
    the folder and SIGKILL it, then check the library. Rounds take turns aiming at the
    parse, store and grouping phases: a random moment of the start-up and parsing, or
    a random delay after the first file is stored, or up to `max_delay` seconds after
    the last one is (watched in the library). Finally one import runs to the end and
    must hold every item, grouped."""
    rng = random.Random(seed)
    report = KillReport(expected_items=rounds * files * per_file)
    for round_number in range(rounds):
        write_feeds(folder, files, per_file, prefix=f"r{round_number}-")
        before, _grouped = _counts(library)
        expected = (round_number + 1) * files * per_file
        target = PHASES[round_number % len(PHASES)]
        process = subprocess.Popen(
            _import_command(library, folder),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started = time.monotonic()
        # Aiming at parsing: a moment of the start-up and parse; else a safety bound
        # until the aimed phase shows in the library, then a random delay into it.
        deadline = started + (rng.uniform(0.05, 0.5) if target == "parse" else 300.0)
        aimed = False
        helpers: set[int] = set()
        while time.monotonic() < deadline and process.poll() is None:
            helpers |= children_of(process.pid)
            if not aimed and target != "parse" and _reached(target, library, before, expected):
                aimed = True
                into = rng.uniform(0.0, 0.2 if target == "store" else max_delay)
                deadline = time.monotonic() + into
            time.sleep(0.02)
        killed = process.poll() is None
        if killed:
            process.kill()
        process.wait()
        if killed:
            report.kills += 1
            phase = _phase(before, *_counts(library), expected)
            report.kills_by_phase[phase] = report.kills_by_phase.get(phase, 0) + 1
        settle = time.monotonic() + 5
        while time.monotonic() < settle and any(alive(pid) for pid in helpers):
            time.sleep(0.05)
        left = {pid for pid in helpers if alive(pid)}
        report.leftover_helpers += len(left)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        check_library(library, per_file, report)
    with Library.open(library) as opened:
        report.grouped_before_final = sum(
            1 for item in opened.list_items() if item.story_id is not None
        )
    done = subprocess.run(_import_command(library, folder), cwd=ROOT, capture_output=True)
    if done.returncode != 0:
        report.integrity_failures += 1
    check_library(library, per_file, report)
    with Library.open(library) as opened:
        items = opened.list_items()
        report.final_items = len(items)
        report.final_ungrouped = sum(1 for item in items if item.story_id is None)
    return report


# --------------------------------------------------------------------------- contention
@dataclass
class ContentionReport:
    operations: int = 0
    seconds: float = 0.0
    lost_tags: int = 0
    locked_errors: int = 0
    other_errors: int = 0

    @property
    def ok(self) -> bool:
        return self.lost_tags == self.locked_errors == self.other_errors == 0


def _tagger(path: str, worker: int, ops: int, item_ids: Sequence[int], out: object) -> None:
    """Tag and untag the shared items with this worker's tag; report errors by kind."""
    locked = other = 0
    tag = f"w{worker}"
    with Library.open(Path(path)) as library:
        for op in range(ops):
            item = item_ids[op % len(item_ids)]
            try:
                if (op // len(item_ids)) % 2 == 0:
                    add_tags(library, [item], [tag], follow_duplicates=False)
                else:
                    remove_tags(library, [item], [tag], follow_duplicates=False)
            except LibraryError as error:
                if "locked" in str(error):
                    locked += 1
                else:
                    other += 1
    out.put((locked, other))  # type: ignore[attr-defined]


def contention(library: Path, folder: Path, *, ops: int, items: int = 50) -> ContentionReport:
    """Two taggers over the same `items` while an import of `folder` runs."""
    with Library.open(library) as opened:
        shared = [item.id for item in opened.list_items(limit=items)]
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    started = time.perf_counter()
    importer = subprocess.Popen(
        _import_command(library, folder), cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    taggers = [
        context.Process(target=_tagger, args=(str(library), n, ops, shared, results))
        for n in (1, 2)
    ]
    for process in taggers:
        process.start()
    report = ContentionReport(operations=ops * len(taggers))
    for _ in taggers:
        locked, other = results.get(timeout=600)
        report.locked_errors += locked
        report.other_errors += other
    for process in taggers:
        process.join()
        report.other_errors += process.exitcode != 0
    report.seconds = time.perf_counter() - started
    _, err = importer.communicate()
    report.locked_errors += err.count("locked")
    report.other_errors += importer.returncode != 0
    # Pass p over the shared items tags them (p even) or untags them (p odd): each item
    # ends as the last pass that reached it left it.
    expected = set()
    for index, item_id in enumerate(shared[:ops]):
        last_op = index + ((ops - 1 - index) // len(shared)) * len(shared)
        if (last_op // len(shared)) % 2 == 0:
            expected.add(item_id)
    with Library.open(library) as opened:
        tagged = {worker: set[int]() for worker in (1, 2)}
        for item in opened.list_items():
            for worker in (1, 2):
                if f"w{worker}" in item.tags:
                    tagged[worker].add(item.id)
    report.lost_tags = sum(len(tagged[worker] ^ expected) for worker in (1, 2))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="imports started and killed")
    parser.add_argument("--ops", type=int, default=1000, help="tag operations per process")
    parser.add_argument("--files", type=int, default=4, help="new files per round")
    parser.add_argument("--per-file", type=int, default=500)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reader-stress"))
    args = parser.parse_args(argv)
    work: Path = args.work
    if work.exists():
        for path in sorted(work.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    folder = work / "feeds"
    library = work / "lib.sqlite3"
    started = time.perf_counter()
    kills = kill_loop(library, folder, rounds=args.rounds, files=args.files, per_file=args.per_file)
    expected = kills.expected_items
    print(
        f"kill loop: {kills.kills} imports killed in {time.perf_counter() - started:.0f} s"
        f" ({', '.join(f'{n} in {phase}' for phase, n in sorted(kills.kills_by_phase.items()))});"
        f" integrity failures {kills.integrity_failures}, partial files {kills.partial_files},"
        f" inconsistent stories {kills.inconsistent_stories},"
        f" helpers left {kills.leftover_helpers}; grouped before the last import"
        f" {kills.grouped_before_final}/{expected}; after it {kills.final_items}/{expected}"
        f" items, {kills.final_ungrouped} ungrouped"
    )
    more = work / "more"
    write_feeds(more, args.files, args.per_file, prefix="more")
    busy = contention(library, more, ops=args.ops)
    print(
        f"contention: {busy.operations} tag operations in {busy.seconds:.1f} s"
        f" ({busy.operations / busy.seconds:.0f}/s) beside an import; lost tags"
        f" {busy.lost_tags}, locked errors {busy.locked_errors}, other errors"
        f" {busy.other_errors}"
    )
    return 0 if kills.ok and busy.ok else 1


if __name__ == "__main__":
    sys.exit(main())
