"""Story grouping quality on a labelled set: B-cubed and pairwise precision/recall/F1.

    python benchmarks/story_eval.py FILE.jsonl [--library] [--threshold T] [--show N] [--json]
    python benchmarks/story_eval.py FILE.jsonl... --table [--streams N]

`--table` prints one row per file: B-cubed and pairwise P/R/F1 beside the B-cubed of
putting every item alone (a clustering must beat it to be worth showing). `--streams N`
adds, per file, N streams built from it like a real day of headlines (`build_stream`):
one item of most events, so most items must stay alone, and every item of a few;
their rows are the mean over the N seeds, and pairwise precision there is what a
reader of a dense stream sees first. Dates are cut to the day everywhere: one silver
set stamps a story's rows within seconds of each other (crawl time), which would give
the labels away through time and order (`--exact-dates` keeps them).

FILE.jsonl has one item per line with `id`, `title`, `text`, `lang`, `source`, `date`
(ISO date or datetime, or null) and `event` (the true story). Items are grouped by the
real code: `reader.stories.group_inputs`, the function `reader stories --rebuild` runs.
With `--library` they are instead imported into a temporary library one source at a
time through `Library.store_document`, which attaches them incrementally exactly as
`reader import` does (slower; the two agree when items arrive in date order). The
synthetic corpus (`benchmarks/make_corpus.py`, `items.jsonl`) is accepted too: its
`kind` is used when present.

Prints the scores, then the worst false merges (predicted stories mixing events, by
wrongly joined pairs) and the worst false splits (events spread over stories, by pairs
lost), with titles, so a change can be judged on what it gets wrong.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.services.importing import store_document
from reader.stories import StoryInput, group_inputs
from reader.stories.engine import THRESHOLD
from reader.stories.metrics import Scores, bcubed, clusters, pairwise


@dataclass(frozen=True, slots=True)
class Labelled:
    """One labelled item, with the integer id grouping uses."""

    number: int
    key: str
    event: str
    item: StoryInput
    lang: str


def parse_date(value: object) -> datetime | None:
    """ISO date or datetime; a bare date is midnight UTC."""
    if not isinstance(value, str) or not value:
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def day_of(moment: datetime | None) -> datetime | None:
    """Midnight UTC of the moment's day (see the module docstring: no time-of-day leak)."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def load(path: Path, *, exact_dates: bool = False) -> list[Labelled]:
    """Labelled items; string ids get integer ids in an order unrelated to the labels.

    Grouping breaks date ties by id, and hand-written ids often follow the events
    (`e01-...`), so ids are ranked by their CRC32 instead of their spelling.
    """
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    keys = [str(row["id"]) for row in rows]
    if all(isinstance(row["id"], int) for row in rows):
        numbers = [int(row["id"]) for row in rows]
    else:
        ranked = sorted(keys, key=lambda key: (zlib.crc32(key.encode()), key))
        rank = {key: position + 1 for position, key in enumerate(ranked)}
        numbers = [rank[key] for key in keys]
    out: list[Labelled] = []
    for row, key, number in zip(rows, keys, numbers, strict=True):
        text = str(row.get("text") or "")
        kind = str(row.get("kind") or ("article" if text else "headline"))
        published = parse_date(row.get("date"))
        item = StoryInput(
            id=number,
            title=str(row["title"]),
            text=text,
            source=str(row.get("source") or ""),
            kind=kind,
            published=published if exact_dates else day_of(published),
            url=row.get("url") or None,
        )
        out.append(Labelled(number, key, str(row["event"]), item, str(row.get("lang") or "")))
    return out


def group_through_library(items: Sequence[Labelled]) -> dict[int, int]:
    """Import the items into a temporary library, one source per document, in date order."""
    from reader.library import Library
    from reader.model import Block, ParsedDocument, ParsedItem

    earliest = datetime.min.replace(tzinfo=UTC)

    def order(entry: Labelled) -> tuple[bool, datetime, int]:
        published = entry.item.published
        return (published is None, published or earliest, entry.number)

    ordered = sorted(items, key=order)
    with (
        tempfile.TemporaryDirectory(prefix="reader-story-eval-") as scratch,
        Library.open(Path(scratch) / "library.sqlite3") as library,
    ):
        library_ids: dict[int, int] = {}
        last_id = 0
        for entry in ordered:
            item = entry.item
            blocks = tuple(Block(part) for part in item.text.split("\n\n") if part.strip())
            parsed = ParsedItem(
                "article" if item.kind == "article" else "headline",
                item.title,
                blocks=blocks,
                published=item.published,
                url=item.url,
            )
            counts = store_document(
                library,
                ParsedDocument(items=(parsed,)),
                source_name=item.source or "unknown",
                source_kind="file",
                origin=None,
            )
            if counts.added:  # ids are handed out in order; a same-source copy adds nothing
                last_id += 1
                library_ids[last_id] = entry.number
        stories = {
            library_ids[summary.id]: summary.story_id or 0
            for summary in library.list_items()
            if summary.id in library_ids
        }
    return stories


