"""How well the importer reads real saved files: rates per kind against expectations.json.

    python benchmarks/import_eval.py ../shared/import-devset [--worst N] [--file SUBSTR]

Each file is imported into its own scratch library through the real importer
(`reader.services.importing.import_files`, as `reader import` does), then read back
from the library. The expectations file follows the dev set's README (one record per
file: title, author, date, body start and end, boilerplate that must not survive, entry
counts); comparisons use its normalisation (NFC, no soft hyphens, Unicode spaces as
spaces, whitespace folded).

Printed per kind:
- list: share of the distinct lines found among the headline titles, `must_contain` lines;
- feed: entry count, first and last title;
- text and html: exactly one article, then title, author, date, body start, body end
  (the body begins at the standfirst or the first paragraph, and ends at the last one),
  no listed boilerplate in the body, all of these at once, and the mean body token-F1
  where a reference body exists.

A benchmark, not a test: the dev set lives outside the repository (`../shared`), and CI on
a user's machine has none of it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.library import Library
from reader.model import Item
from reader.services.importing import import_files
from reader.text.clean import strip_controls

_SPACES = re.compile(r"[\s\u00a0\u202f\u2000-\u200a\u3000\u205f\u2007]+")
_WORD = re.compile(r"[^\W_]+")
_MAX_BYTES = 200 * 1_048_576


def normalise(text: str) -> str:
    """The dev set README's normalisation."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Looser, for titles and names: case, quotes and closing punctuation do not count."""
    text = normalise(text).casefold()
    for old, new in (("’", "'"), ("‘", "'"), ("«", '"'), ("»", '"'), ("“", '"'), ("”", '"')):
        text = text.replace(old, new)
    text = re.sub(r'"\s+', '"', re.sub(r'\s+"', '"', text))
    return text.strip(" .")


def tokens(text: str) -> Counter[str]:
    return Counter(word.casefold() for word in _WORD.findall(normalise(text)))


def token_f1(found: str, truth: str) -> float:
    got, want = tokens(found), tokens(truth)
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision = common / sum(got.values())
    recall = common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def author_right(found: str | None, record: dict[str, Any]) -> bool:
    expected = record.get("author")
    if expected is None:
        return found is None
    if found is None:
        return False
    got = fold(found)
    names = record.get("authors") or [expected]
    if got == fold(expected):
        return True
    # Several people: every name there, and nothing much beyond them.
    return all(fold(name) in got for name in names) and len(got) <= len(fold(expected)) + 12


def date_right(item: Item, record: dict[str, Any]) -> bool:
    expected = record.get("published")
    got = item.published.date().isoformat() if item.published else None
    return got == expected or got in (record.get("published_alternatives") or [])


def start_right(body: str, record: dict[str, Any]) -> bool:
    """The body starts at the standfirst or at the first paragraph (a short lead-in at most)."""
    start = normalise(record["body_start"])
    where = body.find(start)
    if where < 0:
        return False
    before = body[:where]
    if len(before) <= 40:
        return True
    standfirst = record.get("standfirst")
    if standfirst:
        head = normalise(standfirst)[:40]
        at = before.find(head)
        return 0 <= at <= 40 and len(before) <= len(normalise(standfirst)) + 200
    return False


def end_right(body: str, record: dict[str, Any]) -> bool:
    end = normalise(record["body_end"])
    where = body.rfind(end)
    return where >= 0 and len(body) - (where + len(end)) <= 40


@dataclass
class Rates:
    counts: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)
    f1: list[float] = field(default_factory=list)

    def add(self, name: str, ok: bool) -> None:
        self.totals[name] += 1
        self.counts[name] += int(ok)

    def line(self, name: str) -> str:
        total = self.totals[name]
        if not total:
            return f"{name} -"
        return f"{name} {self.counts[name]}/{total}"


def import_one(path: Path) -> tuple[list[Item], str | None]:
    """The items a file gives through the real importer, or why it failed."""
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        library = Library.open(Path(scratch) / "library.db")
        try:
            import_files(
                library,
                [path],
                max_bytes=_MAX_BYTES,
                parallel=False,
                group_stories=False,
                on_failure=lambda failure: failures.append(failure.reason),
            )
            items = sorted(library.iter_items(), key=lambda item: item.id)
        finally:
            library.close()
    return items, (failures[0] if failures else None)


def read_lines(path: Path, encoding: str | None) -> list[str]:
    """The distinct lines, with the control and bidi characters reader strips from any
    untrusted text taken out (they are never shown, so a title without them is the line)."""
    data = path.read_bytes().decode(encoding or "utf-8", errors="replace")
    seen: dict[str, None] = {}
    for line in data.split("\n"):
        line = normalise(strip_controls(line))
        if line:
            seen.setdefault(line, None)
    return list(seen)


