"""What sources agree on and where their figures differ: planted disagreements found.

    python benchmarks/accounts_eval.py [tests/data/stories/accounts.json] [--events FILE.jsonl]

The first file holds stories written with planted disagreements (its `conflicts`): it
prints, per story, the conflicts found, those planted, and precision and recall over
all of them. `--events` takes a labelled set (one JSON object a line with `event`,
`title`, `text`, `source`, `date`), reads each event as one story and prints every
conflict found, with its sentences, to be judged by reading (real articles have no
planted truth); a tokenised corpus is detokenised first (`detokenize`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.stories.accounts import Account, agreements, conflicts  # noqa: E402
from reader.stories.features import number_keys  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "stories" / "accounts.json"


def _date(value: object) -> datetime | None:
    return (
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        if isinstance(value, str) and value
        else None
    )


def planted(path: Path) -> tuple[int, int, int]:
    """(found and planted, found, planted) over every story of the file, printed per story."""
    data = json.loads(path.read_text(encoding="utf-8"))
    right = found_total = planted_total = 0
    for story in data["stories"]:
        accounts = [
            Account(a["id"], a["source"], a["title"], a.get("text", ""), _date(a.get("date")))
            for a in story["accounts"]
        ]
        truth = {frozenset(values) for values in story["conflicts"]}
        found = [frozenset(number_keys(claim.value)[0] for claim in conflict.claims)
                 for conflict in conflicts(accounts)]  # fmt: skip
        hits = sum(1 for values in found if values in truth)
        right, found_total, planted_total = (
            right + hits,
            found_total + len(found),
            planted_total + len(truth),
        )
        told = agreements(accounts)
        top = told[0].text[:50] if told else "-"
        print(f"{story['name']:<18} conflicts found {len(found)}, right {hits},"
              f" planted {len(truth)}; agreements {len(told)} (top: {top})")  # fmt: skip
    precision = right / found_total if found_total else 1.0
    recall = right / planted_total if planted_total else 1.0
    print(
        f"planted disagreements: precision {precision:.2f} ({right}/{found_total}),"
        f" recall {recall:.2f} ({right}/{planted_total})"
    )
    return right, found_total, planted_total


def detokenize(text: str) -> str:
    """Undo a corpus's tokenisation ("Reid 's", "2 , 116", "6 . 0", "( 50 miles )") so
    numbers read as they were published; plain text passes through unchanged."""
    text = re.sub(r"(\d) ([.,]) (\d)", r"\1\2\3", text)
    text = re.sub(r" ([,.;:!?)\]’'])", r"\1", text)
    return re.sub(r"([(\[]) ", r"\1", text)


def events(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    by_event: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        by_event[str(row["event"])].append(row)
    started = time.perf_counter()
    reported = 0
    for event, members in sorted(by_event.items()):
        accounts = [Account(n, str(row.get("source") or f"source {n}"),
                            detokenize(str(row["title"])), detokenize(str(row.get("text") or "")),
                            _date(row.get("date")))
                    for n, row in enumerate(members)]  # fmt: skip
        for conflict in conflicts(accounts):
            reported += 1
            print(f"{event}: {conflict.about}")
            for claim in conflict.claims:
                print(f"    {claim.value:>12}  {claim.sentence[:140]}")
    seconds = time.perf_counter() - started
    print(f"{len(by_event)} events, {len(rows)} items: {reported} conflicts reported"
          f" in {seconds:.1f} s")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixtures", type=Path, nargs="?", default=FIXTURES)
    parser.add_argument("--events", type=Path, help="a labelled set: each event one story")
    args = parser.parse_args(argv)
    planted(args.fixtures)
    if args.events:
        events(args.events)
    return 0


if __name__ == "__main__":
    sys.exit(main())
