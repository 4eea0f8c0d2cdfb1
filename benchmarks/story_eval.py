"""Story grouping quality on a labelled set: B-cubed and pairwise precision/recall/F1.

    python benchmarks/story_eval.py FILE.jsonl [--library] [--threshold T] [--show N] [--json]

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
from reader.stories.metrics import bcubed, clusters, pairwise


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


def load(path: Path) -> list[Labelled]:
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
        item = StoryInput(
            id=number,
            title=str(row["title"]),
            text=text,
            source=str(row.get("source") or ""),
            kind=kind,
            published=parse_date(row.get("date")),
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
    parser.add_argument("file", type=Path, help="labelled items, one JSON object per line")
    parser.add_argument("--library", action="store_true", help="go through a temporary library")
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="attach threshold")
    parser.add_argument("--show", type=int, default=5, help="worst merges and splits to list")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    items = load(args.file)
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
