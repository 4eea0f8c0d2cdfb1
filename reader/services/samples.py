"""The bundled sample library that a first start imports."""

from __future__ import annotations

import tomllib
from pathlib import Path

from reader.library import Library
from reader.services.importing import ImportReport, import_files

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # reader/


def sample_data_dir() -> Path | None:
    """Where the sample files are: inside an installed wheel, or beside a source checkout."""
    for candidate in (_PACKAGE_DIR / "sample_data", _PACKAGE_DIR.parent / "sample_data"):
        if candidate.is_dir():
            return candidate
    return None


def sample_files() -> list[Path]:
    """The sample inputs to import (the folder's README describes them; it is not news)."""
    folder = sample_data_dir()
    if folder is None:
        return []
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".") and path.name not in _NOT_NEWS
    )


_NOT_NEWS = frozenset({"README.md", "sources.toml"})


def sample_sources() -> dict[Path, str]:
    """The outlet each sample file comes from (sources.toml), for files that name none."""
    folder = sample_data_dir()
    if folder is None or not (folder / "sources.toml").is_file():
        return {}
    table = tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))
    return {folder / name: str(source) for name, source in table.items()}


def import_samples(library: Library, *, max_bytes: int) -> ImportReport:
    """Import the sample files, one import per outlet so each file carries its outlet's
    name, as a user's `reader import --source NAME` would."""
    sources = sample_sources()
    report = ImportReport()
    by_source: dict[str | None, list[Path]] = {}
    for path in sample_files():
        by_source.setdefault(sources.get(path), []).append(path)
    for source, paths in by_source.items():
        import_files(library, paths, source=source, max_bytes=max_bytes, report=report)
    return report
