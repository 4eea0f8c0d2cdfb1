"""Crafted worst cases for every parser: each imports or is refused with one line, and no
file can hold the importer hostage (a time budget per file, besides the size limit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.reading import read_document
from reader.library import Library
from reader.services.importing import FileFailure, import_files


def _deep_html(depth: int) -> bytes:
    return (("<div>" * depth) + "<p>Ferry strike ends at Kestrel Bay after talks</p>"
            + ("</div>" * depth)).encode()  # fmt: skip


def _deep_feed(depth: int) -> bytes:
    body = "&lt;b&gt;" * depth + "Council votes the harbour budget"
    return (f"<rss version='2.0'><channel><title>t</title><item><title>Deep</title>"
            f"<description>{body}</description></item></channel></rss>").encode()  # fmt: skip


def _attributes(count: int) -> bytes:
    attributes = " ".join(f"data-x{n}='{n}'" for n in range(count))
    return (f"<html><body><article {attributes}><h1>Harbour reopens</h1>"
            f"<p {attributes}>The port reopened on Monday after the inquiry.</p>"
            "</article></body></html>").encode()  # fmt: skip


def _tiny_entries(count: int) -> bytes:
    entries = "".join(f"<entry><title>t{n}</title><id>i{n}</id></entry>" for n in range(count))
    return (f"<feed xmlns='http://www.w3.org/2005/Atom'><title>many</title>{entries}"
            "</feed>").encode()  # fmt: skip


CASES = {
    "deep.html": _deep_html(20_000),
    "deep-feed.xml": _deep_feed(20_000),
    "attributes.html": _attributes(20_000),
    "whitespace.txt": b"Tram line reopens" + b" \t" * 1_000_000 + b"\nBudget vote\n",
    "blank-lines.txt": b"\n \n" * 300_000 + b"Harbour ferry strike ends\n",
    "tiny-entries.atom": _tiny_entries(20_000),
    "one-long-line.txt": b"word " * 400_000,
}


def _import(tmp_path: Path, name: str, data: bytes, **options: float) -> tuple[int, list[str]]:
    path = tmp_path / name
    path.write_bytes(data)
    failures: list[FileFailure] = []
    with Library.open(tmp_path / "lib.sqlite3") as library:
        # Parsing is what is measured here: grouping has its own budget (story_bench).
        report = import_files(library, [path], max_bytes=20_000_000, parallel=False,
                              on_failure=failures.append, group_stories=False,
                              **options)  # type: ignore[arg-type]  # fmt: skip
        assert library.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return report.added, [failure.reason for failure in failures]


@pytest.mark.parametrize("name", sorted(CASES))
def test_worst_cases_import_or_are_refused_in_one_line(tmp_path: Path, name: str) -> None:
    added, reasons = _import(tmp_path, name, CASES[name])
    assert bool(added) != bool(reasons)
    assert all("\n" not in reason and "Traceback" not in reason for reason in reasons)


def test_a_file_over_the_time_budget_is_refused_and_the_rest_goes_on(tmp_path: Path) -> None:
    slow = tmp_path / "slow.atom"
    slow.write_bytes(_tiny_entries(60_000))
    fine = tmp_path / "fine.txt"
    fine.write_text("Ferry strike ends at Kestrel Bay\n")
    # The text parsers' modules load on first use (about 70 ms): load them before the
    # tiny budget, which is about the slow file, not about Python's imports.
    read_document(fine, max_bytes=1000)
    failures: list[FileFailure] = []
    with Library.open(tmp_path / "lib.sqlite3") as library:
        report = import_files(library, [slow, fine], max_bytes=20_000_000, parallel=False,
                              on_failure=failures.append, max_seconds=0.05)  # fmt: skip
        titles = [item.title for item in library.list_items()]
    assert [failure.path for failure in failures] == [str(slow)]
    assert failures[0].reason.startswith("took more than 0.05 s to read; refused")
    assert titles == ["Ferry strike ends at Kestrel Bay"]
    assert report.files == 1
