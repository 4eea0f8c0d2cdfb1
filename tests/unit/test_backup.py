"""reader's own exports import back as the items they hold: an export is a backup."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reader.library import Library
from reader.model import Block, ParsedDocument, ParsedItem
from reader.services.exporting import EXPORT_FORMATS, ExportFormat, item_to_dict, write_items
from reader.services.importing import import_files, store_document

MAX_BYTES = 50 * 1_048_576


def _fill(library: Library) -> None:
    """A small library with everything an export must keep: two sources, headings, a
    derived title, dates, links, tags, read and star state, text that looks like markup."""
    wire = (
        ParsedItem(
            "article",
            "Harbour cranes idle as dock strike enters second week",
            blocks=(
                Block("Port workers walked out on Monday over shift rotas."),
                Block("What the union asks", heading=True),
                Block("A *four-day* week, and [no] night shifts <for> the over-sixties."),
                Block("# not a heading, | not a table"),
            ),
            author="Ines Carvalho",
            published=datetime(2026, 3, 4, 9, 30, tzinfo=UTC),
            url="https://example.org/ports/strike?id=7&ref=<rss>",
            guid="urn:example:ports-7",
        ),
        ParsedItem("headline", "-2+3 : le pari fiscal du gouvernement"),
        ParsedItem("headline", "=SUM(A1) is not a formula here"),
        ParsedItem("headline", "'Quoted' headline, with a leading quote"),
    )
    gazette = (
        ParsedItem(
            "article",
            "Les vendanges commencent avec trois semaines d'avance",
            title_derived=True,
            blocks=(Block("Les vendanges commencent avec trois semaines d'avance dans le Gard."),),
            published=datetime(2026, 8, 20, tzinfo=UTC),
        ),
        ParsedItem("headline", "Olympics ratings plummet"),
        ParsedItem("headline", "Olympics Ratings Plummet"),
    )
    for name, items in (("Wire", wire), ("La Gazette", gazette)):
        store_document(
            library, ParsedDocument(items=items), source_name=name, source_kind="file", origin=None
        )
    by_title = {item.title: item.id for item in library.list_items()}
    library.tag([by_title["Harbour cranes idle as dock strike enters second week"]],
                ["later", "ports & docks"])  # fmt: skip
    library.tag([by_title["Olympics ratings plummet"]], ["sport"])
    library.set_read([by_title["-2+3 : le pari fiscal du gouvernement"]])
    library.set_starred([by_title["Les vendanges commencent avec trois semaines d'avance"]])


def _contents(library: Library) -> list[dict[str, Any]]:
    """Every item as the JSON export shows it, minus what a new library numbers itself."""
    rows = []
    for item in library.iter_items():
        data = item_to_dict(item)
        del data["id"], data["story"]
        rows.append(data)
    return sorted(rows, key=lambda row: (row["source"], row["title"]))


def _export(library: Library, fmt: ExportFormat, path: Path) -> Path:
    out = io.StringIO()
    write_items(library.iter_items(), out, fmt)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def filled(library: Library) -> Library:
    _fill(library)
    return library


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_an_export_imports_back_as_the_items_it_holds(
    filled: Library, tmp_path: Path, fmt: ExportFormat
) -> None:
    exported = _export(filled, fmt, tmp_path / f"backup.{fmt}")
    with Library.open(tmp_path / "restored.sqlite3") as restored:
        report = import_files(restored, [exported], max_bytes=MAX_BYTES)
        assert report.ok, report.failures
        assert report.added == 7
        assert _contents(restored) == _contents(filled)
        assert {source.name for source in restored.sources()} == {"Wire", "La Gazette"}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_exports_are_recognised_by_content_whatever_their_name(
    filled: Library, tmp_path: Path, fmt: ExportFormat
) -> None:
    exported = _export(filled, fmt, tmp_path / "saved-on-tuesday.txt")
    with Library.open(tmp_path / "restored.sqlite3") as restored:
        report = import_files(restored, [exported], max_bytes=MAX_BYTES)
        assert report.added == 7
        assert "Harbour cranes idle as dock strike enters second week" in {
            item.title for item in restored.list_items()
        }


def test_restoring_a_backup_into_its_own_library_adds_nothing(
    filled: Library, tmp_path: Path
) -> None:
    before = _contents(filled)
    report = import_files(filled, [_export(filled, "jsonl", tmp_path / "b.jsonl")],
                          max_bytes=MAX_BYTES)  # fmt: skip
    assert (report.added, report.duplicates) == (0, 7)
    assert _contents(filled) == before


def test_a_backup_restores_state_onto_items_already_there(filled: Library, tmp_path: Path) -> None:
    """Tags, read and star from the backup are added to the same items in another library;
    nothing the other library set is undone."""
    exported = _export(filled, "json", tmp_path / "b.json")
    with Library.open(tmp_path / "other.sqlite3") as other:
        store_document(other, ParsedDocument(items=(ParsedItem("headline", "Olympics ratings plummet"),)),
            source_name="La Gazette", source_kind="file", origin=None, tags=("mine",),
        )  # fmt: skip
        import_files(other, [exported], max_bytes=MAX_BYTES)
        (item,) = [item for item in other.list_items() if item.title == "Olympics ratings plummet"]
        assert set(item.tags) == {"mine", "sport"}


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote(filled: Library) -> None:
    out = io.StringIO()
    write_items(filled.iter_items(), out, "csv")
    text = out.getvalue()
    assert "'-2+3 : le pari fiscal" in text
    assert "'=SUM(A1)" in text
    assert "''Quoted' headline" in text


def test_an_edited_markdown_title_comes_back_edited(filled: Library, tmp_path: Path) -> None:
    exported = _export(filled, "markdown", tmp_path / "list.md")
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace("## Olympics ratings plummet\n", "## Ratings fall\n"))
    with Library.open(tmp_path / "restored.sqlite3") as restored:
        import_files(restored, [exported], max_bytes=MAX_BYTES)
        titles = {item.title for item in restored.list_items()}
        assert "Ratings fall" in titles and "Olympics ratings plummet" not in titles


def test_a_cut_short_backup_is_refused_whole_with_its_line(filled: Library, tmp_path: Path) -> None:
    exported = _export(filled, "jsonl", tmp_path / "b.jsonl")
    data = exported.read_bytes()
    exported.write_bytes(data[: len(data) - 40])
    with Library.open(tmp_path / "restored.sqlite3") as restored:
        report = import_files(restored, [exported], max_bytes=MAX_BYTES)
        assert report.added == 0
        (failure,) = report.failures
        assert "line 7" in failure.reason and "cut short" in failure.reason
        assert restored.is_empty()


def test_an_empty_export_says_so(tmp_path: Path, library: Library) -> None:
    empty = tmp_path / "nothing.json"
    empty.write_text("[]\n")
    report = import_files(library, [empty], max_bytes=MAX_BYTES)
    assert [failure.reason for failure in report.failures] == ["no items in this reader export"]


def test_source_option_puts_a_backup_under_one_source(filled: Library, tmp_path: Path) -> None:
    exported = _export(filled, "json", tmp_path / "b.json")
    with Library.open(tmp_path / "restored.sqlite3") as restored:
        import_files(restored, [exported], source="Archive", max_bytes=MAX_BYTES)
        assert [source.name for source in restored.sources()] == ["Archive"]
        assert restored.count_items() == 7
