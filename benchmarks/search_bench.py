"""Search speed: keystroke-to-results latency while typing, index cost, peak memory.

    python benchmarks/search_bench.py [--sizes 100000,1000000] [--sessions 40] [--limit 50]

For each size: generates the synthetic corpus (benchmarks/make_corpus.py) and bulk-loads
its items.jsonl through `Library.store_document` (the real storage and indexing code,
minus file parsing, which import_bench.py measures), caching the library under
/tmp/reader-search-bench-<size>.sqlite3 so reruns skip the build. Then it replays typing
sessions drawn from corpus titles and entities (each query typed letter by letter, with
a typo that is then backspaced away, and a second word), timing every keystroke with a
fresh CancelToken as the app would. References on the same titles: `fzf --filter` (when
fzf is on PATH) and a naive `rapidfuzz.process.extract` over all titles.

Targets: p95 <= 30 ms at 100k items, <= 100 ms at 1M; peak RSS <= 1 GB.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import multiprocessing
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_corpus import generate
from reader.library import Library
from reader.model import Block, ParsedDocument, ParsedItem
from reader.search.engine import CancelToken, Searcher
from reader.services.importing import store_document
from reader.text.fold import fold_words

TARGET_P95_MS = {100_000: 30.0, 1_000_000: 100.0}
TARGET_PEAK_MB = 1024
ITEMS_PER_DOCUMENT = 500
CACHE_FORMAT = 3  # bump when the loader changes what a cached library holds


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1_048_576


# --------------------------------------------------------------------------- building
def _documents(items_jsonl: Path) -> Iterator[tuple[str, ParsedDocument]]:
    """Corpus items grouped by outlet, ITEMS_PER_DOCUMENT at a time, in corpus order."""
    pending: dict[str, list[ParsedItem]] = {}
    with items_jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            entry = json.loads(line)
            paragraphs = [p for p in entry["text"].split("\n\n") if p]
            item = ParsedItem(
                kind=entry["kind"],
                title=entry["title"],
                blocks=tuple(Block(p) for p in paragraphs),
                published=datetime.fromisoformat(entry["date"]),
                url=entry["url"],
                guid=entry["url"] if entry["kind"] == "article" else None,
            )
            batch = pending.setdefault(entry["source"], [])
            batch.append(item)
            if len(batch) >= ITEMS_PER_DOCUMENT:
                yield entry["source"], ParsedDocument(items=tuple(batch))
                pending[entry["source"]] = []
    for source, batch in pending.items():
        if batch:
            yield source, ParsedDocument(items=tuple(batch))


@dataclass(frozen=True, slots=True)
class BuildReport:
    items: int
    seconds: float
    index_seconds: float  # the part of `seconds` spent in the search indexer


def build_library(size: int, path: Path, corpus: Path) -> BuildReport:
    """Load the corpus into a fresh library, timing the indexer's share."""
    from reader.search import index

    path.unlink(missing_ok=True)
    index_time = 0.0
    original_sync = index.sync

    def timed_sync(
        db: sqlite3.Connection,
        new_item_ids: Sequence[int] = (),
        on_progress: index.ProgressFn | None = None,
    ) -> int:
        nonlocal index_time
        started = time.perf_counter()
        try:
            return original_sync(db, new_item_ids, on_progress)
        finally:
            index_time += time.perf_counter() - started

    index.sync = timed_sync
    try:
        started = time.perf_counter()
        with Library.open(path) as library:
            done, report_at = 0, 50_000
            for source, document in _documents(corpus / "items.jsonl"):
                # Stories are not searched: grouping is story_bench.py's to measure.
                store_document(
                    library,
                    document,
                    source_name=source,
                    source_kind="feed",
                    origin=None,
                    group_stories=False,
                )
                done += len(document.items)
                if done >= report_at:
                    print(f"  loaded {done:,} items", file=sys.stderr)
                    report_at += 50_000
            stored = library.count_items()
        seconds = time.perf_counter() - started
    finally:
        index.sync = original_sync
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return BuildReport(stored, seconds, index_time)


