"""A damaged environment: a full disk, a truncated or foreign library file, and libraries
from every earlier schema. Each gives a clear line and keeps what was there."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reader.cli.main import run
from reader.library import Library
from reader.library.schema import LATEST_VERSION
from reader.search.engine import Searcher
from reader.services import stories as story_service
from reader.services.importing import FileFailure, import_paths
from tests.old_libraries import STORIES_VERSION, library_at


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_a_library_from_every_earlier_schema_upgrades_keeping_everything(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / f"v{version}.sqlite3"
    library_at(path, version)
    with Library.open(path) as library:
        assert library.schema_version == LATEST_VERSION
        items = {item.id: item for item in library.list_items()}
        assert sorted(items) == [1, 2, 3, 4]  # both cases of the headline are kept
        assert (items[1].read, items[2].starred) == (True, True)
        assert items[3].tags == ("later", "Port") and items[1].tags == ("Port",)
        assert [b.text for b in library.get_item(3).blocks] == ["The crane fell.", "Next"]
        story_service.list_stories(library)  # grouping an upgraded library
        grouped = {item.id: item.story_id for item in library.list_items()}
        assert all(story is not None for story in grouped.values())
        if version >= STORIES_VERSION:  # the item split by hand keeps a story of its own
            story_id = grouped[4]
            assert story_id is not None
            alone = story_service.story(library, story_id)
            assert [item.id for item in alone.items] == [4] and alone.pinned == (4,)
        assert library.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Searcher.open(path) as searcher:
        found = [hit.title for hit in searcher.search("crane collapse").hits]
        assert found[0] == "Crane collapse halts the harbour"


def test_a_full_disk_fails_one_file_and_keeps_the_library(tmp_path: Path) -> None:
    """SQLITE_FULL, injected with max_page_count: what a full disk gives SQLite."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-small.txt").write_text("Harbour ferry strike ends\nCouncil votes the budget\n")
    big = "\n".join(f"Headline number {n} about the harbour and its cranes" for n in range(20000))
    (inputs / "b-big.txt").write_text(big + "\n")
    (inputs / "c-small.txt").write_text("Tram line reopens on Monday\n")
    path = tmp_path / "lib.sqlite3"
    failures: list[FileFailure] = []
    with Library.open(path) as library:
        pages = library.connection.execute("PRAGMA page_count").fetchone()[0]
        library.connection.execute(f"PRAGMA max_page_count = {pages + 60}")
        report = import_paths(library, [str(inputs)], max_bytes=10_000_000,
                              on_failure=failures.append)  # fmt: skip
        titles = {item.title for item in library.list_items()}
        assert library.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [failure.path.endswith("b-big.txt") for failure in failures] == [True]
    assert "full" in failures[0].reason and "\n" not in failures[0].reason
    assert report.files == 2
    assert {"Harbour ferry strike ends", "Tram line reopens on Monday"} <= titles
    assert not any(title.startswith("Headline number") for title in titles)  # all or nothing


def _cli(path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = run(["--library", str(path), *args])
    return status, capsys.readouterr().err


def test_a_truncated_library_is_one_line_and_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lib.sqlite3"
    library_at(path, LATEST_VERSION)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    before = _digest(path)
    for command in (["list"], ["tag", "1", "x"], ["search", "crane"], ["stories"]):
        status, err = _cli(path, *command, capsys=capsys)
        assert status == 1, command
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert str(path) in err or "database" in err
    assert _digest(path) == before


@pytest.mark.parametrize("content", [b"\x00" * 4096, b"SQLite format 3\x00" + b"\xff" * 600])
def test_a_garbage_library_file_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "lib.sqlite3"
    path.write_bytes(content)
    status, err = _cli(path, "list", capsys=capsys)
    assert status == 1 and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == content


def test_an_unwritable_library_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user without write permission sees it (tests may run as root, where chmod
    does not stop writes, so permission is refused the way the OS would report it)."""
    path = tmp_path / "lib.sqlite3"
    library_at(path, LATEST_VERSION)
    before = _digest(path)
    monkeypatch.setattr("reader.library.db.os.access", lambda *_args, **_kw: False)
    status, err = _cli(path, "tag", "1", "x", capsys=capsys)
    assert status == 1
    assert err.strip() == f"reader: cannot open library {path}: the file is not writable"
    assert _digest(path) == before


def test_an_empty_library_file_is_a_new_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zero bytes hold nothing to lose, and are what a kill before the library's first
    commit leaves: refusing them would lock the user out of the next run."""
    path = tmp_path / "lib.sqlite3"
    path.touch()
    headlines = tmp_path / "in.txt"
    headlines.write_text("Ferry strike ends at Kestrel Bay\n")
    status, err = _cli(path, "import", str(headlines), capsys=capsys)
    assert (status, err) == (0, "")
    with Library.open(path) as library:
        assert [item.title for item in library.list_items()] == ["Ferry strike ends at Kestrel Bay"]
