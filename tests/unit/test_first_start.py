"""First start: a brand-new default library gets the bundled sample library, once."""

from __future__ import annotations

from pathlib import Path

from reader import paths
from reader.app_launch import _seed_first_start
from reader.library import Library
from reader.model import ItemFilter
from reader.services.samples import sample_files


def test_sample_library_is_bundled_and_has_no_readme() -> None:
    files = sample_files()
    assert len(files) >= 15
    assert all(path.name not in {"README.md", "sources.toml"} for path in files)
    assert {path.suffix for path in files} >= {".txt", ".html", ".opml", ".atom", ".xml"}


def test_first_start_imports_samples_into_the_default_library() -> None:
    said = _seed_first_start(library_file_existed=False, explicit=None)
    assert said is not None and "imported the bundled sample library" in said
    with Library.open(paths.default_library_path()) as library:
        assert library.count_items(ItemFilter(kind="headline")) >= 150
        assert library.count_items(ItemFilter(kind="article")) >= 12
        items = library.list_items()
        assert all(item.source not in {"README.md", "sources.toml"} for item in items)
        # Plain-text articles carry their outlet's name (sources.toml), not a file name.
        sources = {item.source for item in items if item.kind == "article"}
        assert {"Le Courrier du Matin", "The Orbital Report", "Sud Ovale"} <= sources
        assert not any(source.endswith(".txt") for source in sources)


def test_no_seeding_for_existing_or_explicit_libraries(tmp_path: Path) -> None:
    assert _seed_first_start(library_file_existed=True, explicit=None) is None
    explicit = tmp_path / "mine.sqlite3"
    assert _seed_first_start(library_file_existed=False, explicit=str(explicit)) is None
    assert not explicit.exists()
