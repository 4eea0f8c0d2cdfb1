"""Import speed: items per second importing the synthetic corpus, and peak memory.

    python benchmarks/import_bench.py [--items 100000] [--corpus DIR]

Generates the corpus (benchmarks/make_corpus.py) unless --corpus names one, imports its
headline dumps and RSS files into a fresh library with the real `reader import` code, and
prints the figures. Target (issue 3): at least 5,000 items/s on a 2-core machine.
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
from reader.importer import import_paths
from reader.library import Library

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
            started = time.perf_counter()
            cpu_started = time.process_time()
            report = import_paths(
                library,
                [str(corpus / "dumps"), str(corpus / "feeds")],
                max_bytes=Config().max_file_bytes,
            )
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            stored = library.count_items()
    rate = report.added / elapsed if elapsed else float("inf")
    print(report.summary_line())
    print(f"stored items:      {stored}")
    print(f"import time:       {elapsed:.1f} s")
    print(
        f"items per second:  {rate:,.0f}  (target {TARGET_ITEMS_PER_SECOND:,}:"
        f" ratio {rate / TARGET_ITEMS_PER_SECOND:.2f})"
    )
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time too: on a shared machine the wall time says as much about the neighbours.
    print(
        f"CPU time:          {cpu:.1f} s storing and grouping,"
        f" {workers.ru_utime + workers.ru_stime:.1f} s in the parsing workers"
    )
    print(f"peak RSS:          {_peak_rss_mb():.0f} MB (before import {rss_before:.0f} MB)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
