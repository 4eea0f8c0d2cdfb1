"""Short versions of benchmarks/stress.py: kills of `reader import` lose nothing, and
writers beside an import never see "database is locked" (the long run is the benchmark)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.stress import contention, kill_loop, write_feeds


def test_killed_imports_leave_whole_files_and_consistent_stories(tmp_path: Path) -> None:
    report = kill_loop(
        tmp_path / "lib.sqlite3", tmp_path / "feeds", rounds=6, files=3, per_file=500,
        max_delay=3.0, seed=3,
    )  # fmt: skip
    assert report.kills >= 3  # the import must have been caught running
    assert report.kills_by_phase.get("group", 0) >= 1  # and while it was grouping stories
    assert report.integrity_failures == 0
    assert report.partial_files == 0
    assert report.inconsistent_stories == 0
    assert report.leftover_helpers == 0
    assert (report.final_items, report.final_ungrouped) == (report.expected_items, 0)


def test_taggers_beside_an_import_lose_nothing_and_never_see_a_lock(tmp_path: Path) -> None:
    library = tmp_path / "lib.sqlite3"
    # A plain import first: one round, too short a delay to matter, then the final run.
    kill_loop(library, tmp_path / "first", rounds=1, files=2, per_file=100, max_delay=0.3)
    more = tmp_path / "more"
    write_feeds(more, files=8, per_file=500, prefix="more")
    report = contention(library, more, ops=200, items=30)
    assert (report.lost_tags, report.locked_errors, report.other_errors) == (0, 0, 0)