def cached_library(size: int) -> tuple[Path, Path, BuildReport | None]:
    """The benchmark library of `size` items and its corpus, built once and reused."""
    corpus = Path(tempfile.gettempdir()) / f"reader-corpus-{size // 1000}k"
    library = Path(tempfile.gettempdir()) / f"reader-search-bench-{size}-v{CACHE_FORMAT}.sqlite3"
    if not (corpus / "items.jsonl").exists():
        print(f"generating the {size:,}-item corpus in {corpus}", file=sys.stderr)
        generate(size, corpus)
    if library.exists():
        return corpus, library, None
    print(f"building {library}", file=sys.stderr)
    scratch = library.with_suffix(".building")
    report = build_library(size, scratch, corpus)
    scratch.rename(library)
    for suffix in ("-wal", "-shm"):
        Path(str(scratch) + suffix).unlink(missing_ok=True)
    return corpus, library, report


# --------------------------------------------------------------------------- sessions
def _titles(corpus: Path) -> list[str]:
    with (corpus / "items.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line)["title"] for line in lines]


def typing_sessions(titles: list[str], count: int, seed: int = 4) -> list[list[str]]:
    """Keystroke sequences: two words of a real title, with one typo fixed by backspace."""
    rng = random.Random(seed)
    sessions: list[list[str]] = []
    while len(sessions) < count:
        title = titles[int(rng.random() * len(titles))]
        words = [w for w in title.split() if len(fold_words(w)) == 1 and len(w) >= 4]
        if len(words) < 2:
            continue
        first, second = rng.sample(words, 2)
        typed = f"{first.lower()} {second.lower()}"
        # A typo (a wrong letter) inside the second word, noticed two letters later.
        slip = len(first) + 1 + min(len(second) - 1, 2 + int(rng.random() * 3))
        wrong = "x" if typed[slip] != "x" else "z"
        keystrokes: list[str] = []
        for end in range(1, slip + 1):
            keystrokes.append(typed[:end])
        mistaken = typed[:slip] + wrong
        keystrokes.append(mistaken)
        keystrokes.append(mistaken + typed[slip + 1 : slip + 2])
        keystrokes.append(mistaken)  # backspace
        keystrokes.append(typed[:slip])  # backspace
        for end in range(slip + 1, len(typed) + 1):
            keystrokes.append(typed[:end])
        sessions.append(keystrokes)
    return sessions


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


@dataclass(frozen=True, slots=True)
class LatencyReport:
    keystrokes: int
    p50: float
    p95: float
    worst: float
    worst_query: str
    # Share of sessions whose final query has, in its top 10, a title holding both words.
    found_target: float
    # CPU time of the searching process: what the keystroke costs without other jobs.
    cpu_p50: float
    cpu_p95: float


def replay(searcher: Searcher, sessions: list[list[str]], limit: int) -> LatencyReport:
    timings: list[tuple[float, str]] = []
    cpu: list[float] = []
    found = 0
    for keystrokes in sessions:
        results = None
        for text in keystrokes:
            started, started_cpu = time.perf_counter(), time.process_time()
            results = searcher.search(text, limit=limit, cancel=CancelToken())
            timings.append(((time.perf_counter() - started) * 1000, text))
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert results is not None
        typed = fold_words(keystrokes[-1])
        for hit in results.hits[:10]:
            title_words = fold_words(hit.title)
            if all(any(t.startswith(w) for t in title_words) for w in typed):
                found += 1
                break
    values = [ms for ms, _ in timings]
    worst_ms, worst_query = max(timings)
    return LatencyReport(
        len(values),
        statistics.median(values),
        _percentile(values, 0.95),
        worst_ms,
        worst_query,
        found / len(sessions),
        statistics.median(cpu),
        _percentile(cpu, 0.95),
    )


# --------------------------------------------------------------------------- references
def fzf_reference(titles: list[str], queries: list[str]) -> float | None:
    """Mean ms for `fzf --filter` over all titles, or None when fzf is not installed."""
    fzf = shutil.which("fzf")
    if fzf is None:
        return None
    data = "\n".join(titles).encode()
    times: list[float] = []
    for query in queries:
        started = time.perf_counter()
        subprocess.run([fzf, "--filter", query], input=data, capture_output=True, check=False)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.mean(times)


def rapidfuzz_reference(titles: list[str], queries: list[str]) -> float:
    """Mean ms for a naive `rapidfuzz.process.extract` over all titles."""
    from rapidfuzz import fuzz, process

    times: list[float] = []
    for query in queries:
        started = time.perf_counter()
        process.extract(query, titles, scorer=fuzz.WRatio, limit=50)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.mean(times)


# --------------------------------------------------------------------------- main
def _replay_process(
    path: str, sessions: list[list[str]], limit: int
) -> tuple[float, float, LatencyReport, float]:
    """Open the library and replay the sessions; runs in a child process."""
    rss_before = _rss_mb()
    opened = time.perf_counter()
    with Searcher.open(path) as searcher:
        open_ms = (time.perf_counter() - opened) * 1000
        searcher.search("warm up", limit=limit)
        report = replay(searcher, sessions, limit)
    return open_ms, rss_before, report, _peak_rss_mb()


def bench_size(size: int, session_count: int, limit: int, reference_queries: int) -> bool:
    print(f"\n=== {size:,} items ===")
    corpus, path, build = cached_library(size)
    if build is not None:
        print(
            f"index build: {build.items:,} items stored in {build.seconds:.1f} s,"
            f" of which indexing {build.index_seconds:.1f} s"
            f" ({build.index_seconds / build.items * 1e6:.0f} µs per item, incremental)"
        )
    else:
        print(f"library: cached {path} (delete it to time the build again)")
    print(f"library file: {path.stat().st_size / 1_048_576:.0f} MB")
    titles = _titles(corpus)
    sessions = typing_sessions(titles, session_count)
    # The replay runs in a fresh process, so its peak RSS is the searcher's own and not
    # this process's list of every title (kept for the references).
    with concurrent.futures.ProcessPoolExecutor(
        1, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        open_ms, rss_before, report, peak = pool.submit(
            _replay_process, str(path), sessions, limit
        ).result()
    print(f"searcher open: {open_ms:.0f} ms; searching process RSS before {rss_before:.0f} MB")
    print(
        f"keystrokes: {report.keystrokes} in {len(sessions)} sessions;"
        f" p50 {report.p50:.1f} ms, p95 {report.p95:.1f} ms, max {report.worst:.1f} ms"
        f" ({report.worst_query!r})"
    )
    print(f"same keystrokes, CPU time: p50 {report.cpu_p50:.1f} ms, p95 {report.cpu_p95:.1f} ms")
    print(f"final queries with a title match in their top 10: {report.found_target:.0%}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (2 cores)")
    finals = [keystrokes[-1] for keystrokes in sessions[:reference_queries]]
    with Searcher.open(path) as searcher:
        ours = statistics.mean(_timed(lambda q=q: searcher.search(q, limit=limit)) for q in finals)
    naive = rapidfuzz_reference(titles, finals)
    print(f"full query, ours:          {ours:8.1f} ms")
    print(f"naive rapidfuzz.extract:   {naive:8.1f} ms  (ours is {naive / ours:.0f}x faster)")
    fzf = fzf_reference(titles, finals)
    if fzf is None:
        print("fzf --filter:              skipped (fzf not on PATH; apt-get install fzf)")
    else:
        print(f"fzf --filter:              {fzf:8.1f} ms  (ours is {fzf / ours:.0f}x faster)")
    target = TARGET_P95_MS.get(size)
    print(f"peak RSS of the searching process: {peak:.0f} MB (target {TARGET_PEAK_MB} MB)")
    ok = peak <= TARGET_PEAK_MB
    if target is not None:
        print(f"p95 target {target:.0f} ms: {'met' if report.p95 <= target else 'MISSED'}")
        ok = ok and report.p95 <= target
    return ok


def _timed(call: object) -> float:
    assert callable(call)
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated item counts")
    parser.add_argument("--sessions", type=int, default=40, help="typing sessions per size")
    parser.add_argument("--limit", type=int, default=50, help="results per keystroke")
    parser.add_argument("--references", type=int, default=10, help="queries for fzf/rapidfuzz")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    results = [bench_size(size, args.sessions, args.limit, args.references) for size in sizes]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