STREAM_PAIRED_SHARE = 0.08
"""Share of a stream's items that belong to an event kept whole: a real day of
headlines had about 90 % items without a partner."""


def build_stream(items: Sequence[Labelled], seed: int) -> list[Labelled]:
    """A stream like a real day: one item of each event, plus a few events kept whole.

    Whole events are drawn at random among the smaller half (a 300-item story kept whole
    would make the stream one story) until their items make `STREAM_PAIRED_SHARE` of
    the stream, and at least two are kept.
    """
    rng = random.Random(seed)
    by_event: dict[str, list[Labelled]] = defaultdict(list)
    for entry in items:
        by_event[entry.event].append(entry)
    events = sorted(by_event)
    small = sorted(events, key=lambda event: (len(by_event[event]), event))
    small = small[: max(2, len(small) // 2)]
    rng.shuffle(small)
    whole: set[str] = set()
    extra = 0  # items beyond the one every event gives
    for event in small:
        if len(whole) >= 2 and extra >= STREAM_PAIRED_SHARE * (len(events) + extra):
            break
        whole.add(event)
        extra += len(by_event[event]) - 1
    stream: list[Labelled] = []
    for event in events:
        members = by_event[event]
        stream.extend(members if event in whole else [rng.choice(members)])
    return stream


def singletons_bcubed(items: Sequence[Labelled]) -> Scores:
    """B-cubed of putting every item alone: precision 1, recall the mean 1/|event|."""
    return bcubed({entry.number: entry.number for entry in items},
                  {entry.number: entry.event for entry in items})  # fmt: skip


def group(items: Sequence[Labelled], threshold: float, through_library: bool) -> dict[int, int]:
    if through_library:
        return group_through_library(items)
    return group_inputs([entry.item for entry in items], threshold=threshold)


def table_row(name: str, items: Sequence[Labelled], predicted: dict[int, int]) -> list[float]:
    """B3 P R F1, pairwise P R F1, all-singletons B3 F1, share of items alone in truth."""
    truth = {entry.number: entry.event for entry in items}
    b3, pairs = bcubed(predicted, truth), pairwise(predicted, truth)
    sizes = Counter(truth.values())
    alone = sum(1 for entry in items if sizes[entry.event] == 1) / max(1, len(items))
    return [b3.precision, b3.recall, b3.f1, pairs.precision, pairs.recall, pairs.f1,
            singletons_bcubed(items).f1, alone]  # fmt: skip


def print_table(args: argparse.Namespace) -> int:
    header = (f"{'file':<34} {'items':>6}  {'B3 P':>5} {'R':>5} {'F1':>5}   {'pair P':>6}"
              f" {'R':>5} {'F1':>5}   {'alone B3':>8} {'alone %':>7}")  # fmt: skip
    print(header)
    for path in args.file:
        items = load(path, exact_dates=args.exact_dates)
        rows = [
            (
                path.name,
                len(items),
                table_row(path.name, items, group(items, args.threshold, args.library)),
            )
        ]
        if args.streams:
            scores = []
            sizes = []
            for seed in range(args.streams):
                stream = build_stream(items, seed)
                sizes.append(len(stream))
                scores.append(
                    table_row(path.name, stream, group(stream, args.threshold, args.library))
                )
            mean = [sum(column) / len(column) for column in zip(*scores, strict=True)]
            rows.append(
                (f"  stream of it (mean of {args.streams})", round(sum(sizes) / len(sizes)), mean)
            )
        for name, count, v in rows:
            b3 = f"{v[0]:>5.3f} {v[1]:>5.3f} {v[2]:>5.3f}"
            pairs = f"{v[3]:>6.3f} {v[4]:>5.3f} {v[5]:>5.3f}"
            print(f"{name[:34]:<34} {count:>6}  {b3}   {pairs}   {v[6]:>8.3f} {100 * v[7]:>6.1f}%")
        sys.stdout.flush()
    return 0


def report(
    items: Sequence[Labelled], predicted: dict[int, int], show: int
) -> tuple[dict[str, Any], list[str]]:
    """Scores and the readable lists of worst merges and splits."""
    truth = {entry.number: entry.event for entry in items}
    by_number = {entry.number: entry for entry in items}
    b3 = bcubed(predicted, truth)
    pairs = pairwise(predicted, truth)
    lines: list[str] = []
    merges: list[tuple[int, list[int]]] = []
    for members in clusters(predicted).values():
        events = Counter(truth[number] for number in members)
        if len(events) > 1:
            together = sum(n * (n - 1) // 2 for n in events.values())
            wrong = len(members) * (len(members) - 1) // 2 - together
            merges.append((wrong, members))
    merges.sort(key=lambda entry: (-entry[0], entry[1]))
    splits: list[tuple[int, str, list[int]]] = []
    for event, members in clusters(truth).items():
        stories = Counter(predicted[number] for number in members)
        if len(stories) > 1:
            kept = sum(n * (n - 1) // 2 for n in stories.values())
            lost = len(members) * (len(members) - 1) // 2 - kept
            splits.append((lost, str(event), members))
    splits.sort(key=lambda entry: (-entry[0], entry[1]))

    def line(number: int, group: object) -> str:
        entry = by_number[number]
        date = entry.item.published.date().isoformat() if entry.item.published else "undated   "
        return (
            f"    [{group}] {date} {entry.lang or '  '} {entry.item.source[:16]:<16}"
            f" {entry.item.title[:90]}"
        )

    if show:
        lines.append(f"worst false merges ({len(merges)} stories mix events):")
        for wrong, members in merges[:show]:
            lines.append(f"  {wrong} wrong pairs:")
            lines.extend(line(n, truth[n]) for n in sorted(members, key=lambda n: truth[n]))
        lines.append(f"worst false splits ({len(splits)} events are split):")
        for lost, event, members in splits[:show]:
            lines.append(f"  {event}: {lost} pairs lost")
            order = sorted(members, key=lambda n: (predicted[n], n))
            lines.extend(line(n, f"story {predicted[n]}") for n in order)
    summary = {
        "items": len(items),
        "events": len(set(truth.values())),
        "stories": len(set(predicted.values())),
        "bcubed": {"precision": b3.precision, "recall": b3.recall, "f1": b3.f1},
        "pairwise": {"precision": pairs.precision, "recall": pairs.recall, "f1": pairs.f1},
        "false_merges": len(merges),
        "false_splits": len(splits),
    }
    return summary, lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="+", help="labelled items, one JSON object a line")
    parser.add_argument("--table", action="store_true", help="one row of scores per file")
    parser.add_argument("--exact-dates", action="store_true", help="keep times of day")
    parser.add_argument("--streams", type=int, default=0, help="with --table: N streams per file")
    parser.add_argument("--library", action="store_true", help="go through a temporary library")
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="attach threshold")
    parser.add_argument("--show", type=int, default=5, help="worst merges and splits to list")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if args.table:
        return print_table(args)
    if len(args.file) > 1:
        parser.error("several files need --table")
    args.file = args.file[0]
    items = load(args.file, exact_dates=args.exact_dates)
    started = time.perf_counter()
    if args.library:
        predicted = group_through_library(items)
    else:
        predicted = group_inputs([entry.item for entry in items], threshold=args.threshold)
    elapsed = time.perf_counter() - started
    summary, lines = report(items, predicted, 0 if args.json else args.show)
    summary["seconds"] = round(elapsed, 3)
    if args.json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    b3, pairs = summary["bcubed"], summary["pairwise"]
    print(
        f"{args.file}: {summary['items']} items, {summary['events']} events,"
        f" {summary['stories']} stories, grouped in {elapsed:.2f} s"
    )
    print(
        f"B-cubed   precision {b3['precision']:.3f}  recall {b3['recall']:.3f}  F1 {b3['f1']:.3f}"
    )
    print(
        f"pairwise  precision {pairs['precision']:.3f}  recall {pairs['recall']:.3f}"
        f"  F1 {pairs['f1']:.3f}"
    )
    by_lang: dict[str, int] = defaultdict(int)
    for entry in items:
        by_lang[entry.lang or "?"] += 1
    print("languages: " + ", ".join(f"{lang} {n}" for lang, n in sorted(by_lang.items())))
    for text in lines:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
