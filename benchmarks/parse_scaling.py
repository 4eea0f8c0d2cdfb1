"""How importing grows with input size: it must stay linear.

    python benchmarks/parse_scaling.py [--quick] [--group]

Three series, each at n, 2n, 4n, 8n, printing seconds, peak memory of the process and the
ratio per doubling (about 2 is linear, about 4 quadratic):

- an Atom feed of 12,500 to 100,000 small entries (goal: 100,000 parsed and stored in
  30 s or less);
- a text file of 125,000 to 1,000,000 one-line headlines (goal: 3 minutes or less);
- two plain-text shapes a naive look-ahead would parse in n² time (a run of short lines
  inside an article, a list after a price offer), parsing only.

Feeds and lists go through the real importer into a scratch library. `--group` also
puts the items into stories, as `reader import` does at its end. `--quick` halves every
size for a short check. A timing, so a benchmark and not a test: machines are noisy.
Inputs are generated here: headlines of seven words drawn from a vocabulary of 3,000
with a skewed (Zipf-like) frequency, so common words recur as they do in real news.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.ingest.textdump import parse_text_dump
from reader.library import Library
from reader.services.importing import import_files

PARAGRAPH = (
    "Le conseil municipal a voté mardi soir un budget en hausse de quatre pour cent, "
    "porté par la rénovation des écoles et l'extension du réseau de tramway vers le nord, "
    "malgré l'opposition qui dénonce une dette trop lourde pour les années à venir."
)
SYLLABLES = ("ba", "lo", "ri", "ten", "mar", "sel", "du", "vo", "ki", "pan", "er", "os")


def _vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _headlines(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    vocabulary = _vocabulary(3000, rng)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    lines = []
    for number in range(count):
        words = rng.choices(vocabulary, weights, k=7)
        lines.append(f"{words[0].capitalize()} {' '.join(words[1:])} {number}")
    return lines


def write_feed(path: Path, entries: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n')
        out.write('<feed xmlns="http://www.w3.org/2005/Atom"><title>Scaling</title>')
        out.write("<id>urn:scaling</id><updated>2026-01-31T00:00:00Z</updated>\n")
        for number, title in enumerate(_headlines(entries)):
            day = 1 + number * 28 // entries
            out.write(
                f"<entry><title>{title}</title><id>urn:scaling:{number}</id>"
                f'<link href="https://example.org/{number}"/>'
                f"<updated>2026-01-{day:02d}T{number % 24:02d}:00:00Z</updated>"
                f"<summary>{title}, and what it means.</summary></entry>\n"
            )
        out.write("</feed>\n")


def write_list(path: Path, lines: int) -> None:
    path.write_text("\n".join(_headlines(lines)) + "\n", encoding="utf-8")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_once(write: Callable[[Path, int], None], size: int, suffix: str, group: bool) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / f"input{suffix}"
        write(source, size)
        with Library.open(Path(scratch) / "library.sqlite3") as library:
            started = time.perf_counter()
            report = import_files(
                library, [source], max_bytes=1 << 31, parallel=False, group_stories=group
            )
            elapsed = time.perf_counter() - started
        if not report.ok or report.added != size:
            raise SystemExit(f"import of {size} went wrong: {report.summary_line()}")
    return elapsed


def series(name: str, sizes: Sequence[int], run: Callable[[int], float]) -> None:
    previous: float | None = None
    print(f"{name}:")
    for size in sizes:
        elapsed = run(size)
        ratio = f"  x{elapsed / previous:.2f}" if previous else ""
        print(f"  {size:>9,}  {elapsed:7.2f} s  peak {_peak_mb():6.0f} MB{ratio}", flush=True)
        previous = elapsed


def pathological(lines: int, shape: str) -> float:
    heads = [f"Titre {n} : une nouvelle sans importance" for n in range(lines)]
    if shape == "article":
        text = "\n".join(["Titre", PARAGRAPH, *heads, PARAGRAPH])
    else:
        text = "\n".join(["Abonnez-vous", "Accès illimité dès 1 € par mois", *heads])
    started = time.perf_counter()
    parse_text_dump(text)
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="half the sizes")
    parser.add_argument("--group", action="store_true", help="also group into stories")
    args = parser.parse_args(argv)
    scale = 2 if args.quick else 1
    doublings = (1, 2, 4, 8)
    step = " + stories" if args.group else ""
    print("peak is the process's high-water mark so far, not the step's own")
    series(
        f"Atom feed, entries parsed and stored{step}",
        [12_500 * k // scale for k in doublings],
        lambda size: import_once(write_feed, size, ".xml", args.group),
    )
    series(
        f"headline list, lines parsed and stored{step}",
        [125_000 * k // scale for k in doublings],
        lambda size: import_once(write_list, size, ".txt", args.group),
    )
    for shape, label in (("article", "short lines inside an article"),
                         ("offer", "list after a price offer")):  # fmt: skip
        series(
            f"text dump, {label}, parsing only",
            [10_000 * k // scale for k in (1, 2, 4)],
            lambda size, shape=shape: pathological(size, shape),  # type: ignore[misc]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