def evaluate(root: Path, only: str | None, worst: int) -> int:
    records = json.loads((root / "expectations.json").read_text(encoding="utf-8"))
    rates: dict[str, Rates] = defaultdict(Rates)
    problems: list[tuple[float, str, str]] = []
    for record in records:
        if only and only not in record["file"]:
            continue
        kind = record["kind"]
        path = root / record["file"]
        items, failure = import_one(path)
        rate = rates[kind]
        rate.totals["files"] += 1
        rate.add("imported", failure is None)
        if kind == "list":
            lines = read_lines(path, record.get("encoding"))
            titles = Counter(normalise(item.title) for item in items if item.kind == "headline")
            found = sum(1 for line in lines if line in titles)
            rate.counts["lines"] += found
            rate.totals["lines"] += len(lines)
            rate.counts["items"] += len(items)
            rate.totals["items"] += record["entries"]
            for must in record.get("must_contain") or []:
                rate.add("must_contain", normalise(must) in titles)
            if found < len(lines):
                missing = [line for line in lines if line not in titles][:3]
                problems.append((found / len(lines), record["file"], f"missing {missing}"))
            continue
        if kind == "feed":
            ok = len(items) == record["entries"]
            rate.add("entries", ok)
            if items:
                rate.add("first_title", fold(items[0].title) == fold(record["first_title"]))
                rate.add("last_title", fold(items[-1].title) == fold(record["last_title"]))
            if not ok:
                problems.append((0.0, record["file"], f"{len(items)} of {record['entries']}"))
            continue
        articles = [item for item in items if item.kind == "article"]
        one = len(articles) == 1
        rate.add("one_article", one)
        rate.counts["items"] += len(items)
        article = max(articles, key=lambda item: len(item.body_text)) if articles else None
        if article is None:
            problems.append((0.0, record["file"], failure or f"{len(items)} items, no article"))
            for name in ("title", "author", "date", "start", "end", "clean", "all"):
                rate.add(name, False)
            continue
        body = normalise(" ".join(block.text for block in article.blocks))
        title_ok = fold(article.title) == fold(record["title"])
        author_ok = author_right(article.author, record)
        date_ok = date_right(article, record)
        if record.get("body_start"):
            start_ok = start_right(body, record)
            end_ok = end_right(body, record)
        else:  # a paywalled page with no body: nothing but the standfirst may be there
            start_ok = end_ok = len(body) <= len(normalise(record.get("standfirst") or "")) + 40
        leaks = [s for s in record.get("must_not_contain") or [] if normalise(s) in body]
        rate.add("title", title_ok)
        rate.add("author", author_ok)
        rate.add("date", date_ok)
        rate.add("start", start_ok)
        rate.add("end", end_ok)
        rate.add("clean", not leaks)
        every = one and title_ok and start_ok and end_ok and not leaks
        rate.add("all", every)
        truth = record.get("truth_body_file")
        truth_path = root / truth if truth else None
        f1 = None
        if truth_path is not None and truth_path.is_file():
            f1 = token_f1(body, truth_path.read_text(encoding="utf-8"))
            rate.f1.append(f1)
        wrong = [
            name
            for name, ok in (
                ("articles", one),
                ("title", title_ok),
                ("author", author_ok),
                ("date", date_ok),
                ("start", start_ok),
                ("end", end_ok),
                ("clean", not leaks),
            )
            if not ok
        ]
        if wrong or (f1 is not None and f1 < 0.97):
            detail = (
                f"{len(articles)} articles/{len(items)} items; wrong: {', '.join(wrong) or '-'}"
                f"; title {article.title[:70]!r}; author {article.author!r}"
                f"; date {article.published.date() if article.published else None}"
            )
            if f1 is not None:
                detail += f"; F1 {f1:.3f}"
            if leaks:
                detail += f"; leaks {leaks[:2]}"
            problems.append((1 - len(wrong) / 7, record["file"], detail))

    print("kind  files  figures")
    for kind in ("list", "feed", "text", "html"):
        if kind not in rates:
            continue
        rate = rates[kind]
        names = {
            "list": ("imported", "lines", "items", "must_contain"),
            "feed": ("imported", "entries", "first_title", "last_title"),
        }.get(kind, ("one_article", "title", "author", "date", "start", "end", "clean", "all"))
        figures = []
        for name in names:
            total = rate.totals[name]
            share = rate.counts[name] / total if total else 0.0
            figures.append(f"{name} {rate.counts[name]}/{total} ({share:.0%})")
        if rate.f1:
            figures.append(f"body F1 {sum(rate.f1) / len(rate.f1):.3f} (n={len(rate.f1)})")
        if kind in ("text", "html"):
            figures.append(f"items {rate.counts['items']}")
        print(f"{kind:5} {rate.totals['files']:5}  " + ", ".join(figures))
    if problems and worst:
        print(f"\nworst files (up to {worst}):")
        for _, name, detail in sorted(problems)[:worst]:
            print(f"  {name}: {detail}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", type=Path, help="the dev set folder (with expectations.json)")
    parser.add_argument("--worst", type=int, default=40, help="how many bad files to list")
    parser.add_argument("--file", help="only records whose file name contains this")
    args = parser.parse_args()
    return evaluate(args.root, args.file, args.worst)


if __name__ == "__main__":
    sys.exit(main())
