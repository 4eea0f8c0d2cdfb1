"""Import speed: items per second importing the synthetic corpus, and peak memory.

    python benchmarks/import_bench.py [--items 100000] [--corpus DIR]

Generates the corpus (benchmarks/make_corpus.py) unless --corpus names one, imports its
headline dumps and RSS files into a fresh library with the real `reader import` code, and
prints the figures for both phases of an import: storing (parse, clean, store, index for
search: each file in its own transaction, its items searchable once it commits), then
grouping the new items into stories (one batch at the end). Target: at least
5,000 items/s for storing on a 2-core machine; grouping has its own budget (100k items
in at most 60 s, see story_bench.py), so the end-to-end rate is printed beside it.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_corpus import generate
from reader.config import Config
from reader.library import Library
from reader.services.importing import import_paths
from reader.stories import store as stories_repo

TARGET_ITEMS_PER_SECOND = 5000


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, help="an existing corpus directory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-import-bench-") as scratch:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(scratch) / "corpus"
            started = time.perf_counter()
            generate(args.items, corpus)
            print(f"corpus: {args.items} items generated in {time.perf_counter() - started:.1f} s")
        rss_before = _peak_rss_mb()
        with Library.open(Path(scratch) / "bench.sqlite3") as library:
            stored_at: list[tuple[float, float]] = []

            def files_done(done: int, total: int, path: Path) -> None:
                if done == total:  # the last file is in: grouping starts
                    stored_at.append((time.perf_counter(), time.process_time()))

            started = time.perf_counter()
            cpu_started = time.process_time()
            report = import_paths(
                library,
                [str(corpus / "dumps"), str(corpus / "feeds")],
                max_bytes=Config().max_file_bytes,
                on_progress=files_done,
            )
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            stored = library.count_items()
            in_stories = library.count_items() - stories_repo.pending_count(library.connection)
    store_wall, store_cpu = stored_at[-1][0] - started, stored_at[-1][1] - cpu_started
    rate = report.added / store_wall if store_wall else float("inf")
    overall = report.added / elapsed if elapsed else float("inf")
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(report.summary_line())
    print(f"stored items:      {stored} ({in_stories} in stories)")
    print(
        f"storing:           {store_wall:.1f} s, {rate:,.0f} items/s  (target"
        f" {TARGET_ITEMS_PER_SECOND:,}: ratio {rate / TARGET_ITEMS_PER_SECOND:.2f})"
    )
    print(f"grouping stories:  {elapsed - store_wall:.1f} s for {report.grouped} items")
    print(f"whole import:      {elapsed:.1f} s, {overall:,.0f} items/s")
    # CPU time too: on a shared machine the wall time says as much about the neighbours.
    print(
        f"CPU time:          {store_cpu:.1f} s storing and {cpu - store_cpu:.1f} s grouping"
        f" in this process, {workers.ru_utime + workers.ru_stime:.1f} s in helper processes"
        " (parsing, then story features)"
    )
    print(f"peak RSS:          {_peak_rss_mb():.0f} MB (before import {rss_before:.0f} MB)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
