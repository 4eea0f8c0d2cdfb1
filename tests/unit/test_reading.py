"""Reading one input: detection by content, and one clear reason for every bad file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.ingest.reading import InputError, read_document
from reader.library import Library
from reader.model import ItemFilter, ParsedDocument
from reader.services import stories as story_service
from reader.services.importing import import_files, import_paths

DATA = Path(__file__).resolve().parent.parent / "data"
LIMIT = 50 * 1024 * 1024


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def test_a_feed_saved_as_txt_is_read_as_a_feed(tmp_path: Path) -> None:
    disguised = _copy(DATA / "feeds" / "rss2-courrier.xml", tmp_path / "saved-page.txt")
    document = read_document(disguised, max_bytes=LIMIT)
    assert document.source_kind == "feed"
    assert document.source_name and document.source_name != "saved-page.txt"
    assert any(item.kind == "article" for item in document.items)


def test_html_and_opml_without_extension_are_detected(tmp_path: Path) -> None:
    page = _copy(next((DATA / "html").glob("*.html")), tmp_path / "page")
    assert read_document(page, max_bytes=LIMIT).source_kind == "site"
    opml = _copy(next((DATA / "feeds").glob("*.opml")), tmp_path / "subscriptions")
    assert read_document(opml, max_bytes=LIMIT).feeds


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"-\n-\n***\n", "no headlines or articles found"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti', "not a valid"),
    ],
)
def test_bad_inputs_give_one_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason) as caught:
        read_document(path, max_bytes=LIMIT)
    assert "\n" not in str(caught.value)


def test_entity_bomb_is_refused_without_expansion(tmp_path: Path) -> None:
    bomb = tmp_path / "feed.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY a "aaaaaaaaaa">\n'
        ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
        ' <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        '<rss version="2.0"><channel><title>&c;</title><item><title>&c;</title></item>'
        "</channel></rss>\n"
    )
    with pytest.raises(InputError, match="DTD entity"):
        read_document(bomb, max_bytes=LIMIT)


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Headline\n" * 1000)
    with pytest.raises(InputError, match=r"file too large \(0\.0 MB, the limit is 0 MB"):
        read_document(path, max_bytes=100)


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("A headline\n")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="permission denied"):
        read_document(path, max_bytes=LIMIT)


def test_mixed_folder_imports_good_files_and_reports_bad_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copy(DATA / "feeds" / "rss2-courrier.xml", folder / "feed.xml")
    _copy(DATA / "feeds" / "atom-workshop.atom", folder / "atom.xml")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bomb.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><title>&x;</title></channel></rss>"
    )
    failures: list[str] = []
    with Library.open(tmp_path / "lib.sqlite3") as library:
        report = import_paths(
            library, [str(folder)], max_bytes=LIMIT, on_failure=lambda f: failures.append(str(f))
        )
        assert report.files == 2
        assert report.added == library.count_items() > 0
        assert library.count_items(ItemFilter(kind="article")) > 0
        assert all("root:" not in item.title for item in library.list_items())
    assert sorted(failures) == [
        f"{folder / 'bomb.xml'}: refuses DTD entity declarations",
        f"{folder / 'empty.txt'}: empty file",
    ]


def _library_snapshot(path: Path) -> list[tuple[str, str, str]]:
    with Library.open(path) as library:
        return sorted((i.source, i.kind, i.title) for i in library.list_items())


def test_parallel_import_stores_what_a_serial_import_stores(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for name in ("rss2-courrier.xml", "atom-workshop.atom", "rdf-observatory.rdf"):
        _copy(DATA / "feeds" / name, folder / name)
    for fixture in sorted((DATA / "textdump").glob("*.txt"))[:5]:
        _copy(fixture, folder / fixture.name)
    (folder / "empty.txt").write_bytes(b"")
    reports = []
    for name, parallel in (("serial", False), ("parallel", True)):
        with Library.open(tmp_path / f"{name}.sqlite3") as library:
            files = sorted(folder.iterdir())
            reports.append(import_files(library, files, max_bytes=LIMIT, parallel=parallel))
    serial, parallel_report = reports
    assert serial.summary_line() == parallel_report.summary_line()
    assert serial.failures == parallel_report.failures
    assert _library_snapshot(tmp_path / "serial.sqlite3") == _library_snapshot(
        tmp_path / "parallel.sqlite3"
    )


def test_a_parser_crash_costs_one_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.services.importing as importer

    good = tmp_path / "good.txt"
    good.write_text("A headline that is fine\n")
    bad = tmp_path / "bad.txt"
    bad.write_text("Another headline\n")
    real = importer.read_document  # type: ignore[attr-defined]

    def flaky(path: Path, *, max_bytes: int) -> ParsedDocument:
        if path.name == "bad.txt":
            raise KeyError("surprise")
        return real(path, max_bytes=max_bytes)

    monkeypatch.setattr(importer, "read_document", flaky)
    with Library.open(tmp_path / "lib.sqlite3") as library:
        report = import_files(library, [bad, good], max_bytes=LIMIT, parallel=False)
        assert library.count_items() == 1
    assert report.files == 1
    assert [str(f) for f in report.failures] == [
        f"{bad}: unexpected error while reading (KeyError: 'surprise')"
    ]


def test_an_import_groups_its_items_into_stories_once_all_files_are_in(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for fixture in sorted((DATA / "textdump").glob("*.txt"))[:6]:
        _copy(fixture, folder / fixture.name)
    progress: list[tuple[int, int]] = []
    with Library.open(tmp_path / "lib.sqlite3") as library:
        report = import_paths(
            library, [str(folder)], max_bytes=LIMIT,
            on_grouping=lambda done, total: progress.append((done, total)),
        )  # fmt: skip
        assert report.ok and report.grouped == report.added > 0
        assert progress[-1] == (report.added, report.added)
        assert all(item.story_id is not None for item in library.list_items())


def test_stored_items_survive_a_failed_grouping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.library import LibraryError
    from reader.services import importing

    folder = tmp_path / "in"
    for fixture in sorted((DATA / "textdump").glob("*.txt"))[:3]:
        _copy(fixture, folder / fixture.name)
    failures: list[str] = []

    def locked(library: Library, on_progress: object = None) -> int:
        raise LibraryError("lib.sqlite3: cannot write (database is locked)")

    with Library.open(tmp_path / "lib.sqlite3") as library:
        with monkeypatch.context() as patch:
            patch.setattr(importing, "group_stories_of_new_items", locked)
            report = import_paths(library, [str(folder)], max_bytes=LIMIT,
                                  on_failure=lambda f: failures.append(str(f)))  # fmt: skip
        assert not report.ok and report.files == 3 and report.added > 0
        assert failures == [
            "stories: not grouped yet (lib.sqlite3: cannot write (database is locked))"
        ]
        assert library.count_items() == report.added
        # The next story command groups what the import could not.
        assert story_service.list_stories(library)
        assert all(item.story_id is not None for item in library.list_items())
